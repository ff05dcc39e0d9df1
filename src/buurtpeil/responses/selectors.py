"""Reads of answers. Other apps import from here and from ``services`` only."""

from collections import Counter
from dataclasses import dataclass

from django.core.cache import cache

from buurtpeil.polls.definition import DONT_KNOW, DONT_KNOW_LABEL, choice_values, questions, text
from buurtpeil.polls.selectors import version_definition_frozen
from buurtpeil.responses.models import Response

RESULT_TYPES = ("single", "likert", "mark")
RESULTS_CACHE_SECONDS = 60


def response_for_recipient(recipient) -> Response | None:
    """The recipient's response with its version, or None before the first save. One query."""
    return Response.objects.select_related("version").filter(recipient=recipient).first()


@dataclass(frozen=True)
class ResultRow:
    label: str
    count: int
    percent: int


@dataclass(frozen=True)
class QuestionResult:
    code: str
    text: str
    answered: int
    rows: list[ResultRow]
    shown: bool  # False: fewer than the privacy minimum answered it


def _counts(poll_id: int, codes: list[str]) -> dict[str, Counter]:
    """Per question code, how often each answer was given in the poll's completed responses.
    Cached for a minute: the thank-you page of a busy poll is asked for often."""
    cache_key = f"responses.results.{poll_id}"
    counted = cache.get(cache_key)
    if counted is None:
        counted = {}
        rows = Response.objects.filter(poll_id=poll_id, status=Response.Status.COMPLETE).values_list(
            "answers", flat=True
        )
        for answers in rows.iterator(chunk_size=2000):
            for code, value in answers.items():
                if isinstance(value, str | int):
                    counted.setdefault(code, Counter())[str(value)] += 1
        cache.set(cache_key, counted, RESULTS_CACHE_SECONDS)
    return {code: counted.get(code, Counter()) for code in codes}


def results(*, poll_id: int, definition: dict, language: str, minimum: int) -> list[QuestionResult]:
    """How others answered each single-choice, Likert and report-mark question: the share of
    each answer among the completed responses that answered it, unweighted. A question is
    shown only when at least ``minimum`` (the organisation's privacy minimum) answered it."""
    chosen = [q for q in questions(definition) if q["type"] in RESULT_TYPES]
    counted = _counts(poll_id, [q["code"] for q in chosen])
    languages = definition.get("languages", [])
    out = []
    for question in chosen:
        counter = counted[question["code"]]
        total = sum(counter.values())
        if question["type"] == "mark":
            labels = [(str(n), str(n)) for n in range(1, 11)]
        else:
            names = {str(c["value"]): text(c.get("label"), language, languages) for c in question["choices"]}
            names[DONT_KNOW] = text(DONT_KNOW_LABEL, language, ["nl"])
            labels = [(value, names[value]) for value in choice_values(question)]
        rows = [
            ResultRow(
                label=label, count=counter[value], percent=round(100 * counter[value] / total) if total else 0
            )
            for value, label in labels
        ]
        out.append(
            QuestionResult(
                code=question["code"],
                text=text(question.get("text"), language, languages),
                answered=total,
                rows=rows,
                shown=total >= max(minimum, 1),
            )
        )
    return out


def complete_answers(poll_id: int) -> tuple[list[dict], list[str], list[str], list[str]]:
    """The answers of a poll's completed responses with their buurt, age-group and sex snapshots,
    as four parallel lists (no member keys: analysis does not need them)."""
    rows = Response.objects.filter(poll_id=poll_id, status=Response.Status.COMPLETE).values_list(
        "answers", "buurt_code", "age_group", "sex"
    )
    answers, buurten, ages, sexes = [], [], [], []
    for a, b, age, sex in rows.iterator(chunk_size=5000):
        answers.append(a)
        buurten.append(b)
        ages.append(age)
        sexes.append(sex)
    return answers, buurten, ages, sexes


def poll_has_responses(poll) -> bool:
    return Response.objects.filter(poll=poll).exists()


EXPORT_FIELDS = ("version_id", "answers", "buurt_code", "age_group", "sex", "completed_at")


def completed_until(*, poll_id: int, until):
    """The poll's responses completed by ``until``, in the order they were completed, as
    tuples of ``EXPORT_FIELDS``: never the member key or the invitation. Read them with
    ``.iterator()``; ``.count()`` counts them in one query."""
    return (
        Response.objects.filter(poll_id=poll_id, status=Response.Status.COMPLETE, completed_at__lte=until)
        .order_by("completed_at", "pk")
        .values_list(*EXPORT_FIELDS)
    )


@dataclass(frozen=True)
class OpenText:
    response_id: int
    question_code: str
    text: str


def open_texts(poll_id: int) -> list[OpenText]:
    """The non-empty answers to the text questions of the poll's complete responses (the
    questions of the version each response answered), as the residents wrote them. One query,
    plus one per version this process has not read before."""
    rows = Response.objects.filter(poll_id=poll_id, status=Response.Status.COMPLETE).values_list(
        "pk", "version_id", "version__created_at", "answers"
    )
    codes: dict[int, list[str]] = {}
    out = []
    for response_id, version_id, created_at, answers in rows.order_by("pk").iterator(chunk_size=2000):
        if version_id not in codes:
            definition = version_definition_frozen(version_id, created_at)
            codes[version_id] = [q["code"] for q in questions(definition) if q["type"] == "text"]
        for code in codes[version_id]:
            value = answers.get(code)
            if isinstance(value, str) and value.strip():
                out.append(OpenText(response_id=response_id, question_code=code, text=value.strip()))
    return out
