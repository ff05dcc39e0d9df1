from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "buurtpeil.plans"
    label = "plans"
