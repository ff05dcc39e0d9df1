"""Small helpers that write library modules in the definition's shape (see ``definition``)."""

from __future__ import annotations

from typing import Any

from buurtpeil.polls.scales import SCALES, scale_choices

LANGUAGES = ["nl", "en"]


def t(nl: str, en: str) -> dict[str, str]:
    return {"nl": nl, "en": en}


def choice(value: str, nl: str, en: str) -> dict[str, Any]:
    return {"value": value, "label": t(nl, en)}


def item(code: str, nl: str, en: str) -> dict[str, Any]:
    return {"code": code, "text": t(nl, en)}


def question(
    code: str,
    kind: str,
    nl: str,
    en: str,
    *,
    indicator: str | None = None,
    factor: int | None = None,
    scale: str | None = None,
    choices: list[dict] | None = None,
    items: list[dict] | None = None,
    condition: dict | None = None,
    required: bool = False,
    help: tuple[str, str] | None = None,
    dont_know: bool | None = None,
    reverse: bool = False,
    minimum: float | None = None,
    maximum: float | None = None,
) -> dict[str, Any]:
    """One question; ``scale`` copies the named scale's choices and its "don't know" default.
    The indicator defaults to the question code (every library question measures one)."""
    result: dict[str, Any] = {"code": code, "type": kind, "text": t(nl, en), "required": required}
    if help:
        result["help"] = t(*help)
    if scale:
        result["scale"] = scale
        result["choices"] = scale_choices(scale)
        if dont_know is None:
            dont_know = SCALES[scale]["dont_know"]
    elif choices:
        result["choices"] = choices
    if items:
        result["items"] = items
    if dont_know and kind in ("likert", "grid"):
        result["dont_know"] = True
    if minimum is not None:
        result["min"] = minimum
    if maximum is not None:
        result["max"] = maximum
    if condition:
        result["condition"] = condition
    if factor is not None:
        result["factor"] = factor
    result["indicator"] = indicator or code
    if reverse:
        result["reverse"] = True
    return result


def group(group_id: str, nl: str, en: str, *questions: dict[str, Any]) -> dict[str, Any]:
    return {"id": group_id, "title": t(nl, en), "questions": list(questions)}


def module(
    code: str, title: tuple[str, str], description: tuple[str, str], *groups: dict[str, Any]
) -> dict[str, Any]:
    """A module: its groups, plus the Tafel van 12 factors its questions serve."""
    factors = sorted({q["factor"] for g in groups for q in g["questions"] if q.get("factor")})
    return {
        "code": code,
        "title": t(*title),
        "description": t(*description),
        "languages": list(LANGUAGES),
        "factors": factors,
        "groups": list(groups),
    }
