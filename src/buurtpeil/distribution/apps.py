from django.apps import AppConfig


class DistributionConfig(AppConfig):
    name = "buurtpeil.distribution"
    label = "distribution"
