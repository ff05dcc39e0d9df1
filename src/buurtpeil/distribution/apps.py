from django.apps import AppConfig


class DistributionConfig(AppConfig):
    name = "buurtpeil.distribution"
    label = "distribution"

    def ready(self):
        # The erasure receiver, its retention step and the gauges it adds to /metrics.
        from buurtpeil.distribution import gauges, receivers, retention  # noqa: F401
