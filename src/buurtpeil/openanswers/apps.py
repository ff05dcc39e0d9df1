from django.apps import AppConfig


class OpenAnswersConfig(AppConfig):
    name = "buurtpeil.openanswers"
    label = "openanswers"
