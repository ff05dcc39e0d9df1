from django.apps import AppConfig


class PanelConfig(AppConfig):
    name = "buurtpeil.panel"
    label = "panel"
