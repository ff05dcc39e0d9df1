"""Stored result documents turned into what a page or report shows: per question its figures,
n, status, table rows and chart (pure: no Django; texts come in as arguments)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from buurtpeil.insights import charts
from buurtpeil.polls.definition import DONT_KNOW, DONT_KNOW_LABEL, questions, text


@dataclass
class Row:
    label: str
    value: float | None
    low: float | None
    high: float | None
    text: str  # the value as printed: "34%" or "7.2"
    interval: str = ""  # the 95% interval as printed, with an en dash: "30%-38%"


@dataclass
class Figure:
    key: str
    title: str
    status: str  # shown | indicative | suppressed | none
    n: int | None
    percent: bool
    rows: list[Row] = field(default_factory=list)
    chart: dict[str, Any] | None = None

    @property
    def chart_id(self) -> str:
        return "chart-" + "".join(c if c.isalnum() else "-" for c in self.key)


@dataclass
class QuestionFigures:
    code: str
    text: str
    type: str
    figures: list[Figure]


def printed(value: float | None, percent: bool) -> str:
    if value is None:
        return "\u2013"  # en dash
    return f"{round(value * 100)}%" if percent else f"{value:.1f}"


def _rows_chart(figure: Figure, axis_title: str, domain: tuple[float, float] | None) -> None:
    for r in figure.rows:
        r.interval = f"{printed(r.low, figure.percent)}\u2013{printed(r.high, figure.percent)}"
    data = [
        {
            "label": r.label,
            "value": r.value,
            "low": r.low,
            "high": r.high,
            "text": r.text,
            "tooltip": f"{r.text} ({printed(r.low, figure.percent)} to {printed(r.high, figure.percent)})",
        }
        for r in figure.rows
        if r.value is not None
    ]
    figure.chart = charts.bar_chart(
        figure.title, data, axis_title=axis_title, percent=figure.percent, domain=domain
    )


def _choice_figure(
    key: str, title: str, found: Mapping[str, Any], labels: Mapping[str, str], axis: str
) -> Figure:
    figure = Figure(key, title, found.get("s", "none"), found.get("n"), percent=True)
    if "c" not in found:
        return figure
    for value, (estimate, low, high) in found["c"].items():
        figure.rows.append(Row(labels.get(value, value), estimate, low, high, printed(estimate, True)))
    _rows_chart(figure, axis, (0, 1))
    return figure


def _mean_figure(key: str, title: str, cells: list[tuple[str, Mapping[str, Any]]], axis: str) -> Figure:
    """A mean for the chosen area and, for comparison, the municipality (first cell decides n)."""
    first = cells[0][1]
    figure = Figure(key, title, first.get("s", "none"), first.get("n"), percent=False)
    if "e" not in first:
        return figure
    for label, found in cells:
        if "e" in found:
            figure.rows.append(Row(label, found["e"], found["l"], found["h"], printed(found["e"], False)))
    _rows_chart(figure, axis, None)
    return figure


def question_figures(
    definition: Mapping[str, Any],
    cell: Mapping[str, Any],
    reference: Mapping[str, Any] | None,
    *,
    language: str,
    texts: Mapping[str, str],
) -> list[QuestionFigures]:
    """Figures of every question for one cell. ``reference`` is the municipality's cell, shown
    beside means; ``texts`` gives ``share``, ``mean``, ``this_area`` and ``municipality``."""
    languages = definition.get("languages", [])
    columns = cell.get("columns", {})
    ref_columns = (reference or {}).get("columns", {})
    result = []
    for question in questions(definition):
        code, kind = question["code"], question["type"]
        title = text(question.get("text"), language, languages)
        labels = {
            str(c["value"]): text(c.get("label"), language, languages) for c in question.get("choices", ())
        }
        labels[DONT_KNOW] = text(DONT_KNOW_LABEL, language)
        figures: list[Figure] = []
        if kind in ("single", "likert"):
            figures.append(
                _choice_figure(f"q.{code}", title, columns.get(f"q.{code}", {}), labels, texts["share"])
            )
        elif kind == "grid":
            for item in question.get("items", ()):
                key = f"q.{code}.{item['code']}"
                item_text = text(item.get("text"), language, languages)
                figures.append(_choice_figure(key, item_text, columns.get(key, {}), labels, texts["share"]))
        elif kind == "multiple":
            merged: dict[str, Any] = {"c": {}}
            for value in labels:
                found = columns.get(f"q.{code}={value}")
                if not found:
                    continue
                merged.update(s=found["s"], n=found.get("n"))
                if "e" in found:
                    merged["c"][value] = [found["e"], found["l"], found["h"]]
            if not merged["c"]:
                merged.pop("c")
            figures.append(_choice_figure(f"q.{code}", title, merged, labels, texts["share"]))
        elif kind in ("mark", "number"):
            key = f"q.{code}"
            cells = [(texts["this_area"], columns.get(key, {}))]
            if reference is not None and reference is not cell:
                cells.append((texts["municipality"], ref_columns.get(key, {})))
            figures.append(_mean_figure(key, title, cells, texts["mean"]))
        if figures:
            result.append(QuestionFigures(code, title, kind, figures))
    return result
