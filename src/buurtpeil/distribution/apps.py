from django.apps import AppConfig


class DistributionConfig(AppConfig):
    name = "buurtpeil.distribution"
    label = "distribution"

    def ready(self):
        # The erasure receiver, and the gauges this app adds to /metrics.
        from buurtpeil.distribution import gauges, receivers  # noqa: F401
