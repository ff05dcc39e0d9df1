"""Writes of the neighbourhood-watch register: check-ins created, sent and answered."""

import datetime
import logging
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from buurtpeil.watch.checkin import checkin_warnings
from buurtpeil.watch.models import CheckIn, WatchGroup

logger = logging.getLogger(__name__)

DEFAULT_INTERVAL_MONTHS = 6
RESEND_GUARD_DAYS = 14  # staff sending by hand skip groups that had a check-in this recently


def months_before(moment: datetime.datetime, months: int) -> datetime.datetime:
    """The same day ``months`` calendar months earlier (the month's last day if it is shorter)."""
    month_index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    for day in range(moment.day, 27, -1):
        try:
            return moment.replace(year=year, month=month, day=day)
        except ValueError:
            continue
    return moment.replace(year=year, month=month, day=min(moment.day, 28))


def groups_due(*, since: datetime.datetime, organisation=None) -> list[WatchGroup]:
    """Active groups with a coordinator's e-mail address and no check-in created after ``since``."""
    groups = (
        WatchGroup.objects.filter(status=WatchGroup.Status.ACTIVE)
        .exclude(coordinator_email="")
        .annotate(last_checkin=Max("checkins__created_at"))
        .filter(Q(last_checkin__isnull=True) | Q(last_checkin__lt=since))
        .select_related("organisation")
    )
    if organisation is not None:
        groups = groups.filter(organisation=organisation)
    return list(groups.order_by("organisation_id", "pk"))


@transaction.atomic
def checkins_create(*, groups: Iterable[WatchGroup], now: datetime.datetime | None = None) -> list[int]:
    """A check-in per group; each is mailed by a task once the transaction commits."""
    from buurtpeil.watch.tasks import checkin_send_task

    now = now or timezone.now()
    ids = []
    for group in groups:
        previous = group.checkins.order_by("-created_at", "-pk").first()
        start = previous.created_at.date() if previous else (group.started_on or group.created_at.date())
        checkin = CheckIn.objects.create(organisation=group.organisation, group=group, period_start=start)
        ids.append(checkin.pk)
        language = group.organisation.default_language
        transaction.on_commit(lambda pk=checkin.pk, lang=language: checkin_send_task.enqueue(pk, lang))
    if ids:
        logger.info("Created %d check-ins of neighbourhood-watch groups", len(ids))
    return ids


def checkins_send_due(*, months: int = DEFAULT_INTERVAL_MONTHS, now: datetime.datetime | None = None) -> int:
    """For ``buurtpeil watch-checkin``: a check-in to every active group whose last is ``months`` old."""
    now = now or timezone.now()
    return len(checkins_create(groups=groups_due(since=months_before(now, months)), now=now))


def checkin_claim_for_sending(*, checkin_id: int, digest: str, now: datetime.datetime) -> CheckIn | None:
    """Store the token's digest once; a second run of the task gets None and sends nothing."""
    claimed = CheckIn.objects.filter(pk=checkin_id, token_digest__isnull=True).update(
        token_digest=digest, sent_at=now
    )
    if not claimed:
        return None
    return CheckIn.objects.select_related("group", "organisation").get(pk=checkin_id)


@transaction.atomic
def checkin_answer(*, checkin: CheckIn, answers: dict, now: datetime.datetime | None = None) -> CheckIn:
    """Store the coordinator's answers (validated by ``checkin_warnings``); only once."""
    checkin_warnings(answers)  # raises AnswerError on answers that do not fit
    updated = CheckIn.objects.filter(pk=checkin.pk, answered_at__isnull=True).update(
        answers=answers, answered_at=now or timezone.now()
    )
    checkin.refresh_from_db()
    if not updated:
        logger.info("Check-in %s was already answered", checkin.pk)
    return checkin
