from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "buurtpeil.api"
    label = "api"
