"""Writes of sending: creating a distribution, starting it, reminders, the end, opt-outs and
push subscriptions. Sending itself (claiming and delivering messages) is in ``sending``; the
clock that drives all of it is ``scheduling.distribution_tick``."""

import logging
import uuid
from datetime import datetime, timedelta
from functools import partial

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from buurtpeil.distribution import channels, notices
from buurtpeil.distribution.models import (
    Delivery,
    Distribution,
    OptOut,
    PushSubscription,
    Recipient,
)
from buurtpeil.distribution.quiet import quiet_until
from buurtpeil.distribution.targeting import TargetError, target_clean, target_members
from buurtpeil.distribution.tokens import salt_new, token_digest, token_for
from buurtpeil.polls.models import Poll
from buurtpeil.polls.selectors import version_latest

logger = logging.getLogger(__name__)

INSERT_BATCH = 1000
REMINDER_DAYS_MAX = 60


class DistributionRefused(ValueError):
    """The distribution cannot be made as asked; ``str()`` says why, for staff."""


def recipient_responded(*, recipient: Recipient) -> None:
    """Mark a recipient as responded: no more reminders, counted in the response monitor."""
    Recipient.objects.filter(pk=recipient.pk, responded_at__isnull=True).update(responded_at=timezone.now())


# --- creating and starting -----------------------------------------------------------------


def _channels_clean(requested) -> list[str]:
    chosen = list(dict.fromkeys(requested or ()))
    if not chosen:
        raise DistributionRefused(_("Choose at least one channel."))
    unknown = [channel for channel in chosen if channel not in channels.register]
    if unknown:
        raise DistributionRefused(_("Unknown channel: %(names)s.") % {"names": ", ".join(map(str, unknown))})
    off = [channel for channel in chosen if channel not in channels.available()]
    if off:
        raise DistributionRefused(
            _("Channel not configured on this installation: %(names)s.") % {"names": ", ".join(off)}
        )
    return chosen


def _reminder_days_clean(days, starts_at: datetime, ends_at: datetime) -> list[int]:
    cleaned = sorted({int(day) for day in days or ()})
    if any(day < 1 or day > REMINDER_DAYS_MAX for day in cleaned):
        raise DistributionRefused(
            _("Reminder days must be between 1 and %(days)s.") % {"days": REMINDER_DAYS_MAX}
        )
    if any(starts_at + timedelta(days=day) >= ends_at for day in cleaned):
        raise DistributionRefused(_("Every reminder must fall before the end."))
    return cleaned


@transaction.atomic
def distribution_create(
    *,
    poll: Poll,
    target: dict,
    channels: list[str],
    starts_at: datetime,
    ends_at: datetime,
    reminder_days: list[int] = (),
    actor=None,
) -> Distribution:
    """Schedule sending the poll's latest published version to ``target``.

    Raises ``DistributionRefused`` for an unpublished poll, an end before the start, an
    unknown or unconfigured channel, or a target that reaches nobody. The start is picked up
    by ``distribution_tick``; a task backend that can defer also gets the start task queued
    for ``starts_at`` (the immediate backend runs it now when the start has come).
    """
    version = version_latest(poll)
    if version is None:
        raise DistributionRefused(_("Publish the poll before sending it."))
    if ends_at <= starts_at:
        raise DistributionRefused(_("The end must come after the start."))
    if ends_at <= timezone.now():
        raise DistributionRefused(_("The end has already passed."))
    chosen = _channels_clean(channels)
    try:
        cleaned = target_clean(poll.organisation, target)
    except TargetError as error:
        raise DistributionRefused(str(error)) from None
    if not target_members(poll.organisation, cleaned, kind=poll.audience):
        raise DistributionRefused(_("The target reaches no active panel member."))
    distribution = Distribution.objects.create(
        organisation=poll.organisation,
        poll=poll,
        version=version,
        target=cleaned,
        channels=chosen,
        starts_at=starts_at,
        ends_at=ends_at,
        reminder_days=_reminder_days_clean(reminder_days, starts_at, ends_at),
        status=Distribution.Status.SCHEDULED,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    from buurtpeil.distribution.tasks import distribution_start_task  # the task calls back in here

    task = distribution_start_task
    if task.get_backend().supports_defer:
        task = task.using(run_after=max(starts_at, timezone.now()))
        transaction.on_commit(partial(task.enqueue, distribution.pk))
    elif starts_at <= timezone.now():
        transaction.on_commit(partial(task.enqueue, distribution.pk))
    logger.info("Distribution %s scheduled (organisation %s)", distribution.pk, poll.organisation.code)
    return distribution


def _recipients_create(distribution: Distribution, members) -> None:
    rows = []
    for key, buurt_code in members:
        salt = salt_new()
        rows.append(
            Recipient(
                distribution=distribution,
                organisation_id=distribution.organisation_id,
                member_key=key,
                buurt_code=buurt_code,
                token_salt=salt,
                token_digest=token_digest(token_for(salt)),
            )
        )
    Recipient.objects.bulk_create(rows, batch_size=INSERT_BATCH, ignore_conflicts=True)


def _deliveries_create(distribution: Distribution, recipient_ids, *, kind: str, due_at: datetime) -> None:
    rows = [
        Delivery(recipient_id=recipient_id, kind=kind, channel=channel, due_at=due_at)
        for recipient_id in recipient_ids
        for channel in distribution.channels
    ]
    # A second run (a retried task) finds the rows there and adds nothing.
    Delivery.objects.bulk_create(rows, batch_size=INSERT_BATCH, ignore_conflicts=True)


def _pending_ids(distribution: Distribution, kind: str) -> list[int]:
    return list(
        Delivery.objects.filter(
            recipient__distribution=distribution, kind=kind, status=Delivery.Status.PENDING
        ).values_list("pk", flat=True)
    )


@transaction.atomic
def distribution_start(*, distribution_id: int, now: datetime | None = None) -> list[int]:
    """Turn a scheduled distribution whose start has come into recipients and invitations.

    The target is resolved now, so members who joined since scheduling are included and
    members who left are not. Returns the ids of the deliveries to send (empty when another
    caller started it already).
    """
    now = now or timezone.now()
    started = Distribution.objects.filter(
        pk=distribution_id, status=Distribution.Status.SCHEDULED, starts_at__lte=now, ends_at__gt=now
    ).update(status=Distribution.Status.SENDING, started_at=now)
    if not started:
        return []
    distribution = Distribution.objects.select_related("organisation", "poll").get(pk=distribution_id)
    _recipients_create(
        distribution,
        target_members(distribution.organisation, distribution.target, kind=distribution.poll.audience),
    )
    recipient_ids = distribution.recipients.values_list("pk", flat=True)
    _deliveries_create(distribution, recipient_ids, kind="invite", due_at=now)
    logger.info("Distribution %s started", distribution.pk)
    return _pending_ids(distribution, "invite")


@transaction.atomic
def reminders_create(*, distribution: Distribution, now: datetime | None = None) -> list[int]:
    """Reminders whose day has come, to recipients who have not responded. When several days
    have passed at once (no tick ran), only the latest reminder goes out."""
    now = now or timezone.now()
    due = [day for day in distribution.reminder_days if distribution.starts_at + timedelta(days=day) <= now]
    number = len(due)
    if number <= distribution.reminders_done or now >= distribution.ends_at:
        return []
    claimed = Distribution.objects.filter(
        pk=distribution.pk, reminders_done=distribution.reminders_done
    ).update(reminders_done=number)
    if not claimed:
        return []
    kind = f"reminder-{number}"
    waiting = distribution.recipients.filter(responded_at__isnull=True).values_list("pk", flat=True)
    _deliveries_create(distribution, waiting, kind=kind, due_at=now)
    logger.info("Distribution %s: %s created", distribution.pk, kind)
    return _pending_ids(distribution, kind)


@transaction.atomic
def distribution_end(*, distribution: Distribution, now: datetime | None = None) -> None:
    """Close the distribution; invitations and reminders not yet sent are not sent any more
    (notices are: they are meant for after the poll)."""
    now = now or timezone.now()
    ended = Distribution.objects.filter(pk=distribution.pk).exclude(status=Distribution.Status.ENDED)
    if ended.update(status=Distribution.Status.ENDED):
        unsent = Delivery.objects.filter(recipient__distribution=distribution, status=Delivery.Status.PENDING)
        unsent.exclude(kind__in=notices.kinds()).update(
            status=Delivery.Status.SKIPPED, error="the poll closed before this was sent"
        )
        logger.info("Distribution %s ended", distribution.pk)


def distribution_settle(*, distribution_id: int) -> None:
    """A sending distribution with every invitation handled is running (waiting for answers)."""
    open_invites = Delivery.objects.filter(
        recipient__distribution_id=distribution_id,
        kind="invite",
        status__in=(Delivery.Status.PENDING, Delivery.Status.SENDING),
    )
    if not open_invites.exists():
        Distribution.objects.filter(pk=distribution_id, status=Distribution.Status.SENDING).update(
            status=Distribution.Status.RUNNING
        )


# --- notices to respondents -----------------------------------------------------------------


@transaction.atomic
def respondents_notify(*, poll: Poll, kind: str, now: datetime | None = None) -> int:
    """Send the notice ``kind`` (see ``notices``) to every member who answered ``poll``: by
    e-mail, and by web push where it is configured; never by SMS. Returns how many members.

    A member who answered through two distributions of the poll gets one message per channel,
    through the first. Calling this again adds nothing (a delivery is unique per recipient,
    kind and channel) and sends nothing twice. Opt-outs, missing addresses and quiet hours are
    handled when sending, as for invitations; the sending is queued when the transaction
    commits."""
    if not notices.is_notice(kind):
        raise ValueError(f"{kind!r} is not a registered notice")
    now = now or timezone.now()
    first: dict[uuid.UUID, int] = {}
    answered = Recipient.objects.filter(distribution__poll=poll, responded_at__isnull=False).order_by("pk")
    for recipient_id, member_key in answered.values_list("pk", "member_key"):
        first.setdefault(member_key, recipient_id)
    chosen = [channel for channel in notices.CHANNELS if channel in channels.available()]
    rows = [
        Delivery(recipient_id=recipient_id, kind=kind, channel=channel, due_at=now)
        for recipient_id in first.values()
        for channel in chosen
    ]
    Delivery.objects.bulk_create(rows, batch_size=INSERT_BATCH, ignore_conflicts=True)
    pending = list(
        Delivery.objects.filter(
            recipient__distribution__poll=poll, kind=kind, status=Delivery.Status.PENDING, queued_at=None
        ).values_list("pk", flat=True)
    )
    from buurtpeil.distribution.sending import deliveries_enqueue  # sending calls back in here

    transaction.on_commit(partial(deliveries_enqueue, pending))
    logger.info("Poll %s: notice %s for %s members", poll.pk, kind, len(first))
    return len(first)


# --- residents: opt-out and push subscriptions ---------------------------------------------


def opt_out_record(*, organisation_id: int, member_key: uuid.UUID, channel: str) -> None:
    """No further messages to this member on this channel (idempotent)."""
    OptOut.objects.get_or_create(organisation_id=organisation_id, member_key=member_key, channel=channel)
    logger.info("Opt-out recorded for channel %s (organisation %s)", channel, organisation_id)


@transaction.atomic
def push_subscription_save(
    *, organisation, member_key: uuid.UUID, endpoint: str, p256dh: str, auth: str
) -> PushSubscription:
    """Store (or move to this member) a browser's push subscription, and lift a push opt-out:
    subscribing is asking for messages."""
    subscription, _created = PushSubscription.objects.update_or_create(
        endpoint=endpoint,
        defaults={"organisation": organisation, "member_key": member_key, "p256dh": p256dh, "auth": auth},
    )
    OptOut.objects.filter(organisation=organisation, member_key=member_key, channel="push").delete()
    return subscription


def member_data_delete(*, organisation_id: int, member_key: uuid.UUID) -> None:
    """Erasure: the member's push subscriptions, opt-outs and invitations go."""
    PushSubscription.objects.filter(organisation_id=organisation_id, member_key=member_key).delete()
    OptOut.objects.filter(organisation_id=organisation_id, member_key=member_key).delete()
    Recipient.objects.filter(organisation_id=organisation_id, member_key=member_key).delete()


def left_members_channels_delete(*, organisation_id: int, member_keys) -> int:
    """Retention: the push subscriptions and opt-outs of members who left (``member_keys``, a
    subquery from ``panel.selectors.left_member_keys``); nothing is sent to them any more.
    Their invitations stay: they count who answered. Returns how many rows went."""
    subscriptions, _ = PushSubscription.objects.filter(
        organisation_id=organisation_id, member_key__in=member_keys
    ).delete()
    opt_outs, _ = OptOut.objects.filter(organisation_id=organisation_id, member_key__in=member_keys).delete()
    return subscriptions + opt_outs


# --- one-off messages to members ------------------------------------------------------------

MESSAGE_CHANNELS = ("email", "push", "sms")


class QuietHours(Exception):
    """Nothing is sent now; ``until`` is when the quiet hours end."""

    def __init__(self, until: datetime):
        super().__init__(until)
        self.until = until


def members_message_send(
    *,
    organisation,
    kind: str,
    title: str,
    links: dict[uuid.UUID, str],
    when: datetime,
    now: datetime | None = None,
) -> dict[uuid.UUID, str]:
    """Send the notice ``kind`` about something other than a poll (a meeting's invitation) to
    each member in ``links``, with that member's own link: once, through the first channel
    that reaches them (e-mail, web push, SMS when the notice has an SMS text), skipping
    channels the member opted out of. ``title`` and ``when`` fill the message's title and date.
    Returns the channel each reached member got it through; the caller records that, so
    that nobody gets it twice. In quiet hours nothing is sent: raises ``QuietHours``."""
    from buurtpeil.distribution.unsubscribe import unsubscribe_token

    now = now or timezone.now()
    until = quiet_until(now)
    if until is not None:
        raise QuietHours(until)
    notice = notices.register[kind]
    keys = list(links)
    reached: dict[uuid.UUID, str] = {}
    base = settings.SITE_URL + reverse(
        "distribution:unsubscribe", kwargs={"org_code": organisation.code, "token": "bp0placeholder0"}
    )
    for channel in MESSAGE_CHANNELS:
        if channel not in channels.available() or (channel == "sms" and not notice.sms_lead):
            continue
        waiting = [key for key in keys if key not in reached]
        if not waiting:
            break
        plugin = channels.register[channel]
        opted_out = set(
            OptOut.objects.filter(
                organisation=organisation, channel=channel, member_key__in=waiting
            ).values_list("member_key", flat=True)
        )
        addresses = plugin.addresses(organisation, [key for key in waiting if key not in opted_out])
        with plugin.session() as connection:
            for key, address in addresses.items():
                message = channels.Message(
                    organisation_name=organisation.name,
                    poll_title=title,
                    kind=kind,
                    language=organisation.default_language,
                    answer_url=links[key],
                    unsubscribe_url=base.replace(
                        "bp0placeholder0",
                        unsubscribe_token(organisation_id=organisation.pk, member_key=key, channel=channel),
                    ),
                    ends_at=when,
                    reference=f"bp-{kind}-{str(key)[:8]}",
                )
                try:
                    plugin.send(connection, address, message)
                except (channels.DeliverySkipped, channels.DeliveryRefused, channels.DeliveryFailed):
                    continue
                except Exception:
                    logger.exception("Notice %s: unexpected error in channel %s", kind, channel)
                    continue
                reached[key] = channel
    logger.info("Notice %s: %s of %s members reached", kind, len(reached), len(keys))
    return reached
