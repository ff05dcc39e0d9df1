"""The clock of sending: ``distribution_tick`` does whatever is due. ``buurtpeil send-due`` runs
it (from cron or a systemd timer, every few minutes); running it more often or twice at the
same time is harmless, because every step claims its work with a conditional update."""

import logging
from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from buurtpeil.distribution import sending, services
from buurtpeil.distribution.models import Distribution
from buurtpeil.distribution.quiet import quiet_until

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class TickReport:
    started: int
    reminders: int
    ended: int
    expired_claims: int
    queued: int


def distribution_tick(*, now: datetime | None = None) -> TickReport:
    """Start distributions whose start has come, create reminders whose day has come (for
    non-responders), end those past their end, give up on stale claims and queue every due
    delivery — outside quiet hours."""
    now = now or timezone.now()
    started = reminders = ended = 0
    due_starts = Distribution.objects.filter(
        status=Distribution.Status.SCHEDULED, starts_at__lte=now, ends_at__gt=now
    ).values_list("pk", flat=True)
    for distribution_id in list(due_starts):
        if services.distribution_start(distribution_id=distribution_id, now=now):
            started += 1
    running = Distribution.objects.filter(
        status__in=(Distribution.Status.SENDING, Distribution.Status.RUNNING), ends_at__gt=now
    )
    for distribution in running:
        if distribution.reminder_days and services.reminders_create(distribution=distribution, now=now):
            reminders += 1
    for distribution in Distribution.objects.exclude(status=Distribution.Status.ENDED).filter(
        ends_at__lte=now
    ):
        services.distribution_end(distribution=distribution, now=now)
        ended += 1
    expired = sending.claims_expire(now=now)
    queued = 0 if quiet_until(now) else sending.deliveries_enqueue(sending.deliveries_due(now=now), now=now)
    for distribution_id in Distribution.objects.filter(status=Distribution.Status.SENDING).values_list(
        "pk", flat=True
    ):
        services.distribution_settle(distribution_id=distribution_id)
    report = TickReport(started, reminders, ended, expired, queued)
    if any((started, reminders, ended, expired, queued)):
        logger.info("Sending tick: %s", report)
    return report
