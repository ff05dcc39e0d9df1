from django.apps import AppConfig


class ResponsesConfig(AppConfig):
    name = "buurtpeil.responses"
    label = "responses"

    def ready(self):
        # The erasure receiver, its retention step and the gauges it adds to /metrics.
        from buurtpeil.responses import gauges, receivers, retention  # noqa: F401
