"""What a council report says, read from the stored results of its polls.

Every figure comes from ``insights`` documents as they were stored: a hidden figure was never
stored (only ``{"s": "suppressed"}``), so nothing here can show it. Comparisons with the
municipality and between waves use ``insights.area_page``; the choropleths
``insights.maps``. Texts are made later (``council.document``) in the report's language.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils import timezone

from buurtpeil.areas.selectors import buurt_map
from buurtpeil.distribution.selectors import poll_response_counts
from buurtpeil.insights import selectors as insights
from buurtpeil.insights.area_page import indicator_rows, is_direct, tafel
from buurtpeil.insights.maps import LegendClass, MapArea, choropleth
from buurtpeil.insights.texts import map_words, tafel_words
from buurtpeil.polls.indicators import INDICATORS, indicator_is_share, indicator_label
from buurtpeil.reports.council import texts

# The outcome indicators a council reads first (perceived safety), in this order; a report
# shows those the poll measured, at most MAX_KEY.
KEY_INDICATORS = (
    "buurt_unsafe",
    "unsafe_ever",
    "mark_safety",
    "mark_liveability",
    "buurt_unsafe_often",
    "avoidance",
    "unsafe_often",
    "risk",
)
MAX_KEY = 5


@dataclass
class AreaValue:
    code: str
    name: str
    figure: Mapping[str, Any]  # the stored figure ({"s": "suppressed"} when hidden), {} if none
    difference: str = ""  # "higher" | "lower" than the municipality, significantly
    change: str = ""  # "up" | "down" since the previous wave, significantly
    previous: Mapping[str, Any] = field(default_factory=dict)  # the figure in the previous wave

    @property
    def state(self) -> str:
        if not self.figure:
            return "none"
        return "suppressed" if self.figure.get("e") is None else str(self.figure.get("s", "shown"))


@dataclass
class KeyIndicator:
    code: str
    label: str
    percent: bool
    municipality: AreaValue
    wijken: list[AreaValue]
    buurten: list[AreaValue]
    map_areas: list[MapArea]
    legend: list[LegendClass]
    waves: list[tuple[str, Mapping[str, Any]]] = field(default_factory=list)  # the municipality's


@dataclass
class WijkPriorities:
    name: str
    n: int
    reasons: list[tuple[str, str]]  # (factor label, why), strongest first


@dataclass
class PollFacts:
    title: str
    created: date
    respondents: int
    invited: int
    completed: int
    weighting: Mapping[str, Any]
    version: int | None
    audience: str = "residents"

    @property
    def response_rate(self) -> float | None:
        return self.completed / self.invited if self.invited else None


@dataclass
class Content:
    organisation: Any
    language: str
    polls: list[PollFacts]  # oldest first; the last is the one the report is about
    areas: dict[str, tuple[str, str, str | None]]  # code -> (name, level, parent)
    key: list[KeyIndicator]
    wave_labels: list[str]  # the waves compared, oldest first, this one last
    tafel: list[WijkPriorities]
    rules: Any  # analysis.SuppressionRules

    @property
    def main(self) -> PollFacts:
        return self.polls[-1]


def key_indicators(indicators: Sequence[str]) -> list[str]:
    chosen = [code for code in KEY_INDICATORS if code in indicators]
    if not chosen:  # a poll without the safety modules: its first measured indicators
        chosen = [code for code in indicators if INDICATORS.get(code, {}).get("kind") != "open"]
    return chosen[:MAX_KEY]


def _labelled(waves, poll_ids: Sequence[int], titles: Mapping[int, str]) -> list:
    """(label, cell) of an area in the report's waves, oldest first."""
    wanted = set(poll_ids)
    return [(titles[pid], data) for pid, _t, _c, data in waves if pid in wanted]


def collect(*, organisation, polls: Sequence[Any], language: str, rules) -> Content:
    """``polls``: (poll, its ready PollResults) of the report, oldest first; the report is about
    the last. Earlier ones, or for a poll report the earlier waves, give the changes."""
    poll, results = polls[-1]
    summary = results.summary
    areas = {code: (name, level, parent) for code, name, level, parent in summary["areas"]}
    top = next(code for code, (_n, level, _p) in areas.items() if level == "gemeente")
    wijken = [code for code, (_n, level, _p) in areas.items() if level == "wijk"]
    key = key_indicators(summary["indicators"])
    keys = [f"cell:{top}::", *(f"cell:{w}::" for w in wijken), *(f"map:i.{c}" for c in key), "tafel:wijk"]
    parts = insights.result_parts(results, keys)
    top_cell = parts.get(f"cell:{top}::", {})
    top_waves = insights.area_waves(organisation, top, poll.audience)
    wave_ids, titles = _wave_polls(top_waves, poll, [p for p, _r in polls])
    top_rows = indicator_rows(
        key, top_cell, top_cell, _labelled(top_waves, wave_ids, titles), language=language
    )
    wijk_rows = {
        w: indicator_rows(
            key,
            parts.get(f"cell:{w}::", {}),
            top_cell,
            _labelled(insights.area_waves(organisation, w, poll.audience), wave_ids, titles),
            language=language,
        )
        for w in wijken
        if parts.get(f"cell:{w}::", {}).get("n") is not None
    }
    wave_labels = [titles[pid] for pid in wave_ids]
    the_map = buurt_map(organisation)
    names = {code: name for code, (name, _l, _p) in areas.items()}
    indicators = []
    for i, code in enumerate(key):
        row = top_rows[i]
        per_area = parts.get(f"map:i.{code}", {})
        buurt_figures = {c: f for c, f in per_area.items() if areas.get(c, ("", ""))[1] == "buurt"}
        map_areas, legend = choropleth(
            the_map,
            buurt_figures,
            level="buurt",
            names=names,
            percent=indicator_is_share(code),
            words=map_words(),
        )
        indicators.append(
            KeyIndicator(
                code=code,
                label=indicator_label(code, language),
                percent=indicator_is_share(code),
                municipality=AreaValue(top, names[top], row.area, "", *_change(row, wave_labels)),
                wijken=[
                    AreaValue(w, names[w], rows[i].area, rows[i].difference, *_change(rows[i], wave_labels))
                    for w, rows in wijk_rows.items()
                ],
                buurten=[
                    AreaValue(c, names[c], buurt_figures.get(c, {}))
                    for c, (_n, level, _p) in areas.items()
                    if level == "buurt"
                ],
                map_areas=map_areas,
                legend=legend,
                waves=row.waves,
            )
        )
    return Content(
        organisation=organisation,
        language=language,
        polls=[_facts(p, r) for p, r in polls],
        areas=areas,
        key=indicators,
        wave_labels=wave_labels,
        tafel=_priorities(parts.get("tafel:wijk"), parts, wijk_rows, names, language),
        rules=rules,
    )


def _change(row, labels: Sequence[str]) -> tuple[str, Mapping[str, Any]]:
    """The significant change of an indicator row from the previous wave to this one, and the
    previous figure; none unless both waves have a figure (not the last two that have one)."""
    last = [(label, f) for label, f in row.waves[-2:] if is_direct(f)]
    if len(labels) < 2 or [label for label, _f in last] != list(labels[-2:]):
        return "", {}
    return row.change, last[0][1]


def _wave_polls(waves, poll, report_polls) -> tuple[list[int], dict[int, str]]:
    """The polls whose figures are compared, oldest first, and a label for each: a period
    report's own polls, or for one poll every earlier poll with results and this one."""
    order = [(pid, title, created) for pid, title, created, _data in waves]
    if len(report_polls) > 1:
        ids = {p.pk for p in report_polls}
        chosen = [row for row in order if row[0] in ids]
    else:
        upto = next((k for k, row in enumerate(order) if row[0] == poll.pk), len(order) - 1)
        chosen = order[: upto + 1]
    titles = [title for _pid, title, _c in chosen]
    unique = len(set(titles)) == len(titles)
    labels = {  # polls of the same name are told apart by their order and date
        pid: title if unique else f"{k}. {title} ({timezone.localdate(created):%d-%m-%Y})"
        for k, (pid, title, created) in enumerate(chosen, start=1)
    }
    return [pid for pid, _t, _c in chosen], labels


def _facts(poll, results) -> PollFacts:
    counts = poll_response_counts(poll)
    return PollFacts(
        title=poll.title,
        created=timezone.localdate(poll.created_at),
        respondents=results.respondents,
        invited=counts.invited,
        completed=counts.completed,
        weighting=results.summary.get("weighting", {}),
        version=results.summary.get("version"),
        audience=poll.audience,
    )


def _priorities(document, parts, wijk_rows, names, language) -> list[WijkPriorities]:
    """Suggested Tafel van 12 factors per wijk whose figures are shown, strongest reason first."""
    found = []
    for wijk in wijk_rows:
        reasons, _chart, rows = tafel(
            document, wijk, language=language, reason_text=lambda r: "", words=tafel_words()
        )
        shown = {row["factor"] for row in rows if row["value"] is not None}
        stored = {r["factor"]: r for r in document["areas"][wijk]["suggested"]} if reasons else {}
        found.append(
            WijkPriorities(
                names[wijk],
                parts[f"cell:{wijk}::"]["n"],
                [(r.label, texts.reason_text(stored[r.factor], r.factor in shown)) for r in reasons],
            )
        )
    return found
