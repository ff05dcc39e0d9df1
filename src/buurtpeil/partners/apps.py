from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "buurtpeil.partners"
    label = "partners"
