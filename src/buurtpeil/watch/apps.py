from django.apps import AppConfig


class WatchConfig(AppConfig):
    name = "buurtpeil.watch"
    label = "watch"
