"""Retention: personal data is deleted when its time is up (decision 0021).

Each app that keeps such data registers a ``RetentionStep`` in ``steps`` (in its
``AppConfig.ready``), so this module need not import the apps above it:
- panel: contact data left behind by members who left more than ``RETENTION_LEFT_GRACE_DAYS``
  ago, members who never finished joining within ``RETENTION_PENDING_DAYS`` (erased), expired
  login links;
- distribution: push subscriptions and opt-outs of members who left;
- responses: the answers to a poll once it has taken no answers for the organisation's
  ``retention_months`` (computed results stay: they hold no personal data).

``retention_run`` runs every step for every organisation, each in its own transaction, and writes
an audit row (``AuditEvent.Action.RETENTION``) with counts, never data: one per organisation
where something was deleted and one for the run. ``buurtpeil retention`` runs it, and so does
``buurtpeil send-due`` once a day (``retention_run_if_due``). Running it twice changes nothing.
"""

from __future__ import annotations

import calendar
import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from buurtpeil.core.registry import Registry
from buurtpeil.organisations.models import AuditEvent, Organisation
from buurtpeil.organisations.services import audit_record

logger = logging.getLogger(__name__)

# ``send-due`` runs the retention when the last run is at least this old.
INTERVAL = timedelta(hours=23)


class RetentionStep:
    """One kind of data deleted after its time. ``label`` says what was deleted, in English,
    for the audit row ("answers of closed polls"); ``run`` deletes it for one organisation and
    returns how many rows (or members) went."""

    identifier: str
    label: str

    def run(self, *, organisation: Organisation, now: datetime) -> int:
        raise NotImplementedError


steps: Registry[RetentionStep] = Registry()


def months_before(moment: datetime, months: int) -> datetime:
    """``moment`` moved back by whole calendar months (31 March less one month is 28/29 February)."""
    month_index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(month_index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def answers_cutoff(organisation: Organisation, now: datetime) -> datetime:
    """Answers to a poll that stopped taking answers before this moment are past retention.
    A period of 0 months counts as 1, so results have time to be computed."""
    return months_before(now, max(organisation.retention_months, 1))


@dataclass
class RetentionReport:
    # organisation code -> step identifier -> count
    counts: dict[str, dict[str, int]] = field(default_factory=dict)

    def totals(self) -> dict[str, int]:
        totals = {step.identifier: 0 for step in steps}
        for counts in self.counts.values():
            for identifier, count in counts.items():
                totals[identifier] = totals.get(identifier, 0) + count
        return totals


def _summary(counts: dict[str, int]) -> str:
    """What was deleted, for the audit row (at most 200 characters): only what was not nothing."""
    done = [f"{steps[identifier].label}: {count}" for identifier, count in counts.items() if count]
    return "; ".join(done) or "nothing to delete"


def retention_run(*, now: datetime | None = None) -> RetentionReport:
    """Delete whatever is past its retention, for every organisation."""
    now = now or timezone.now()
    report = RetentionReport()
    for organisation in Organisation.objects.order_by("code"):
        counts = {}
        for step in steps:
            with transaction.atomic():
                counts[step.identifier] = step.run(organisation=organisation, now=now)
        report.counts[organisation.code] = counts
        if any(counts.values()):
            audit_record(
                organisation=organisation,
                actor=None,
                action=AuditEvent.Action.RETENTION,
                subject=f"Retention: {_summary(counts)}",
            )
    audit_record(
        organisation=None,
        actor=None,
        action=AuditEvent.Action.RETENTION,
        subject=f"Retention run over {len(report.counts)} organisations: {_summary(report.totals())}",
    )
    return report


def retention_run_if_due(*, now: datetime | None = None) -> RetentionReport | None:
    """Run the retention when the last run (its audit row) is older than ``INTERVAL``; None if
    it was not due. Two at the same time are harmless: the second finds nothing left."""
    now = now or timezone.now()
    last = (
        AuditEvent.objects.filter(organisation=None, action=AuditEvent.Action.RETENTION)
        .order_by("-created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    if last is not None and last > now - INTERVAL:
        return None
    return retention_run(now=now)
