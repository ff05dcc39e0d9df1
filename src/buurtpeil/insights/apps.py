from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "buurtpeil.insights"
    label = "insights"
