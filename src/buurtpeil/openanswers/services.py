"""Writes of open answers: sorting a poll's answers into themes and factors, and staff
corrections. The sorter itself is ``sorting`` (pure); this module feeds it and stores what
it says. Answers are masked (``privacy``) before anything is stored, so staff never see a
resident's name, phone number, e-mail or address."""

import hashlib
import logging
import threading
from collections import OrderedDict
from dataclasses import dataclass
from functools import cache, partial

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from buurtpeil.openanswers import selectors, sorting
from buurtpeil.openanswers.models import OpenAnswer
from buurtpeil.openanswers.privacy import mask_personal_data
from buurtpeil.openanswers.themes import FACTOR_NUMBERS, THEMES
from buurtpeil.organisations.services import audit_record
from buurtpeil.responses.selectors import open_texts

logger = logging.getLogger(__name__)

AUDIT_ACTION = "open_answer"
SORTERS_KEPT = 4
WRITE_BATCH = 500
AUTO = OpenAnswer.Source.AUTO
STAFF = OpenAnswer.Source.STAFF


class CorrectionRefused(ValueError):
    """The correction cannot be stored; ``str()`` says why, for staff."""


@dataclass(frozen=True)
class SortSummary:
    sorted: int  # answers given an automatic label now
    kept: int  # staff labels left as they are
    removed: int  # stored answers whose response or text is gone


# --- the sorter per organisation ------------------------------------------------------------

labelled_set = cache(sorting.labelled_set)
_sorters: OrderedDict[str, sorting.Sorter] = OrderedDict()
_sorters_lock = threading.Lock()


def sorter_for(organisation_id: int) -> sorting.Sorter:
    """The sorter trained on the labelled set and the organisation's staff corrections. A
    trained sorter is kept per set of corrections, so sorting again without a new correction
    trains nothing, and organisations without corrections share one."""
    corrections = selectors.corrections(organisation_id)
    key = hashlib.sha256(repr(corrections).encode()).hexdigest()
    with _sorters_lock:
        if key in _sorters:
            _sorters.move_to_end(key)
            return _sorters[key]
    sorter = sorting.sorter_train(labelled_set(), corrections)
    with _sorters_lock:
        _sorters[key] = sorter
        while len(_sorters) > SORTERS_KEPT:
            _sorters.popitem(last=False)
    return sorter


# --- sorting --------------------------------------------------------------------------------


def open_answers_sort(*, poll, resort: bool = False) -> SortSummary:
    """Sort the poll's open answers that are new or changed since the last sort; with
    ``resort``, every automatically sorted answer again (after staff corrected some).

    Each answer is masked before it is sorted or stored. Staff labels are never overwritten,
    also not by a sort that runs while staff correct: rows are re-read under a lock before
    writing. Answers whose response is gone (erased) go too. Training happens before the
    transaction; the writes are one transaction."""
    current = {(t.response_id, t.question_code): mask_personal_data(t.text) for t in open_texts(poll.pk)}
    stored = {(row.response_id, row.question_code): row for row in OpenAnswer.objects.filter(poll=poll)}
    due = [
        key
        for key, text in current.items()
        if key not in stored or (stored[key].source == AUTO and (resort or stored[key].text != text))
    ]
    labels = {}
    if due:
        sorter = sorter_for(poll.organisation_id)
        labels = dict(zip(due, sorter.sort([current[key] for key in due]), strict=True))
    now = timezone.now()
    with transaction.atomic():
        gone = [row.pk for key, row in stored.items() if key not in current]
        OpenAnswer.objects.filter(pk__in=gone).delete()
        sources = dict(
            OpenAnswer.objects.select_for_update()
            .filter(pk__in=[row.pk for key, row in stored.items() if key in current])
            .values_list("pk", "source")
        )
        created = [
            OpenAnswer(
                organisation_id=poll.organisation_id,
                poll=poll,
                response_id=key[0],
                question_code=key[1],
                text=current[key],
                theme=labels[key].theme,
                factor=labels[key].factor,
                confidence=labels[key].confidence,
            )
            for key in due
            if key not in stored
        ]
        OpenAnswer.objects.bulk_create(created, batch_size=WRITE_BATCH, ignore_conflicts=True)
        relabelled, retexted = [], []
        for key, row in stored.items():
            source = sources.get(row.pk)
            if source == AUTO and key in labels:
                label = labels[key]
                row.text, row.theme, row.factor, row.confidence = (
                    current[key],
                    label.theme,
                    label.factor,
                    label.confidence,
                )
                relabelled.append(row)
            elif source == STAFF and row.text != current[key]:
                row.text = current[key]
                retexted.append(row)
        for row in (*relabelled, *retexted):
            row.updated_at = now
        fields = ["text", "theme", "factor", "confidence", "updated_at"]
        OpenAnswer.objects.bulk_update(relabelled, fields, batch_size=WRITE_BATCH)
        OpenAnswer.objects.bulk_update(retexted, ["text", "updated_at"], batch_size=WRITE_BATCH)
    kept = sum(source == STAFF for source in sources.values())
    summary = SortSummary(sorted=len(created) + len(relabelled), kept=kept, removed=len(gone))
    logger.info("open answers of poll %s sorted: %s", poll.pk, summary)
    return summary


@transaction.atomic
def open_answers_sort_request(*, poll, actor) -> None:
    """Staff ask to sort the poll's answers again: the work is a task, queued on commit (the
    immediate backend runs it at once)."""
    from buurtpeil.openanswers.tasks import open_answers_sort_task  # the task calls back in here

    audit_record(
        organisation=poll.organisation,
        actor=actor,
        action=AUDIT_ACTION,
        subject=f"Open answers of poll {poll.pk} sorted again",
    )
    transaction.on_commit(partial(open_answers_sort_task.enqueue, poll.pk, True))


# --- corrections ----------------------------------------------------------------------------


def _factor_clean(factor) -> int:
    try:
        number = int(factor)
    except (TypeError, ValueError):
        number = 0
    if number not in FACTOR_NUMBERS:
        raise CorrectionRefused(_("Choose one of the twelve factors."))
    return number


@transaction.atomic
def open_answer_correct(*, answer: OpenAnswer, theme: str, factor, actor) -> OpenAnswer:
    """Staff set the answer's theme and factor. The label is theirs from now on: sorting
    again keeps it, and it teaches the sorter for the organisation's later answers. The
    audit log says who changed what."""
    if theme not in THEMES:
        raise CorrectionRefused(_("Choose one of the themes."))
    factor = _factor_clean(factor)
    before = (answer.theme, answer.factor)
    answer.theme, answer.factor = theme, factor
    answer.source, answer.confidence = STAFF, None
    answer.save(update_fields=["theme", "factor", "source", "confidence", "updated_at"])
    audit_record(
        organisation=answer.organisation,
        actor=actor,
        action=AUDIT_ACTION,
        subject=(
            f"Open answer {answer.pk} of poll {answer.poll_id} corrected: theme {before[0]} to {theme}, "
            f"factor {before[1]} to {factor}"
        ),
    )
    return answer


def texts_sort(*, organisation_id: int, texts: list[str]) -> list[tuple[str, int]]:
    """``(theme, factor)`` of each text by the organisation's sorter, for texts other than poll
    answers (questions for a meeting). The texts must already be masked."""
    return [(found.theme, found.factor) for found in sorter_for(organisation_id).sort(texts)]
