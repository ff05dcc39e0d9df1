from django.apps import AppConfig


class PanelConfig(AppConfig):
    name = "buurtpeil.panel"
    label = "panel"

    def ready(self):
        from buurtpeil.panel import retention  # noqa: F401  (registers its retention steps)
