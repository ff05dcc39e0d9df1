from collections import Counter
from dataclasses import dataclass

from django.db.models import QuerySet

from buurtpeil.core.tokens import link_token_digest
from buurtpeil.watch.checkin import RiskWarning, checkin_warnings, worst_level
from buurtpeil.watch.models import CheckIn, WatchGroup


def groups_for(organisation) -> QuerySet[WatchGroup]:
    return WatchGroup.objects.filter(organisation=organisation)


def group_for(organisation, group_id) -> WatchGroup | None:
    return groups_for(organisation).filter(pk=group_id).first()


def group_checkins(group: WatchGroup) -> QuerySet[CheckIn]:
    return group.checkins.all()


def checkin_by_token(organisation, token: str) -> CheckIn | None:
    """The check-in a link leads to, in this organisation only."""
    if not token or len(token) > 100:
        return None
    return (
        CheckIn.objects.select_related("group", "organisation")
        .filter(organisation=organisation, token_digest=link_token_digest(token))
        .first()
    )


def checkin_answerable(checkin: CheckIn) -> bool:
    """Answered once, and only the group's latest check-in: an older link is superseded."""
    if checkin.answered_at is not None:
        return False
    latest = checkin.group.checkins.order_by("-created_at", "-pk").first()
    return latest is not None and latest.pk == checkin.pk


@dataclass
class GroupRow:
    group: WatchGroup
    last_checkin: CheckIn | None  # the latest answered one
    open_checkin: CheckIn | None  # sent and not answered
    warnings: list[RiskWarning]
    level: str | None


def checkin_rows(organisation) -> list[GroupRow]:
    """Every group with its latest answered check-in and the warnings it raised."""
    groups = list(groups_for(organisation).prefetch_related("areas"))
    answered: dict[int, CheckIn] = {}
    open_: dict[int, CheckIn] = {}
    for checkin in CheckIn.objects.filter(organisation=organisation).order_by("created_at", "pk"):
        if checkin.answered_at is not None:
            answered[checkin.group_id] = checkin
            open_.pop(checkin.group_id, None)
        else:
            open_[checkin.group_id] = checkin
    rows = []
    for group in groups:
        last = answered.get(group.pk)
        warnings = checkin_warnings(last.answers) if last else []
        rows.append(GroupRow(group, last, open_.get(group.pk), warnings, worst_level(warnings)))
    return rows


def groups_per_buurt(organisation) -> dict[str, list[WatchGroup]]:
    """{buurt code: active and paused groups there}; stopped groups are left out."""
    found: dict[str, list[WatchGroup]] = {}
    groups = groups_for(organisation).exclude(status=WatchGroup.Status.STOPPED).prefetch_related("areas")
    for group in groups:
        for area in group.areas.all():
            found.setdefault(area.code, []).append(group)
    return found


def kind_counts(organisation) -> Counter:
    return Counter(
        groups_for(organisation).exclude(status=WatchGroup.Status.STOPPED).values_list("kind", flat=True)
    )
