"""Reads of open answers. Other apps import from here and from ``services`` only."""

from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.utils.translation import get_language

from buurtpeil.openanswers.models import OpenAnswer
from buurtpeil.openanswers.sorting import Example
from buurtpeil.openanswers.themes import THEMES
from buurtpeil.polls.definition import questions, text
from buurtpeil.polls.indicators import FACTORS, factor_label
from buurtpeil.responses.selectors import open_texts


@dataclass(frozen=True)
class Tally:
    value: str | int
    label: str
    count: int
    factor: int | None = None  # a theme's usual factor


@dataclass(frozen=True)
class Filters:
    theme: str = ""
    factor: int | None = None
    question: str = ""
    search: str = ""


def answer_for(organisation, poll_id: int, answer_id: int) -> OpenAnswer | None:
    return OpenAnswer.objects.filter(organisation=organisation, poll_id=poll_id, pk=answer_id).first()


def answers(poll_id: int, filters: Filters = Filters()) -> QuerySet[OpenAnswer]:
    """The poll's sorted answers that pass the filters; ``search`` is contained in the
    (masked) text, ignoring case."""
    rows = OpenAnswer.objects.filter(poll_id=poll_id)
    if filters.theme:
        rows = rows.filter(theme=filters.theme)
    if filters.factor:
        rows = rows.filter(factor=filters.factor)
    if filters.question:
        rows = rows.filter(question_code=filters.question)
    if filters.search:
        rows = rows.filter(text__icontains=filters.search)
    return rows.order_by("pk")


def theme_counts(poll_id: int) -> list[Tally]:
    """Every theme with how many of the poll's answers it has, most first. One query."""
    counted = dict(
        OpenAnswer.objects.filter(poll_id=poll_id).values_list("theme").annotate(n=Count("pk")).order_by()
    )
    rows = [Tally(code, str(label), counted.get(code, 0), factor) for code, (label, factor) in THEMES.items()]
    return sorted(rows, key=lambda row: -row.count)


def factor_counts(poll_id: int) -> list[Tally]:
    """Every Tafel van 12 factor with how many of the poll's answers it has, in factor order."""
    counted = dict(
        OpenAnswer.objects.filter(poll_id=poll_id).values_list("factor").annotate(n=Count("pk")).order_by()
    )
    language = (get_language() or "nl")[:2]
    return [Tally(number, factor_label(number, language), counted.get(number, 0)) for number in FACTORS]


def text_questions(definition: dict) -> list[tuple[str, str]]:
    """(code, question text in the active language) of the definition's text questions."""
    languages = definition.get("languages", [])
    language = (get_language() or "nl")[:2]
    return [
        (question["code"], text(question.get("text"), language, languages))
        for question in questions(definition)
        if question["type"] == "text"
    ]


def unsorted_count(poll_id: int) -> int:
    """How many open answers of complete responses have no sorted copy yet. Two queries."""
    stored = set(OpenAnswer.objects.filter(poll_id=poll_id).values_list("response_id", "question_code"))
    return sum((answer.response_id, answer.question_code) not in stored for answer in open_texts(poll_id))


def corrections(organisation_id: int) -> list[Example]:
    """The organisation's staff labels, as training examples for its sorter. One query."""
    rows = (
        OpenAnswer.objects.filter(organisation_id=organisation_id, source=OpenAnswer.Source.STAFF)
        .order_by("pk")
        .values_list("text", "theme", "factor")
    )
    return [Example(text, theme, factor) for text, theme, factor in rows]
