"""Perceived safety beside registered crime, per buurt, for a poll's results.

The perceived figure is the poll's outcome indicator (``buurt_unsafe``: feels unsafe in the own
buurt at times, as in the Veiligheidsmonitor), only where the buurt's own respondents give a
figure (shown or indicative: suppressed and model-based figures are not used). Registered crime
is read from ``indicators`` for the year nearest before the poll's year.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from buurtpeil.analysis import BuurtFigures, BuurtSafety, SafetyClass, perceived_versus_registered
from buurtpeil.indicators.selectors import AreaCrime, area_figures, crime_year_before
from buurtpeil.insights import charts, selectors
from buurtpeil.insights.area_page import is_direct
from buurtpeil.polls.indicators import OUTCOME_INDICATOR

COLUMN = f"i.{OUTCOME_INDICATOR}"
CLASS_LABELS = {
    SafetyClass.UNSAFE_LITTLE_CRIME: gettext_lazy("Feels unsafe, little crime"),
    SafetyClass.SAFE_MUCH_CRIME: gettext_lazy("Feels safe, much crime"),
    SafetyClass.UNSAFE_MUCH_CRIME: gettext_lazy("Feels unsafe and much crime"),
    SafetyClass.SAFE_LITTLE_CRIME: gettext_lazy("Feels safe and little crime"),
    SafetyClass.NO_CLEAR_DIFFERENCE: gettext_lazy("No clear difference from the municipality"),
    SafetyClass.NOT_CLASSIFIED: gettext_lazy("Not classified (too few respondents or inhabitants)"),
}
CLASS_ACTIONS = {
    SafetyClass.UNSAFE_LITTLE_CRIME: gettext_lazy(
        "Residents feel less safe than crime explains: work on perception, through the physical "
        "surroundings (lighting, upkeep, layout), contact between residents and with police and "
        "municipality, and communication about what is and is not happening."
    ),
    SafetyClass.SAFE_MUCH_CRIME: gettext_lazy(
        "Much crime is registered, but residents feel fairly safe: prevention and enforcement, and "
        "making residents aware of the risks (burglary prevention, bicycle theft) without alarming them."
    ),
    SafetyClass.UNSAFE_MUCH_CRIME: gettext_lazy(
        "Residents feel unsafe and much crime is registered: tackle the crime (prevention and "
        "enforcement) and show residents what is being done."
    ),
    SafetyClass.SAFE_LITTLE_CRIME: gettext_lazy(
        "Residents feel safe and little crime is registered: keep it so and watch for changes."
    ),
    SafetyClass.NO_CLEAR_DIFFERENCE: gettext_lazy(
        "Perceived safety or registered crime does not clearly differ from the municipality "
        "(the interval includes the municipal value); no particular kind of action follows."
    ),
    SafetyClass.NOT_CLASSIFIED: gettext_lazy("Too few respondents or too few inhabitants for a comparison."),
}
ORDER = list(CLASS_LABELS)


@dataclass
class BuurtRow:
    code: str
    name: str
    safety: BuurtSafety
    crime: AreaCrime | None
    label: str
    action: str


@dataclass
class CrimeComparison:
    year: int
    months: int  # fewest months covered by a buurt's figure (12: a full year)
    sources: list[str]
    municipal_perceived: float | None
    municipal_rate: float | None
    rows: list[BuurtRow]
    chart: dict[str, Any] | None

    @property
    def complete(self) -> bool:
        return self.months >= 12

    def row(self, code: str) -> BuurtRow | None:
        return next((r for r in self.rows if r.code == code), None)

    def by_class(self) -> list[tuple[str, str, list[BuurtRow]]]:
        return [
            (
                str(CLASS_LABELS[kind]),
                str(CLASS_ACTIONS[kind]),
                [r for r in self.rows if r.safety.kind == kind],
            )
            for kind in ORDER
        ]


def crime_comparison(organisation, poll, results) -> CrimeComparison | None:
    """Every buurt's perceived safety beside its registered crime, or None without crime figures
    for a year up to the poll's year, without the perceived indicator in the results, or for a
    poll to another panel than the residents' (key figures do not speak for their buurt)."""
    summary = results.summary or {}
    if poll.audience != selectors.RESIDENTS or OUTCOME_INDICATOR not in summary.get("indicators", []):
        return None
    year = crime_year_before(organisation, poll.created_at.year)
    if year is None:
        return None
    names = {code: name for code, name, level, _parent in summary["areas"] if level == "buurt"}
    top = next((code for code, _name, level, _parent in summary["areas"] if level == "gemeente"), "")
    top_key, map_key = f"cell:{top}::", f"map:{COLUMN}"
    parts = selectors.result_parts(results, [top_key, map_key])
    municipality = parts.get(top_key, {}).get("columns", {}).get(COLUMN, {})
    perceived: Mapping[str, Any] = parts.get(map_key, {})
    crime = area_figures(organisation, list(names), year=year)
    if not crime:
        return None
    inputs = []
    for code in names:
        figure = perceived.get(code, {})
        direct = is_direct(figure)
        found = crime.get(code)
        inputs.append(
            BuurtFigures(
                code=code,
                perceived=figure["e"] if direct else None,
                perceived_low=figure.get("l") if direct else None,
                perceived_high=figure.get("h") if direct else None,
                respondents=figure.get("n") if direct else None,
                crimes=found.crimes if found else None,
                population=found.population if found else None,
            )
        )
    result = perceived_versus_registered(
        inputs,
        municipal_perceived=municipality.get("e") if is_direct(municipality) else None,
        min_respondents=organisation.privacy_minimum,
    )
    rows = [
        BuurtRow(
            code=s.code,
            name=names[s.code],
            safety=s,
            crime=crime.get(s.code),
            label=str(CLASS_LABELS[s.kind]),
            action=str(CLASS_ACTIONS[s.kind]),
        )
        for s in result.buurten
    ]
    rows.sort(key=lambda r: (ORDER.index(r.safety.kind), r.name))
    comparison = CrimeComparison(
        year=year,
        months=min(c.months for c in crime.values()),
        sources=sorted({c.source for c in crime.values()}),
        municipal_perceived=result.municipal_perceived,
        municipal_rate=result.municipal_rate,
        rows=rows,
        chart=None,
    )
    comparison.chart = _chart(comparison)
    return comparison


def _chart(comparison: CrimeComparison) -> dict[str, Any] | None:
    points = [
        {
            "label": row.name,
            "kind": row.label,
            "rate": round(row.safety.rate, 2),
            "rate_low": round(row.safety.rate_low or 0.0, 2),
            "rate_high": round(row.safety.rate_high or 0.0, 2),
            "perceived": row.safety.perceived,
            "perceived_low": row.safety.perceived_low,
            "perceived_high": row.safety.perceived_high,
            "text": f"{row.safety.perceived:.0%} · {row.safety.rate:.1f}",
        }
        for row in comparison.rows
        if row.safety.perceived is not None and row.safety.rate is not None
    ]
    if not points:
        return None
    return charts.scatter_chart(
        _("Perceived unsafety against registered crime per buurt"),
        points,
        x_title=_("Registered crimes per 1,000 inhabitants (%(year)d)") % {"year": comparison.year},
        y_title=_("Feels unsafe in own buurt at times"),
        kinds=[str(CLASS_LABELS[kind]) for kind in ORDER[:-1]],
        reference=(comparison.municipal_rate, comparison.municipal_perceived),
    )
