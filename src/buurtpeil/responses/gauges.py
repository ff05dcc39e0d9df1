"""The answers' gauge for /metrics (``core.metrics``): responses stored, complete or not."""

from collections.abc import Iterable

from django.db.models import Count

from buurtpeil.core.metrics import DatabaseGauge, GaugeValue, gauges
from buurtpeil.responses.models import Response


@gauges("responses")
class ResponseGauge(DatabaseGauge):
    name = "buurtpeil_responses"
    documentation = "Responses stored, by status: in progress or complete (handed in)."
    labels = ("status",)

    def values(self) -> Iterable[GaugeValue]:
        counts = dict(Response.objects.order_by().values_list("status").annotate(n=Count("pk")))
        return [GaugeValue({"status": status}, counts.get(status, 0)) for status in Response.Status.values]
