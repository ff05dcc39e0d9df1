from django.apps import AppConfig


class AnalysesConfig(AppConfig):
    name = "buurtpeil.analyses"
    label = "analyses"
