from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "buurtpeil.reports"
    label = "reports"
