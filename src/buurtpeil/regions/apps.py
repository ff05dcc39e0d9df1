from django.apps import AppConfig


class RegionsConfig(AppConfig):
    name = "buurtpeil.regions"
    label = "regions"
