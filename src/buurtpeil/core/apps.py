from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "buurtpeil.core"
    label = "core"
