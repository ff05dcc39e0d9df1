from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "buurtpeil.demo"
    label = "demo"
