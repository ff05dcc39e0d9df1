"""What the page of one buurt or wijk shows, from stored results (pure: no Django).

Every indicator against the municipality in the same poll (with its significance), the
indicator's figures over the waves with a significant change since the previous wave marked,
and the area's Tafel van 12 profile with the suggested factors and the reason for each.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from buurtpeil.analysis import compare_with_reference, wave_change
from buurtpeil.insights import charts
from buurtpeil.insights.figures import printed
from buurtpeil.polls.indicators import FACTORS, factor_label, indicator_is_share, indicator_label


@dataclass
class IndicatorRow:
    code: str
    label: str
    percent: bool
    area: dict[str, Any]
    municipality: dict[str, Any]
    difference: str = ""  # "higher" | "lower" | "" (no significant difference)
    waves: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    change: str = ""  # "up" | "down" | "" since the previous wave
    trend_chart: dict[str, Any] | None = None

    def text(self, figure: Mapping[str, Any]) -> str:
        return printed(figure.get("e"), self.percent)


def is_direct(figure: Mapping[str, Any] | None) -> bool:
    """A survey figure of the area's own respondents (shown or indicative): what comparisons and
    trends may use. A model-based figure (``"s": "model"``) is not one."""
    return (
        bool(figure)
        and figure.get("s") in ("shown", "indicative")
        and figure.get("e") is not None
        and figure.get("se") is not None
    )


def indicator_rows(
    indicators: Sequence[str],
    cell: Mapping[str, Any],
    municipality: Mapping[str, Any],
    waves: Sequence[tuple[str, Mapping[str, Any]]],
    *,
    language: str,
) -> list[IndicatorRow]:
    """``waves``: (label, the area's cell) per earlier or later poll, oldest first, this one included."""
    rows = []
    area_n, total_n = cell.get("n"), municipality.get("n")
    for code in indicators:
        key = f"i.{code}"
        area, reference = cell.get("columns", {}).get(key, {}), municipality.get("columns", {}).get(key, {})
        row = IndicatorRow(code, indicator_label(code, language), indicator_is_share(code), area, reference)
        if is_direct(area) and is_direct(reference) and area is not reference:
            share = area_n / total_n if area_n and total_n else None
            test = compare_with_reference(
                [area["e"]], [area["se"]], [reference["e"]], [reference["se"]], area_share=share
            )
            row.difference = {1: "higher", -1: "lower"}.get(int(test.direction[0]), "")
        series = [(label, w.get("columns", {}).get(key, {})) for label, w in waves]
        row.waves = [(label, figure) for label, figure in series if figure]
        shown = [(label, f) for label, f in row.waves if is_direct(f)]
        if len(shown) >= 2:
            (_, before), (_, after) = shown[-2], shown[-1]
            test = wave_change([before["e"]], [before["se"]], [after["e"]], [after["se"]])
            row.change = {1: "up", -1: "down"}.get(int(test.direction[0]), "")
            row.trend_chart = charts.trend_chart(
                row.label,
                [
                    {
                        "wave": label,
                        "value": f["e"],
                        "low": f["l"],
                        "high": f["h"],
                        "text": printed(f["e"], row.percent),
                    }
                    for label, f in shown
                ],
                axis_title=row.label,
                percent=row.percent,
            )
        rows.append(row)
    return rows


@dataclass
class FactorReasonText:
    factor: int
    label: str
    reason: str


def tafel(
    document: Mapping[str, Any] | None,
    area: str,
    *,
    language: str,
    reason_text: Callable[[Mapping[str, Any]], str],
    words: Mapping[str, str],
) -> tuple[list[FactorReasonText], dict[str, Any] | None, list[dict[str, Any]]]:
    """(suggested factors with their reasons, the profile chart, the rows of its table)."""
    if not document or area not in document.get("areas", {}):
        return [], None, []
    profile = document["areas"][area]
    suggested = {r["factor"]: r for r in profile["suggested"]}
    rows = []
    for row, municipality in zip(profile["factors"], document["municipality"], strict=True):
        factor = row["factor"]
        shown = row.get("score") is not None
        rows.append(
            {
                "factor": factor,
                "label": factor_label(factor, language),
                "value": row.get("score"),
                "low": row["score"] - 1.96 * row["se"] if shown else None,
                "high": row["score"] + 1.96 * row["se"] if shown else None,
                "municipality": municipality,
                "text": f"{row['score']:.1f}" if shown else words["suppressed"],
                "priority": words["priority"] if factor in suggested else "",
                "status": row["s"],
                "lagging": row.get("lagging", False),
            }
        )
    chart_rows = [
        {**r, "label": f"{r['label']} ({r['priority']})" if r["priority"] else r["label"]}
        for r in rows
        if r["value"] is not None
    ]
    chart = charts.factor_chart(words["title"], chart_rows, axis_title=words["axis"]) if chart_rows else None
    reasons = [
        FactorReasonText(r["factor"], factor_label(r["factor"], language), reason_text(r))
        for r in sorted(profile["suggested"], key=lambda r: r["rank"])
        if r["factor"] in FACTORS
    ]
    return reasons, chart, rows
