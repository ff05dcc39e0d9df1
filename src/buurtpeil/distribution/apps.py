from django.apps import AppConfig


class DistributionConfig(AppConfig):
    name = "buurtpeil.distribution"
    label = "distribution"

    def ready(self):
        from buurtpeil.distribution import receivers  # noqa: F401  (connects the erasure receiver)
