"""Reads of sending. Other apps import from here and from ``services`` only."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Max, Min, Q, QuerySet
from django.utils.translation import gettext as _

from buurtpeil.areas.selectors import buurten
from buurtpeil.distribution import channels, notices
from buurtpeil.distribution.models import Delivery, Distribution, Recipient
from buurtpeil.distribution.sending import answer_url
from buurtpeil.distribution.tokens import token_digest, token_for


def recipient_digest(token: str) -> str | None:
    """What an invitation stores of the token in its link (``Recipient.token_digest``); None
    for a string that cannot be such a token."""
    if not token or len(token) > 64:
        return None
    return token_digest(token)


def _by_token(recipients: QuerySet[Recipient], token: str) -> Recipient | None:
    """The recipient among ``recipients`` whose personal link carries ``token``, with its
    distribution and poll; the poll without its (large) editable definition, which answering
    never needs. One query."""
    digest = recipient_digest(token)
    if digest is None:
        return None
    return (
        recipients.select_related("distribution__poll")
        .defer("distribution__poll__definition")
        .filter(token_digest=digest)
        .first()
    )


def recipient_by_token(*, organisation, token: str) -> Recipient | None:
    """The recipient whose personal link carries ``token``, within this organisation only."""
    return _by_token(Recipient.objects.filter(organisation=organisation), token)


def recipient_answer_url(recipient: Recipient) -> str:
    """The recipient's personal answering link, as in its invitation."""
    return answer_url(recipient.organisation.code, token_for(recipient.token_salt))


def recipient_by_token_any(token: str) -> Recipient | None:
    """The recipient whose personal link carries ``token``, in whichever organisation: for
    the API, where the token itself says who is asking. Digests are unique."""
    return _by_token(Recipient.objects.select_related("organisation"), token)


@dataclass(frozen=True)
class PollResponseCounts:
    invited: int
    started: int
    completed: int
    completed_by_buurt: dict[str, int]  # buurt code (as sent) -> completed; every invited buurt


def poll_response_counts(poll) -> PollResponseCounts:
    """Invitations, started and completed responses of one poll over all its distributions,
    and completed per buurt (the buurt snapshot of the invitation, as the response monitor
    counts). One query."""
    rows = (
        Recipient.objects.filter(distribution__poll=poll)
        .values("buurt_code")
        .annotate(
            invited=Count("pk"),
            started=Count("pk", filter=Q(response__isnull=False)),
            completed=Count("pk", filter=Q(responded_at__isnull=False)),
        )
        .order_by("buurt_code")
    )
    by_buurt = {row["buurt_code"]: row for row in rows}
    return PollResponseCounts(
        invited=sum(row["invited"] for row in by_buurt.values()),
        started=sum(row["started"] for row in by_buurt.values()),
        completed=sum(row["completed"] for row in by_buurt.values()),
        completed_by_buurt={code: row["completed"] for code, row in by_buurt.items()},
    )


def respondent_count(poll) -> int:
    """How many members answered ``poll`` (over all its distributions). One query."""
    return (
        Recipient.objects.filter(distribution__poll=poll, responded_at__isnull=False)
        .values("member_key")
        .distinct()
        .count()
    )


def polls_answered(organisation, member_key) -> dict[int, datetime]:
    """{poll id: when the member first finished answering it}, for the member's own page. Only
    whether and when, from the invitations; never the answers. One query."""
    rows = (
        Recipient.objects.filter(organisation=organisation, member_key=member_key, responded_at__isnull=False)
        .values("distribution__poll_id")
        .annotate(first=Min("responded_at"))
        .values_list("distribution__poll_id", "first")
    )
    return dict(rows)


def distributions_for(organisation) -> QuerySet[Distribution]:
    return (
        Distribution.objects.filter(organisation=organisation)
        .select_related("poll", "version")
        .annotate(
            recipient_count=Count("recipients", distinct=True),
            responded_count=Count(
                "recipients", filter=Q(recipients__responded_at__isnull=False), distinct=True
            ),
        )
        .order_by("-starts_at", "-pk")
    )


def distribution_for(organisation, distribution_id) -> Distribution | None:
    return distributions_for(organisation).filter(pk=distribution_id).first()


@dataclass(frozen=True)
class ProgressRow:
    channel: str
    kind: str
    total: int
    sent: int
    failed: int
    skipped: int
    waiting: int  # pending or being sent

    @property
    def done(self) -> int:
        return self.sent + self.failed + self.skipped

    @property
    def label(self) -> str:
        channel = (
            channels.register[self.channel].verbose_name
            if self.channel in channels.register
            else self.channel
        )
        if self.kind == "invite":
            return _("%(channel)s, invitation") % {"channel": channel}
        if notices.is_notice(self.kind):
            return f"{channel}, {notices.register[self.kind].verbose_name}"
        return _("%(channel)s, reminder %(number)s") % {
            "channel": channel,
            "number": self.kind.split("-")[-1],
        }


def distribution_progress(distribution: Distribution) -> list[ProgressRow]:
    """Deliveries per channel and kind (invitation, reminder 1, ...) by outcome. One query."""
    counts: dict[tuple[str, str], dict[str, int]] = {}
    rows = (
        Delivery.objects.filter(recipient__distribution=distribution)
        .values("channel", "kind", "status")
        .annotate(n=Count("pk"))
    )
    for row in rows:
        counts.setdefault((row["channel"], row["kind"]), {})[row["status"]] = row["n"]
    order = {channel: index for index, channel in enumerate(distribution.channels)}

    def sort_key(item):
        (channel, kind), _ = item
        return (order.get(channel, 99), kind != "invite", len(kind), kind)

    result = []
    for (channel, kind), by_status in sorted(counts.items(), key=sort_key):
        waiting = by_status.get(Delivery.Status.PENDING, 0) + by_status.get(Delivery.Status.SENDING, 0)
        result.append(
            ProgressRow(
                channel=channel,
                kind=kind,
                total=sum(by_status.values()),
                sent=by_status.get(Delivery.Status.SENT, 0),
                failed=by_status.get(Delivery.Status.FAILED, 0),
                skipped=by_status.get(Delivery.Status.SKIPPED, 0),
                waiting=waiting,
            )
        )
    return result


def distribution_sending(progress: list[ProgressRow]) -> bool:
    return any(row.waiting for row in progress)


@dataclass(frozen=True)
class BuurtResponses:
    code: str
    name: str
    invited: int
    responded: int
    target: int

    @property
    def shortfall(self) -> int:
        return max(0, self.target - self.responded)

    @property
    def rate(self) -> float | None:
        return self.responded / self.invited if self.invited else None


def response_monitor(distribution: Distribution) -> list[BuurtResponses]:
    """Responses per buurt against the organisation's reliability minimum, largest shortfall
    first. Counts come from the recipients (a snapshot of each member's buurt). Two queries."""
    target = distribution.organisation.reliability_minimum
    names = dict(buurten(distribution.organisation).values_list("code", "name"))
    rows = (
        Recipient.objects.filter(distribution=distribution)
        .values("buurt_code")
        .annotate(invited=Count("pk"), responded=Count("pk", filter=Q(responded_at__isnull=False)))
    )
    result = [
        BuurtResponses(
            code=row["buurt_code"],
            name=names.get(row["buurt_code"], row["buurt_code"]),
            invited=row["invited"],
            responded=row["responded"],
            target=target,
        )
        for row in rows
    ]
    return sorted(result, key=lambda row: (-row.shortfall, row.name.casefold()))


@dataclass(frozen=True)
class Fieldwork:
    last_end: datetime | None  # the latest end of a distribution that has passed
    taking_answers: bool  # a distribution has not ended yet (running, or still to start)


def fieldwork_by_poll(organisation, *, now: datetime) -> dict[int, Fieldwork]:
    """Per poll that was ever sent: when its sending last ended, and whether it may still take
    answers. One query."""
    rows = (
        Distribution.objects.filter(organisation=organisation)
        .order_by()
        .values("poll_id")
        .annotate(
            last_end=Max("ends_at", filter=Q(ends_at__lte=now)),
            open=Count("pk", filter=Q(ends_at__gt=now) & ~Q(status=Distribution.Status.ENDED)),
        )
    )
    return {row["poll_id"]: Fieldwork(row["last_end"], row["open"] > 0) for row in rows}
