"""Respondent-level answers of one poll as a ``Table``: one row per completed response.

Pure Python (no Django): the caller reads the poll versions and the responses and passes
them in as ``Respondent`` records, with the labels of the background variables. The table
never holds contact data, the member key or the invitation: a respondent is a number that
is new in every export (1, 2, 3, ... in the order given). Open answers are masked
(``mask_personal_data``) before they enter the table.

Columns, in order: respondent, version, completed (date), wijk, buurt, age_group, sex, then
per question (the union over all versions, newest version's order first):

- single, likert: one integer column, choices coded by their own number when every choice
  value is a whole number from 0 to 999, else 1..k in order; "don't know" gets code 99 (or
  999, ... when 99 is a choice) and is declared missing;
- multiple: one 0/1 column per choice (``code_value``), missing when the question was not
  answered or the choice was not in the respondent's version;
- grid: one column per item (``code_item``), coded like single;
- mark, number: the number; point: ``code_lon`` and ``code_lat``; text: the masked text.

A question whose type changed between versions gets a second variable (``code_2``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from buurtpeil.openanswers.privacy import mask_personal_data
from buurtpeil.polls.definition import DONT_KNOW, DONT_KNOW_LABEL, questions, text
from buurtpeil.reports.table import Table, Variable, names_unique

__all__ = ["BACKGROUND", "Respondent", "answers_table"]

Traits = Mapping[str, list[tuple[str, str]]]  # age_group, sex -> [(value, label)]
Filler = Callable[[Any, list[Any], int], None]


def gettext_noop(message: str) -> str:
    """Marks a message for the translation catalogue; the caller's ``translate`` says it."""
    return message


# name, label, kind, measure; age_group and sex are coded with the labels in ``traits``.
BACKGROUND = (
    ("respondent", gettext_noop("Respondent (numbered anew in every export)"), "integer", "nominal"),
    ("version", gettext_noop("Poll version answered"), "integer", "nominal"),
    ("completed", gettext_noop("Date the answers were sent"), "date", "scale"),
    ("wijk", gettext_noop("Wijk (district) code"), "string", "nominal"),
    ("buurt", gettext_noop("Buurt (neighbourhood) code"), "string", "nominal"),
    ("age_group", gettext_noop("Age group"), "integer", "ordinal"),
    ("sex", gettext_noop("Sex"), "integer", "nominal"),
)
CHOSEN = {0: gettext_noop("Not chosen"), 1: gettext_noop("Chosen")}
LONGITUDE = gettext_noop("%(question)s: longitude (WGS84)")
LATITUDE = gettext_noop("%(question)s: latitude (WGS84)")
PART = "%(question)s: %(part)s"
WHOLE_NUMBER = re.compile(r"\d{1,3}")
MEASURE = {"single": "nominal", "multiple": "nominal", "likert": "ordinal", "grid": "ordinal"}


@dataclass(frozen=True)
class Respondent:
    """One completed response: the version number answered, the answers (question code ->
    value, as ``answers_clean`` stores them) and the snapshots taken when answering."""

    version: int
    answers: Mapping[str, Any]
    completed: date | None = None
    buurt_code: str = ""
    wijk_code: str = ""
    age_group: str = ""
    sex: str = ""


@dataclass
class _Question:
    """A question merged over the versions that have it (texts from the newest)."""

    code: str
    type: str
    text: str
    choices: dict[str, str] = field(default_factory=dict)  # value -> label
    items: dict[str, str] = field(default_factory=dict)  # item code -> text
    dont_know: bool = False
    first: int = 0  # index of its first column, set when the columns are laid out


def _merged(versions: Mapping[int, Mapping[str, Any]], language: str) -> list[_Question]:
    merged: dict[tuple[str, str], _Question] = {}
    for number in sorted(versions, reverse=True):
        definition = versions[number]
        languages = definition.get("languages", [])
        for question in questions(definition):
            key = (question["code"], question["type"])
            if key not in merged:
                merged[key] = _Question(
                    code=question["code"],
                    type=question["type"],
                    text=text(question.get("text"), language, languages),
                )
            target = merged[key]
            for choice in question.get("choices", ()):
                target.choices.setdefault(
                    str(choice["value"]), text(choice.get("label"), language, languages)
                )
            for item in question.get("items", ()):
                target.items.setdefault(item["code"], text(item.get("text"), language, languages))
            target.dont_know = target.dont_know or bool(question.get("dont_know"))
    return list(merged.values())


def _codes(question: _Question) -> dict[str, int]:
    values = list(question.choices)
    numbers = {int(value) for value in values if WHOLE_NUMBER.fullmatch(value)}
    own = len(numbers) == len(values)
    codes = {value: int(value) if own else position for position, value in enumerate(values, start=1)}
    if question.dont_know and question.type in ("likert", "grid"):
        dont_know = 99
        while dont_know in codes.values():
            dont_know = dont_know * 10 + 9
        codes[DONT_KNOW] = dont_know
    return codes


def _coded(name: str, label: str, question: _Question, codes: dict[str, int], dk_label: str) -> Variable:
    labels = {code: question.choices.get(value, dk_label) for value, code in codes.items()}
    missing = (codes[DONT_KNOW],) if DONT_KNOW in codes else ()
    return Variable(name, label, "integer", labels, missing, MEASURE[question.type])


def _variables(question: _Question, translate: Callable[[str], str], dk_label: str) -> list[Variable]:
    """The question's columns, named from its code (made safe and unique later)."""
    code, label = question.code, question.text
    if question.type in ("single", "likert"):
        return [_coded(code, label, question, _codes(question), dk_label)]
    if question.type == "grid":
        codes = _codes(question)
        return [
            _coded(f"{code}_{item_code}", PART % {"question": label, "part": item}, question, codes, dk_label)
            for item_code, item in question.items.items()
        ]
    if question.type == "multiple":
        chosen = {value: translate(name) for value, name in CHOSEN.items()}
        return [
            Variable(f"{code}_{value}", PART % {"question": label, "part": choice}, "integer", chosen)
            for value, choice in question.choices.items()
        ]
    if question.type == "point":
        return [
            Variable(f"{code}_{axis}", translate(template) % {"question": label}, "float", measure="scale")
            for axis, template in (("lon", LONGITUDE), ("lat", LATITUDE))
        ]
    if question.type == "text":
        return [Variable(code, label, "string")]
    return [Variable(code, label, "integer" if question.type == "mark" else "float", measure="scale")]


def _number(value: Any) -> float | int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return value
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _filler(question: _Question, version_question: Mapping[str, Any]) -> Filler:
    """Writes one answer (as stored for a version that has this question) into a row."""
    start, kind = question.first, question.type
    if kind in ("single", "likert"):
        codes = _codes(question)

        def single(value, row):
            row[start] = codes.get(str(value))

        return single
    if kind == "grid":
        codes, offsets = _codes(question), {code: n for n, code in enumerate(question.items)}

        def grid(value, row):
            for item, chosen in value.items() if isinstance(value, dict) else ():
                if item in offsets:
                    row[start + offsets[item]] = codes.get(str(chosen))

        return grid
    if kind == "multiple":
        offsets = {value: n for n, value in enumerate(question.choices)}
        offered = [offsets[str(choice["value"])] for choice in version_question.get("choices", ())]

        def multiple(value, row):
            chosen = {str(v) for v in (value if isinstance(value, list) else [value])}
            for offset in offered:
                row[start + offset] = 0
            for v in chosen & offsets.keys():
                row[start + offsets[v]] = 1

        return multiple
    if kind == "point":

        def point(value, row):
            if isinstance(value, dict):
                row[start], row[start + 1] = _number(value.get("lon")), _number(value.get("lat"))

        return point
    if kind == "text":

        def masked(value, row):
            row[start] = mask_personal_data(value) if isinstance(value, str) else None

        return masked

    def number(value, row):
        number = _number(value)
        row[start] = int(number) if kind == "mark" and number is not None else number

    return number


def _plans(
    versions: Mapping[int, Mapping[str, Any]], merged: list[_Question]
) -> dict[int, list[tuple[str, Filler]]]:
    """Per version number: (question code, filler) for each of its questions."""
    by_key = {(question.code, question.type): question for question in merged}
    return {
        number: [
            (question["code"], _filler(by_key[question["code"], question["type"]], question))
            for question in questions(definition)
        ]
        for number, definition in versions.items()
    }


def _trait(name: str, label: str, traits: Traits) -> tuple[Variable, dict[str, int]]:
    choices = traits.get(name, [])
    codes = {value: code for code, (value, _label) in enumerate(choices, start=1)}
    labels = {code: choice_label for code, (_value, choice_label) in enumerate(choices, start=1)}
    measure = "ordinal" if name == "age_group" else "nominal"
    return Variable(name, label, "integer", labels, measure=measure), codes


def answers_table(
    *,
    title: str,
    versions: Mapping[int, Mapping[str, Any]],
    language: str,
    respondents: Iterable[Respondent],
    row_count: int,
    traits: Traits,
    translate: Callable[[str], str] = lambda message: message,
) -> Table:
    """The respondents' answers to the poll whose definitions by version number are
    ``versions``, with labels in ``language``. ``traits`` has the (value, label) choices of
    ``age_group`` and ``sex``, coded 1..k in that order; ``translate`` says this module's own
    texts (the background labels, "chosen", "longitude") in the same language.
    ``respondents`` is read lazily, once, when the table's rows are."""
    merged = _merged(versions, language)
    dk_label = text(DONT_KNOW_LABEL, language, ["nl", "en"])
    columns: list[Variable] = []
    trait_codes: dict[str, dict[str, int]] = {}
    for name, label, kind, measure in BACKGROUND:
        if name in ("age_group", "sex"):
            variable, trait_codes[name] = _trait(name, translate(label), traits)
        else:
            variable = Variable(name, translate(label), kind, measure=measure)
        columns.append(variable)
    for question in merged:
        question.first = len(columns)
        columns.extend(_variables(question, translate, dk_label))
    names = names_unique(variable.name for variable in columns)
    variables = [replace(variable, name=name) for variable, name in zip(columns, names, strict=True)]
    rows = _rows(respondents, _plans(versions, merged), len(variables), trait_codes)
    return Table(title=title, variables=variables, rows=rows, row_count=row_count)


def _rows(
    respondents: Iterable[Respondent],
    plans: dict[int, list[tuple[str, Filler]]],
    width: int,
    trait_codes: dict[str, dict[str, int]],
) -> Iterator[tuple[Any, ...]]:
    ages, sexes = trait_codes["age_group"], trait_codes["sex"]
    empty = [None] * (width - len(BACKGROUND))
    for number, respondent in enumerate(respondents, start=1):
        row = [
            number,
            respondent.version,
            respondent.completed,
            respondent.wijk_code or None,
            respondent.buurt_code or None,
            ages.get(respondent.age_group),
            sexes.get(respondent.sex),
            *empty,
        ]
        answers = respondent.answers
        for code, fill in plans.get(respondent.version, ()):
            value = answers.get(code)
            if value is not None:
                fill(value, row)
        yield tuple(row)
