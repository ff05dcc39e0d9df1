from django.apps import AppConfig


class ResponsesConfig(AppConfig):
    name = "buurtpeil.responses"
    label = "responses"

    def ready(self):
        from buurtpeil.responses import receivers  # noqa: F401  (connects the erasure receiver)
