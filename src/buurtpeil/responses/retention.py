"""Answers' retention step (``organisations.retention``).

The answers to a poll are deleted together, once the poll has taken no answers for the
organisation's ``retention_months``: when it is closed (or its results published), or no
distribution of it may still take answers, and the later of its last answer and its last
distribution's end lies further back than that. A poll is never thinned out while its results
may still be computed. Open answers and idempotency keys go with their responses; computed
results (``insights``) stay, and are not recomputed from nothing (decision 0021).
"""

from django.db import transaction
from django.db.models import Max

from buurtpeil.distribution.selectors import fieldwork_by_poll
from buurtpeil.organisations.models import Organisation
from buurtpeil.organisations.retention import RetentionStep, answers_cutoff, steps
from buurtpeil.polls.selectors import poll_ids_closed
from buurtpeil.responses.models import Response

BATCH = 2000


def polls_past_retention(*, organisation: Organisation, now) -> list[int]:
    """The organisation's polls with stored answers whose retention has run out."""
    cutoff = answers_cutoff(organisation, now)
    last_answers = (
        Response.objects.filter(organisation=organisation)
        .order_by()
        .values("poll_id")
        .annotate(last=Max("updated_at"))
        .values_list("poll_id", "last")
    )
    fieldwork = fieldwork_by_poll(organisation, now=now)
    closed = poll_ids_closed(organisation)
    expired = []
    for poll_id, last_answer in last_answers:
        sent = fieldwork.get(poll_id)
        if poll_id not in closed and (sent is None or sent.taking_answers):
            continue
        ended = max(filter(None, (last_answer, sent.last_end if sent else None)))
        if ended < cutoff:
            expired.append(poll_id)
    return expired


@transaction.atomic
def answers_past_retention_delete(*, organisation: Organisation, now) -> int:
    """Delete the answers of every poll past its retention; returns how many responses went."""
    deleted = 0
    for poll_id in polls_past_retention(organisation=organisation, now=now):
        responses = Response.objects.filter(organisation=organisation, poll_id=poll_id)
        while ids := list(responses.values_list("pk", flat=True)[:BATCH]):
            _total, per_model = Response.objects.filter(pk__in=ids).only("pk").delete()
            deleted += per_model.get("responses.Response", 0)
    return deleted


@steps("answers")
class ExpiredAnswers(RetentionStep):
    label = "answers past the retention period"

    def run(self, *, organisation, now):
        return answers_past_retention_delete(organisation=organisation, now=now)
