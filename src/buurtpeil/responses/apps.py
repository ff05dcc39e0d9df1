from django.apps import AppConfig


class ResponsesConfig(AppConfig):
    name = "buurtpeil.responses"
    label = "responses"
