"""Writes of the concerns app: a resident's signal, its status, and the demo's synthetic signals.

Other apps import from here and from ``selectors`` only.
"""

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from buurtpeil.concerns.categories import CATEGORIES
from buurtpeil.concerns.emergency import emergency_words
from buurtpeil.concerns.models import Concern
from buurtpeil.openanswers.privacy import mask_personal_data

__all__ = [
    "DAILY_LIMIT",
    "ConcernRefused",
    "SyntheticConcern",
    "concern_report",
    "concern_status_set",
    "concerns_synthetic_create",
]

DAILY_LIMIT = 10  # signals per member in 24 hours
MAX_TEXT = 1000


class ConcernRefused(Exception):
    """``reason``: ``emergency`` (it is happening now: call 112) or ``daily_limit``."""

    EMERGENCY = "emergency"
    DAILY_LIMIT = "daily_limit"

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def concern_report(
    *,
    organisation,
    member,
    submission_key: uuid.UUID,
    category: str,
    text: str,
    buurt=None,
    lon: float | None = None,
    lat: float | None = None,
    place: str = "",
    on_behalf_of: str = "",
    photo: bytes | None = None,
    happening_now: bool = False,
    not_an_emergency: bool = False,
) -> tuple[Concern, bool]:
    """Store a member's signal, masked; (the signal, whether it is new).

    Refused when it is happening now, or when the text has emergency words and the resident
    did not confirm that it is not an emergency (then it is not stored: they must call 112),
    and when the member made ``DAILY_LIMIT`` signals in the last 24 hours. The same
    ``submission_key`` twice gives the first signal back.
    """
    if category not in CATEGORIES:
        raise ValueError(f"unknown category {category!r}")
    existing = Concern.objects.filter(organisation=organisation, submission_key=submission_key).first()
    if existing is not None and existing.member_key == member.key:
        return existing, False
    if happening_now or (emergency_words(f"{text} {place}") and not not_an_emergency):
        raise ConcernRefused(ConcernRefused.EMERGENCY)
    since = timezone.now() - timedelta(hours=24)
    recent = Concern.objects.filter(organisation=organisation, member_key=member.key, created_at__gte=since)
    if recent.count() >= DAILY_LIMIT:
        raise ConcernRefused(ConcernRefused.DAILY_LIMIT)
    concern = Concern(
        organisation=organisation,
        member_key=member.key,
        submission_key=submission_key if existing is None else uuid.uuid4(),
        category=category,
        buurt=buurt,
        lon=lon,
        lat=lat,
        place=mask_personal_data(place.strip())[:200],
        text=mask_personal_data(text.strip()[:MAX_TEXT]),
        on_behalf_of=mask_personal_data(on_behalf_of.strip())[:120],
        photo=photo,
    )
    try:
        with transaction.atomic():
            concern.save()
    except IntegrityError:  # the same form submitted twice at once: the other request won
        return Concern.objects.get(organisation=organisation, submission_key=submission_key), False
    return concern, True


@transaction.atomic
def concern_status_set(*, organisation, concern_ids: Iterable[int], status: str) -> int:
    """Set the status of the organisation's signals among ``concern_ids``; how many changed."""
    if status not in Concern.Status.values:
        raise ValueError(f"unknown status {status!r}")
    return (
        Concern.objects.filter(organisation=organisation, pk__in=list(concern_ids))
        .exclude(status=status)
        .update(status=status, status_changed_at=timezone.now())
    )


@dataclass(frozen=True)
class SyntheticConcern:
    member_key: uuid.UUID
    category: str
    lon: float
    lat: float
    text: str
    created_at: datetime
    buurt: object = None
    status: str = Concern.Status.NEW


@transaction.atomic
def concerns_synthetic_create(*, organisation, concerns: Sequence[SyntheticConcern]) -> int:
    """The demo's signals, made at the given times (no daily limit, no emergency check)."""
    Concern.objects.bulk_create(
        Concern(
            organisation=organisation,
            member_key=c.member_key,
            category=c.category,
            buurt=c.buurt,
            lon=c.lon,
            lat=c.lat,
            text=mask_personal_data(c.text),
            created_at=c.created_at,
            status=c.status,
        )
        for c in concerns
    )
    return len(concerns)
