"""A poll's content as one plain JSON document: its groups, questions, texts and conditions.

The same document is what staff edit (``Poll.definition``), what a published version freezes
(``PollVersion.definition``), what the module library ships, what XLSForm import produces and
export reads, what the answering page renders and what analysis reads for the Tafel van 12
factor and indicator of each question. This module imports nothing from Django, so that any
of them can use it.

Shape (every text is a mapping of language code to text; the first language is the source)::

    {
      "languages": ["nl", "en"],
      "title": {"nl": "...", "en": "..."},
      "intro": {"nl": "...", "en": "..."},
      "groups": [
        {"id": "g1", "title": {...}, "questions": [
          {"code": "buurt_unsafe", "type": "single", "text": {...}, "help": {...},
           "required": true,
           "choices": [{"value": "often", "label": {...}}, ...],
           "items": [{"code": "litter", "text": {...}}, ...],       # grid only
           "dont_know": true,        # likert and grid: adds the choice "dk" (don't know)
           "min": 0, "max": 120,     # number only
           "condition": {"question": "unsafe_ever", "op": "eq", "value": "yes"},
           "factor": 1,              # Tafel van 12 factor 1..12, or absent
           "indicator": "buurt_unsafe_ever",   # what the answer measures, or absent
           "reverse": false},        # the scale runs against the indicator's direction
        ]}
      ]
    }

Answers are a mapping of question code to value: a choice value (single, likert), a list of
choice values (multiple), an int 1..10 (mark), a number, a string (text), ``{"lon", "lat"}``
(point) or a mapping of item code to choice value (grid).
"""

from __future__ import annotations

import copy
import math
import re
from collections.abc import Iterator, Mapping
from typing import Any

from buurtpeil.core.text import storable

__all__ = [
    "CONDITION_OPS",
    "DONT_KNOW",
    "QUESTION_TYPES",
    "DefinitionError",
    "Problem",
    "answers_clean",
    "choice_values",
    "condition_clauses",
    "condition_holds",
    "definition_copy",
    "definition_empty",
    "definition_validate",
    "question_visible",
    "questions",
    "text",
]

QUESTION_TYPES = ("single", "multiple", "likert", "mark", "number", "text", "point", "grid")
CHOICE_TYPES = ("single", "multiple", "likert", "grid")
CONDITION_OPS = ("eq", "ne", "in", "selected", "gt", "ge", "lt", "le", "answered")
DONT_KNOW = "dk"
TEXT_MAX = 2000
CODE_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,63}$")
LANGUAGE_RE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")
DONT_KNOW_LABEL = {"nl": "Weet niet / geen mening", "en": "Don't know / no opinion"}


def gettext_noop(message: str) -> str:
    """Marks a message for the translation catalogue; the Django side translates it."""
    return message


class Problem(str):
    """A fault in English, which also carries its message template and parameters so that a
    caller with a translation catalogue can say it in the user's language."""

    template: str
    params: dict[str, Any]

    def __new__(cls, template: str, **params: Any) -> Problem:
        problem = super().__new__(cls, template % params if params else template)
        problem.template, problem.params = template, params
        return problem


def _problem(where: Problem | None, template: str, **params: Any) -> Problem:
    if where is None:
        return Problem(template, **params)
    return Problem(gettext_noop("%(where)s: %(problem)s"), where=where, problem=Problem(template, **params))


class DefinitionError(ValueError):
    """A definition or an answer set that breaks the rules; ``problems`` lists every fault."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def definition_empty(*, languages: list[str], title: Mapping[str, str]) -> dict[str, Any]:
    return {"languages": list(languages), "title": dict(title), "intro": {}, "groups": []}


def text(texts: Mapping[str, str] | None, language: str, languages: list[str] | None = None) -> str:
    """The text in ``language``, else in the first of ``languages`` that has one, else any."""
    if not texts:
        return ""
    if texts.get(language):
        return texts[language]
    for fallback in languages or ():
        if texts.get(fallback):
            return texts[fallback]
    return next((value for value in texts.values() if value), "")


def questions(definition: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    """Every question in page order."""
    for group in definition.get("groups", ()):
        yield from group.get("questions", ())


def choice_values(question: Mapping[str, Any]) -> list[str]:
    values = [str(choice["value"]) for choice in question.get("choices", ())]
    if question.get("dont_know") and question["type"] in ("likert", "grid"):
        values.append(DONT_KNOW)
    return values


# --- conditions -------------------------------------------------------------------------


def _clauses(condition: Mapping[str, Any]) -> tuple[str, list[Mapping[str, Any]]]:
    if "all" in condition:
        return "all", list(condition["all"])
    if "any" in condition:
        return "any", list(condition["any"])
    return "all", [condition]


def condition_clauses(condition: Mapping[str, Any] | None) -> list[Mapping[str, Any]]:
    """The clauses of a condition, whether it is one clause or an "all" or "any" of several."""
    return _clauses(condition)[1] if condition else []


def _number(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _is_empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _clause_holds(clause: Mapping[str, Any], answers: Mapping[str, Any]) -> bool:
    answer = answers.get(clause["question"])
    op = clause["op"]
    if op == "answered":
        return not _is_empty(answer)
    if _is_empty(answer):
        return op == "ne"
    expected = clause.get("value")
    if op == "eq":
        return str(answer) == str(expected)
    if op == "ne":
        return str(answer) != str(expected)
    if op == "in":
        return str(answer) in {str(value) for value in expected}
    if op == "selected":
        chosen = answer if isinstance(answer, list) else [answer]
        return str(expected) in {str(value) for value in chosen}
    left, right = _number(answer), _number(expected)
    if left is None or right is None:
        return False
    return {"gt": left > right, "ge": left >= right, "lt": left < right, "le": left <= right}[op]


def condition_holds(condition: Mapping[str, Any] | None, answers: Mapping[str, Any]) -> bool:
    """Whether a question with this condition is shown, given the answers so far."""
    if not condition:
        return True
    mode, clauses = _clauses(condition)
    results = (_clause_holds(clause, answers) for clause in clauses)
    return all(results) if mode == "all" else any(results)


def question_visible(question: Mapping[str, Any], answers: Mapping[str, Any]) -> bool:
    return condition_holds(question.get("condition"), answers)


# --- validation of a definition ---------------------------------------------------------


def _group(ref: Any) -> Problem:
    return Problem(gettext_noop("group %(group)s"), group=ref)


def _check_texts(where: Problem, texts: Any, languages: list[str], problems: list[str], *, needed: bool):
    if texts in (None, {}) and not needed:
        return
    if not isinstance(texts, dict) or not all(isinstance(v, str) for v in texts.values()):
        problems.append(_problem(where, gettext_noop("texts must be a mapping of language to text")))
        return
    if needed and not texts.get(languages[0], "").strip():
        problems.append(
            _problem(
                where,
                gettext_noop("the text in the source language (%(language)s) is missing"),
                language=languages[0],
            )
        )
    unknown = sorted(set(texts) - set(languages))
    if unknown:
        problems.append(
            _problem(
                where,
                gettext_noop("text in a language the poll does not have: %(languages)s"),
                languages=", ".join(unknown),
            )
        )


def _check_condition(where, condition, earlier: dict[str, dict], problems: list[str]):
    if condition is None:
        return
    if not isinstance(condition, dict):
        problems.append(_problem(where, gettext_noop("the condition must be an object")))
        return
    for clause in _clauses(condition)[1]:
        target = clause.get("question") if isinstance(clause, dict) else None
        if target not in earlier:
            problems.append(
                _problem(
                    where,
                    gettext_noop("the condition refers to “%(target)s”, which is not an earlier question"),
                    target=target,
                )
            )
            continue
        op = clause.get("op")
        if op not in CONDITION_OPS:
            problems.append(_problem(where, gettext_noop("unknown condition operator “%(op)s”"), op=op))
        elif op == "in" and not isinstance(clause.get("value"), list):
            problems.append(_problem(where, gettext_noop("the operator “in” needs a list of values")))
        elif op in ("gt", "ge", "lt", "le") and _number(clause.get("value")) is None:
            problems.append(_problem(where, gettext_noop("the operator “%(op)s” needs a number"), op=op))


def definition_validate(definition: Any) -> dict[str, Any]:
    """Return the definition if it is sound; raise ``DefinitionError`` listing every fault."""
    problems: list[str] = []
    if not isinstance(definition, dict):
        raise DefinitionError([_problem(None, gettext_noop("the definition must be an object"))])
    languages = definition.get("languages")
    if (
        not isinstance(languages, list)
        or not languages
        or not all(isinstance(lang, str) and LANGUAGE_RE.match(lang) for lang in languages)
    ):
        raise DefinitionError(
            [_problem(None, gettext_noop("languages must be a list of language codes, the source first"))]
        )
    if len(set(languages)) != len(languages):
        problems.append(_problem(None, gettext_noop("a language is listed twice")))
    _check_texts(Problem(gettext_noop("title")), definition.get("title"), languages, problems, needed=True)
    _check_texts(
        Problem(gettext_noop("introduction")), definition.get("intro"), languages, problems, needed=False
    )
    groups = definition.get("groups")
    if not isinstance(groups, list):
        raise DefinitionError([*problems, _problem(None, gettext_noop("groups must be a list"))])
    earlier: dict[str, dict] = {}
    group_ids: set[str] = set()
    for g, group in enumerate(groups, start=1):
        if not isinstance(group, dict) or not isinstance(group.get("questions"), list):
            problems.append(_problem(_group(g), gettext_noop("must be an object with a list of questions")))
            continue
        group_id = str(group.get("id", ""))
        if not CODE_RE.match(group_id) or group_id in group_ids:
            problems.append(_problem(_group(g), gettext_noop("needs a unique id of letters, digits and _")))
        group_ids.add(group_id)
        _check_texts(_group(group_id), group.get("title"), languages, problems, needed=False)
        for question in group["questions"]:
            _check_question(question, languages, earlier, problems)
    if problems:
        raise DefinitionError(problems)
    return definition


def _check_question(question: Any, languages: list[str], earlier: dict[str, dict], problems: list[str]):
    if not isinstance(question, dict):
        problems.append(_problem(None, gettext_noop("a question must be an object")))
        return
    code = str(question.get("code", ""))
    where = Problem(gettext_noop("question %(code)s"), code=code or "?")
    if not CODE_RE.match(code):
        problems.append(
            _problem(
                where, gettext_noop("the code must start with a letter and hold only letters, digits and _")
            )
        )
    elif code in earlier:
        problems.append(_problem(where, gettext_noop("the code is used twice")))
    kind = question.get("type")
    if kind not in QUESTION_TYPES:
        problems.append(_problem(where, gettext_noop("unknown question type “%(type)s”"), type=kind))
    _check_texts(where, question.get("text"), languages, problems, needed=True)
    _check_texts(
        Problem(gettext_noop("help of question %(code)s"), code=code or "?"),
        question.get("help"),
        languages,
        problems,
        needed=False,
    )
    if kind in CHOICE_TYPES:
        choices = question.get("choices")
        if not isinstance(choices, list) or len(choices) < (1 if kind == "multiple" else 2):
            problems.append(_problem(where, gettext_noop("needs at least two choices")))
        else:
            values = [str(choice.get("value", "")) for choice in choices if isinstance(choice, dict)]
            if len(values) != len(choices) or not all(values) or len(set(values)) != len(values):
                problems.append(_problem(where, gettext_noop("every choice needs its own value")))
            if question.get("dont_know") and DONT_KNOW in values:
                problems.append(
                    _problem(
                        where,
                        gettext_noop("the value “%(value)s” is reserved for “don't know”"),
                        value=DONT_KNOW,
                    )
                )
            for choice in choices:
                if isinstance(choice, dict):
                    _check_texts(
                        Problem(
                            gettext_noop("question %(code)s, choice %(value)s"),
                            code=code,
                            value=choice.get("value"),
                        ),
                        choice.get("label"),
                        languages,
                        problems,
                        needed=True,
                    )
    if kind == "grid":
        items = question.get("items")
        item_codes = [str(item.get("code", "")) for item in items or () if isinstance(item, dict)]
        if not items or len(item_codes) != len(items) or not all(CODE_RE.match(c) for c in item_codes):
            problems.append(_problem(where, gettext_noop("a grid needs items, each with a code")))
        elif len(set(item_codes)) != len(item_codes):
            problems.append(_problem(where, gettext_noop("an item code is used twice")))
        else:
            for item in items:
                _check_texts(
                    Problem(gettext_noop("question %(code)s, item %(item)s"), code=code, item=item["code"]),
                    item.get("text"),
                    languages,
                    problems,
                    needed=True,
                )
    if kind == "number":
        low, high = question.get("min"), question.get("max")
        if (low is not None and _number(low) is None) or (high is not None and _number(high) is None):
            problems.append(_problem(where, gettext_noop("min and max must be numbers")))
        elif low is not None and high is not None and float(low) > float(high):
            problems.append(_problem(where, gettext_noop("min is above max")))
    factor = question.get("factor")
    if factor is not None and (not isinstance(factor, int) or not 1 <= factor <= 12):
        problems.append(
            _problem(where, gettext_noop("the Tafel van 12 factor must be a number from 1 to 12"))
        )
    indicator = question.get("indicator")
    if indicator is not None and (not isinstance(indicator, str) or not CODE_RE.match(indicator)):
        problems.append(
            _problem(where, gettext_noop("the indicator must be a code of letters, digits and _"))
        )
    _check_condition(where, question.get("condition"), earlier, problems)
    if code:
        earlier[code] = question


# --- answers ----------------------------------------------------------------------------


def _clean_value(question: Mapping[str, Any], value: Any) -> Any:
    """The value in its stored form, or raise ValueError with a reason for the resident."""
    kind = question["type"]
    if kind in ("single", "likert"):
        if str(value) not in choice_values(question):
            raise ValueError("not one of the choices")
        return str(value)
    if kind == "multiple":
        chosen = value if isinstance(value, list) else [value]
        allowed = choice_values(question)
        cleaned = [str(v) for v in chosen]
        if not all(v in allowed for v in cleaned):
            raise ValueError("not one of the choices")
        return [v for v in allowed if v in cleaned]
    if kind == "grid":
        if not isinstance(value, dict):
            raise ValueError("expected an answer per item")
        allowed = choice_values(question)
        codes = [item["code"] for item in question["items"]]
        cleaned = {}
        for code in codes:
            if value.get(code) in (None, ""):
                continue
            if str(value[code]) not in allowed:
                raise ValueError("not one of the choices")
            cleaned[code] = str(value[code])
        if set(value) - set(codes):
            raise ValueError("unknown item")
        return cleaned
    if kind == "mark":
        number = _number(value)
        if number is None or number != int(number) or not 1 <= number <= 10:
            raise ValueError("a whole number from 1 to 10")
        return int(number)
    if kind == "number":
        number = _number(value)
        if number is None:
            raise ValueError("not a number")
        if question.get("min") is not None and number < float(question["min"]):
            raise ValueError("below the minimum")
        if question.get("max") is not None and number > float(question["max"]):
            raise ValueError("above the maximum")
        return int(number) if number == int(number) and abs(number) < 2**53 else number
    if kind == "text":
        if not isinstance(value, str):
            raise ValueError("not a text")
        if len(value) > TEXT_MAX:
            raise ValueError(f"longer than {TEXT_MAX} characters")
        if not storable(value):
            raise ValueError("a character that cannot be stored")
        return value.strip()
    if kind == "point":
        if not isinstance(value, dict):
            raise ValueError("expected a point")
        lon, lat = _number(value.get("lon")), _number(value.get("lat"))
        if lon is None or lat is None or not (-180 <= lon <= 180 and -90 <= lat <= 90):
            raise ValueError("not a point on the map")
        return {"lon": round(lon, 6), "lat": round(lat, 6)}
    raise ValueError("unknown question type")


def answers_clean(
    definition: Mapping[str, Any], answers: Mapping[str, Any], *, complete: bool
) -> tuple[dict[str, Any], dict[str, str]]:
    """Check answers against the definition: ``(cleaned, errors by question code)``.

    Answers to unknown questions and to questions hidden by their condition are dropped.
    With ``complete`` (the final submit) a visible required question must be answered;
    while the resident goes, a partial set is fine. Errors are short English reasons.
    """
    cleaned: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for question in questions(definition):
        code = question["code"]
        if not question_visible(question, cleaned):
            continue
        value = answers.get(code)
        if _is_empty(value):
            if complete and question.get("required"):
                errors[code] = "required"
            continue
        try:
            value = _clean_value(question, value)
        except ValueError as error:
            errors[code] = str(error)
            continue
        incomplete_grid = question["type"] == "grid" and len(value) < len(question["items"])
        if incomplete_grid and complete and question.get("required"):
            errors[code] = "required"
            continue
        if not _is_empty(value):
            cleaned[code] = value
    return cleaned, errors


def definition_copy(definition: Mapping[str, Any]) -> dict[str, Any]:
    return copy.deepcopy(dict(definition))
