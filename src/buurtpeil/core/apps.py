from django.apps import AppConfig
from django.core.signals import request_finished


def _request_id_clear(**kwargs) -> None:
    from buurtpeil.core.logging import request_id

    request_id.set("")


class CoreConfig(AppConfig):
    name = "buurtpeil.core"
    label = "core"

    def ready(self):
        request_finished.connect(_request_id_clear, dispatch_uid="core.request_id_clear")
