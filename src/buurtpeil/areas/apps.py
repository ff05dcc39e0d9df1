from django.apps import AppConfig


class AreasConfig(AppConfig):
    name = "buurtpeil.areas"
    label = "areas"
