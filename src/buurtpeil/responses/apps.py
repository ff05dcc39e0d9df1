from django.apps import AppConfig


class ResponsesConfig(AppConfig):
    name = "buurtpeil.responses"
    label = "responses"

    def ready(self):
        # The erasure receiver, and the gauges this app adds to /metrics.
        from buurtpeil.responses import gauges, receivers  # noqa: F401
