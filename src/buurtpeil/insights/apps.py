from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "buurtpeil.insights"
    label = "insights"

    def ready(self):
        from buurtpeil.insights import receivers  # noqa: F401  (computes or sorts when a poll closes)
