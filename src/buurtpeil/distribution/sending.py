"""Sending deliveries: claim, send, record. A delivery is sent at most once.

A sending task gets delivery ids only. It first *claims* the pending, due deliveries among
them in one short transaction (pending → sending, attempts + 1; rows another worker holds are
skipped), then sends each claimed one and records the outcome. A duplicated or retried task
finds nothing pending and sends nothing; a task that dies after its claim leaves rows in
"sending", which are never claimed again (the tick marks them failed after a while) — so a
crash can lose a message but never send one twice.

A passing failure puts the delivery back to pending with a back-off, up to ``ATTEMPTS_MAX``
attempts; a refusal fails it at once.
"""

import logging
from collections import defaultdict
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from buurtpeil.distribution import channels, notices
from buurtpeil.distribution.models import Delivery, Distribution, OptOut, Recipient
from buurtpeil.distribution.quiet import quiet_until
from buurtpeil.distribution.services import distribution_settle
from buurtpeil.distribution.tokens import token_for
from buurtpeil.distribution.unsubscribe import unsubscribe_token
from buurtpeil.polls.definition import text

logger = logging.getLogger(__name__)

BATCH_SIZE = 500
ATTEMPTS_MAX = 5
REQUEUE_AFTER = timedelta(minutes=10)
STALE_CLAIM = timedelta(minutes=15)
FLUSH_EVERY = 100  # outcomes recorded in one UPDATE
SENDABLE = (Distribution.Status.SENDING, Distribution.Status.RUNNING)


def _sendable() -> Q:
    """Deliveries that may go out now: those of a distribution that is sending or running, and
    notices, which are sent after the poll (see ``notices``)."""
    return Q(recipient__distribution__status__in=SENDABLE) | Q(kind__in=notices.kinds())


def backoff(attempts: int) -> timedelta:
    """Wait before attempt ``attempts + 1``: 2, 4, 8, 16 minutes, at most an hour."""
    return timedelta(minutes=min(2**attempts, 60))


def answer_url(org_code: str, token: str) -> str:
    return settings.SITE_URL + reverse("responses:answer", kwargs={"org_code": org_code, "token": token})


def deliveries_claim(ids, *, now: datetime) -> list[int]:
    """Take the pending, due deliveries among ``ids`` for this caller alone."""
    with transaction.atomic():
        claimed = list(
            Delivery.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(
                pk__in=list(ids),
                status=Delivery.Status.PENDING,
                due_at__lte=now,
            )
            .filter(_sendable())
            .values_list("pk", flat=True)
        )
        if claimed:
            Delivery.objects.filter(pk__in=claimed, status=Delivery.Status.PENDING).update(
                status=Delivery.Status.SENDING, claimed_at=now, attempts=F("attempts") + 1
            )
    return claimed


def deliveries_enqueue(ids, *, now: datetime | None = None) -> int:
    """Queue sending tasks of ``BATCH_SIZE`` ids. In quiet hours a backend that can defer gets
    them for the morning; otherwise they wait for the first tick after the quiet period."""
    from buurtpeil.distribution.tasks import deliveries_send_task  # the task calls back in here

    now = now or timezone.now()
    ids = list(ids)
    task = deliveries_send_task
    morning = quiet_until(now)
    if morning is not None:
        if not task.get_backend().supports_defer:
            return 0
        task = task.using(run_after=morning)
    for start in range(0, len(ids), BATCH_SIZE):
        chunk = ids[start : start + BATCH_SIZE]
        Delivery.objects.filter(pk__in=chunk, status=Delivery.Status.PENDING).update(queued_at=now)
        task.enqueue(chunk)
    return len(ids)


def deliveries_send(ids, *, now: datetime | None = None) -> dict[str, int]:
    """Send the deliveries among ``ids`` that are pending and due; returns counts by outcome."""
    now = now or timezone.now()
    outcome: dict[str, int] = defaultdict(int)
    if quiet_until(now) is not None:
        return outcome
    claimed = deliveries_claim(ids, now=now)
    if not claimed:
        return outcome
    groups: dict[tuple[int, str, str], list[Delivery]] = defaultdict(list)
    for delivery in Delivery.objects.filter(pk__in=claimed).select_related("recipient").order_by("pk"):
        notice = delivery.kind if notices.is_notice(delivery.kind) else ""
        groups[(delivery.recipient.distribution_id, delivery.channel, notice)].append(delivery)
    distributions = Distribution.objects.select_related("organisation", "poll", "version").in_bulk(
        {distribution_id for distribution_id, _channel, _notice in groups}
    )
    for (distribution_id, _channel, notice), group in groups.items():
        _send_group(distributions[distribution_id], group, now, outcome, kind=notice or "invite")
    for distribution_id in distributions:
        distribution_settle(distribution_id=distribution_id)
    return outcome


class _Records:
    """Outcomes written in bulk: one UPDATE per outcome and reason every ``FLUSH_EVERY``
    messages and at the end. A worker killed in between leaves at most that many sent
    messages in "sending"; they are marked failed later and, like any claim, never resent."""

    def __init__(self, now: datetime):
        self.now = now
        self.waiting: dict[tuple[str, str], list[int]] = defaultdict(list)
        self.invited: list[int] = []
        self.count = 0

    def add(self, delivery: Delivery, status: str, error: str = "") -> None:
        self.waiting[(status, error[:200])].append(delivery.pk)
        if status == Delivery.Status.SENT and delivery.kind == "invite":
            self.invited.append(delivery.recipient_id)
        self.count += 1
        if self.count >= FLUSH_EVERY:
            self.flush()

    def flush(self) -> None:
        for (status, error), ids in self.waiting.items():
            Delivery.objects.filter(pk__in=ids, status=Delivery.Status.SENDING).update(
                status=status, error=error, sent_at=self.now if status == Delivery.Status.SENT else None
            )
        if self.invited:
            Recipient.objects.filter(pk__in=self.invited, invited_at__isnull=True).update(invited_at=self.now)
        self.waiting.clear()
        self.invited.clear()
        self.count = 0


def _retry(delivery: Delivery, reason: str, *, now: datetime) -> str:
    claimed = Delivery.objects.filter(pk=delivery.pk, status=Delivery.Status.SENDING)
    if delivery.attempts >= ATTEMPTS_MAX:  # read after the claim, which counted this attempt
        claimed.update(
            status=Delivery.Status.FAILED, error=f"{reason}; gave up after {ATTEMPTS_MAX} attempts"[:200]
        )
        return "failed"
    claimed.update(
        status=Delivery.Status.PENDING,
        error=reason[:200],
        due_at=now + backoff(delivery.attempts),
        queued_at=None,
    )
    return "retry"


class _Messages:
    """Builds each recipient's message; the links are reversed once per group, not per message.
    A group holds one kind of message only when it is a notice (see ``_send_group``)."""

    PLACEHOLDER = "bp0placeholder0"

    def __init__(self, distribution: Distribution, channel: str, kind: str = "invite"):
        organisation = distribution.organisation
        language = organisation.default_language
        definition = distribution.version.definition
        self.distribution, self.channel = distribution, channel
        self.organisation_name, self.language = organisation.name, language
        self.poll_title = (
            text(definition.get("title"), language, definition.get("languages")) or distribution.poll.title
        )
        self.answer_base = answer_url(organisation.code, self.PLACEHOLDER)
        self.notice_url = (
            notices.register[kind].url(organisation=organisation, poll=distribution.poll)
            if notices.is_notice(kind)
            else ""
        )
        self.unsubscribe_base = settings.SITE_URL + reverse(
            "distribution:unsubscribe", kwargs={"org_code": organisation.code, "token": self.PLACEHOLDER}
        )

    def __call__(self, delivery: Delivery) -> channels.Message:
        recipient = delivery.recipient
        unsubscribe = unsubscribe_token(
            organisation_id=self.distribution.organisation_id,
            member_key=recipient.member_key,
            channel=self.channel,
        )
        return channels.Message(
            organisation_name=self.organisation_name,
            poll_title=self.poll_title,
            kind=delivery.kind,
            language=self.language,
            answer_url=self.notice_url
            or self.answer_base.replace(self.PLACEHOLDER, token_for(recipient.token_salt)),
            unsubscribe_url=self.unsubscribe_base.replace(self.PLACEHOLDER, unsubscribe),
            ends_at=self.distribution.ends_at,
            reference=f"bp-{delivery.pk}",
        )


def _send_group(
    distribution: Distribution, group: list[Delivery], now: datetime, outcome: dict[str, int], *, kind: str
) -> None:
    """One distribution, one channel (and one notice kind, or invitations and reminders): look
    up addresses and opt-outs once, then send."""
    organisation, channel = distribution.organisation, group[0].channel
    untouched = {delivery.pk: delivery for delivery in group}
    records = _Records(now)
    try:
        plugin = channels.register[channel]
        keys = [delivery.recipient.member_key for delivery in group]
        opted_out = set(
            OptOut.objects.filter(
                organisation=organisation, channel=channel, member_key__in=keys
            ).values_list("member_key", flat=True)
        )
        addresses = plugin.addresses(organisation, keys)
        messages = _Messages(distribution, channel, kind)
        with plugin.session() as connection:
            for delivery in group:
                del untouched[delivery.pk]
                outcome[_send_one(plugin, connection, delivery, messages, opted_out, addresses, records)] += 1
    finally:
        records.flush()
        # Deliveries never handed to the channel (an error before their turn) go back to pending.
        for delivery in untouched.values():
            _retry(delivery, "interrupted before sending", now=now)


def _send_one(plugin, connection, delivery, messages, opted_out, addresses, records: _Records) -> str:
    member_key = delivery.recipient.member_key
    if member_key in opted_out:
        records.add(delivery, Delivery.Status.SKIPPED, "unsubscribed from this channel")
        return "skipped"
    address = addresses.get(member_key)
    if not address:
        records.add(delivery, Delivery.Status.SKIPPED, plugin.missing)
        return "skipped"
    try:
        plugin.send(connection, address, messages(delivery))
    except channels.DeliverySkipped as reason:
        records.add(delivery, Delivery.Status.SKIPPED, str(reason))
        return "skipped"
    except channels.DeliveryRefused as reason:
        records.add(delivery, Delivery.Status.FAILED, str(reason))
        return "failed"
    except channels.DeliveryFailed as reason:
        return _retry(delivery, str(reason), now=records.now)
    except Exception:
        logger.exception("Delivery %s: unexpected error in channel %s", delivery.pk, delivery.channel)
        return _retry(delivery, "unexpected error", now=records.now)
    records.add(delivery, Delivery.Status.SENT)
    return "sent"


def claims_expire(*, now: datetime) -> int:
    """Deliveries claimed long ago by a task that never reported back: failed, not retried,
    because the message may have gone out before the task died."""
    return Delivery.objects.filter(status=Delivery.Status.SENDING, claimed_at__lt=now - STALE_CLAIM).update(
        status=Delivery.Status.FAILED, error="interrupted while sending; not retried to avoid a duplicate"
    )


def deliveries_due(*, now: datetime) -> list[int]:
    """Pending deliveries whose time has come and that no task is known to hold."""
    return list(
        Delivery.objects.filter(status=Delivery.Status.PENDING, due_at__lte=now)
        .filter(_sendable())
        .exclude(queued_at__gt=now - REQUEUE_AFTER)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
