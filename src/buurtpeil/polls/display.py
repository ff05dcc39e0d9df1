"""How a definition is shown to staff: condition summaries, the poll outline, translations."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from buurtpeil.polls.definition import condition_clauses, text
from buurtpeil.polls.editing import texts
from buurtpeil.polls.forms import TYPE_LABELS, text_label
from buurtpeil.polls.indicators import factor_label

SYMBOLS = {"eq": "=", "ne": "≠", "gt": ">", "ge": "≥", "lt": "<", "le": "≤"}


def _clause(clause: dict[str, Any]) -> str:
    op, value, question = clause.get("op"), clause.get("value"), clause.get("question")
    if op == "answered":
        return _("%(question)s is answered") % {"question": question}
    if op == "in":
        return _("%(question)s is one of %(values)s") % {
            "question": question,
            "values": ", ".join(map(str, value)),
        }
    if op == "selected":
        return _("%(question)s includes %(value)s") % {"question": question, "value": value}
    return f"{question} {SYMBOLS.get(op, op)} {value}"


def condition_summary(condition: dict[str, Any] | None) -> str:
    if not condition:
        return ""
    parts = [_clause(clause) for clause in condition_clauses(condition)]
    if "any" in condition:
        return _("one of: %(parts)s") % {"parts": "; ".join(parts)}
    if "all" in condition:
        return _("all of: %(parts)s") % {"parts": "; ".join(parts)}
    return parts[0]


def poll_outline(definition: dict[str, Any], language: str) -> list[dict[str, Any]]:
    """Groups and questions with what staff need to see, in the staff's language if the poll
    has it, else in the source language."""
    languages = definition["languages"]
    outline = []
    for g, group in enumerate(definition["groups"]):
        rows = []
        for q, question in enumerate(group["questions"]):
            rows.append(
                {
                    "code": question["code"],
                    "type": TYPE_LABELS.get(question["type"], question["type"]),
                    "text": text(question["text"], language, languages),
                    "required": question.get("required", False),
                    "condition": condition_summary(question.get("condition")),
                    "factor": question.get("factor"),
                    "factor_label": factor_label(question.get("factor")),
                    "indicator": question.get("indicator", ""),
                    "first": g == 0 and q == 0,
                    "last": g == len(definition["groups"]) - 1 and q == len(group["questions"]) - 1,
                }
            )
        outline.append(
            {
                "id": group["id"],
                "title": text(group.get("title"), language, languages),
                "questions": rows,
                "first": g == 0,
                "last": g == len(definition["groups"]) - 1,
            }
        )
    return outline


def translation_rows(definition: dict[str, Any]) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """Every text with its value per language (None where missing), and missing counts."""
    languages = definition["languages"]
    rows, missing = [], dict.fromkeys(languages, 0)
    for key, _what, mapping in texts(definition):
        cells = []
        for language in languages:
            value = mapping.get(language) or None
            missing[language] += value is None
            cells.append({"language": language, "text": value})
        rows.append({"key": key, "what": text_label(key), "cells": cells})
    return rows, missing
