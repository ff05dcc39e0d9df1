from django.apps import AppConfig


class ConcernsConfig(AppConfig):
    name = "buurtpeil.concerns"
    label = "concerns"

    def ready(self):
        from buurtpeil.concerns import receivers  # noqa: F401  (a member's erasure deletes their signals)
