from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "buurtpeil.indicators"
    label = "indicators"
