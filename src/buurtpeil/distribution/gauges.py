"""The sending's gauges for /metrics (``core.metrics``): messages waiting, being sent, failed."""

from collections.abc import Iterable

from django.db.models import Count

from buurtpeil.core.metrics import DatabaseGauge, GaugeValue, gauges
from buurtpeil.distribution.models import Delivery

SHOWN = (Delivery.Status.PENDING, Delivery.Status.SENDING, Delivery.Status.FAILED)


@gauges("deliveries")
class DeliveryGauge(DatabaseGauge):
    name = "buurtpeil_deliveries"
    documentation = "Messages (invitations, reminders, notices) waiting, being sent, or failed for good."
    labels = ("status",)

    def values(self) -> Iterable[GaugeValue]:
        counts = dict(
            Delivery.objects.filter(status__in=SHOWN).order_by().values_list("status").annotate(n=Count("pk"))
        )
        return [GaugeValue({"status": status}, counts.get(status, 0)) for status in SHOWN]
