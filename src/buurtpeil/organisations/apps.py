from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "buurtpeil.organisations"
    label = "organisations"
