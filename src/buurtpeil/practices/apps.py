from django.apps import AppConfig


class PracticesConfig(AppConfig):
    name = "buurtpeil.practices"
    label = "practices"
