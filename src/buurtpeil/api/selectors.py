"""Reads of the API app."""

from dataclasses import dataclass

from django.db.models import F, QuerySet

from buurtpeil.api.models import ApiToken
from buurtpeil.api.tokens import TOKEN_MAX, token_digest
from buurtpeil.areas.selectors import buurten
from buurtpeil.distribution.selectors import poll_response_counts


def api_tokens_for(organisation) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(organisation=organisation).select_related("user")


def api_token_for(organisation, token_id) -> ApiToken | None:
    return api_tokens_for(organisation).filter(pk=token_id).first()


def api_token_by_key(token: str) -> ApiToken | None:
    """The active token with this secret whose user is still an active member of the token's
    organisation, with both loaded. One query."""
    if not token or len(token) > TOKEN_MAX:
        return None
    return (
        ApiToken.objects.select_related("organisation", "user")
        .filter(
            digest=token_digest(token),
            revoked_at__isnull=True,
            user__is_active=True,
            user__memberships__organisation=F("organisation"),
        )
        .first()
    )


@dataclass(frozen=True)
class BuurtCount:
    code: str
    name: str
    completed: int | None  # None: suppressed (fewer than the privacy minimum, or to protect one)

    @property
    def suppressed(self) -> bool:
        return self.completed is None


@dataclass(frozen=True)
class PollCounts:
    poll_id: int
    invited: int
    started: int
    completed: int
    privacy_minimum: int
    buurten: list[BuurtCount]


def poll_counts(*, poll, organisation) -> PollCounts:
    """Invited, started and completed for one poll, and completed per buurt with every count
    below the organisation's privacy minimum suppressed (never shown as 0). When exactly one
    buurt is suppressed, the smallest shown one is suppressed too, so that the total minus
    the others does not give it away. Two queries."""
    counts = poll_response_counts(poll)
    minimum = max(organisation.privacy_minimum, 1)
    names = dict(buurten(organisation).values_list("code", "name"))
    small = {code for code, n in counts.completed_by_buurt.items() if n < minimum}
    shown = sorted((n, code) for code, n in counts.completed_by_buurt.items() if code not in small)
    if len(small) == 1 and shown:
        small.add(shown[0][1])
    rows = [
        BuurtCount(code=code, name=names.get(code, ""), completed=None if code in small else n)
        for code, n in sorted(counts.completed_by_buurt.items())
    ]
    return PollCounts(
        poll_id=poll.pk,
        invited=counts.invited,
        started=counts.started,
        completed=counts.completed,
        privacy_minimum=minimum,
        buurten=rows,
    )
