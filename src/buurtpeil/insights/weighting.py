"""Weights for a poll's respondents: raked to the adult population of the wijken they live in,
by wijk, age group and sex (pure: no Django).

Choices, shown on the results page's method note:
- The population is that of the wijken with at least one respondent; a wijk without
  respondents cannot be represented and is left out (so are its figures).
- An age group or sex with inhabitants but no respondents is merged with its neighbour in the
  list (age groups) or the margin is dropped (sex), since raking cannot give weight to nobody.
- A respondent without a known value (no buurt, age or sex given, or sex "other") is
  weighted neutrally on that margin: the unknown group keeps its share of the respondents.
- Weights above five times the median are capped when the margins can still be met that way;
  otherwise they are not capped. If raking still fails, the results are unweighted and the
  method note says why.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from buurtpeil.analysis import AnalysisError, Design, Weighting, margin, rake, survey_design

UNKNOWN = "unknown"
AGE_GROUPS = ("15_25", "25_45", "45_65", "65_plus")
SEXES = ("female", "male")
TRIM_RATIOS = (5.0, None)  # weights above 5 x the median are capped, if the margins can still be met


@dataclass(frozen=True)
class BuurtPopulation:
    wijk: str
    adults: int
    age_group: Mapping[str, int]
    sex: Mapping[str, int]  # all ages: CBS gives no sex by age per buurt; scaled to adults


@dataclass(frozen=True)
class WeightingResult:
    design: Design
    weighted: bool
    note: str  # why the results are unweighted, else ""
    n_effective: float
    design_effect: float
    wijken: tuple[str, ...]  # the wijken the weights stand for


def _merge_empty(order: Sequence[str], totals: dict[str, float], present: set[str]) -> dict[str, str]:
    """{category: category it is merged into} so that every kept category has respondents."""
    kept = [c for c in order if c in present]
    if not kept:
        return {}
    target = {}
    for i, category in enumerate(order):
        if category in present:
            target[category] = category
        else:  # the nearest kept category in the list
            target[category] = min(kept, key=lambda k: abs(order.index(k) - i))
    return target


def _margin(variable: str, values: np.ndarray, order: Sequence[str], totals: Mapping[str, float]):
    present = set(values.tolist()) - {UNKNOWN}
    into = _merge_empty(order, dict(totals), present)
    if not into:
        return None
    merged: dict[str, float] = {}
    for category, total in totals.items():
        if category in into:
            merged[into[category]] = merged.get(into[category], 0.0) + float(total)
    known = values != UNKNOWN
    population = sum(merged.values())
    if population <= 0:
        return None
    share_unknown = 1.0 - known.mean()
    scaled = {k: v * (1.0 - share_unknown) for k, v in merged.items()}
    if share_unknown > 0:
        scaled[UNKNOWN] = population * share_unknown
    return margin(variable, values, scaled)


def weights(
    *,
    buurt: np.ndarray,
    age_group: np.ndarray,
    sex: np.ndarray,
    population: Mapping[str, BuurtPopulation],
) -> WeightingResult:
    """Rake respondents (arrays of codes; ``UNKNOWN`` where not known) to the population."""
    n = buurt.shape[0]
    wijk = np.array(
        [population[b].wijk if b in population else UNKNOWN for b in buurt.tolist()], dtype=object
    )
    covered = sorted(set(wijk.tolist()) - {UNKNOWN})
    unweighted = survey_design(n)
    if n == 0 or not covered:
        return WeightingResult(unweighted, False, "no respondents with a known buurt", float(n), 1.0, ())
    in_covered = [p for p in population.values() if p.wijk in covered]
    wijk_totals = {w: float(sum(p.adults for p in in_covered if p.wijk == w)) for w in covered}
    age_totals = {a: float(sum(p.age_group.get(a, 0) for p in in_covered)) for a in AGE_GROUPS}
    sex_all = {s: float(sum(p.sex.get(s, 0) for p in in_covered)) for s in SEXES}
    adults = sum(wijk_totals.values())
    sex_totals = {s: v * adults / max(sum(sex_all.values()), 1.0) for s, v in sex_all.items()}
    age_values = np.where(np.isin(age_group, AGE_GROUPS), age_group, UNKNOWN)
    sex_values = np.where(np.isin(sex, SEXES), sex, UNKNOWN)
    try:
        margins = [
            m
            for m in (
                _margin("wijk", wijk, covered, wijk_totals),
                _margin("age_group", age_values, AGE_GROUPS, age_totals),
                _margin("sex", sex_values, SEXES, sex_totals)
                if set(SEXES) <= set(sex_values.tolist())
                else None,
            )
            if m is not None
        ]
    except AnalysisError as error:
        return WeightingResult(unweighted, False, str(error), float(n), 1.0, tuple(covered))
    result: Weighting | None = None
    for trim_ratio in TRIM_RATIOS:  # capped weights where the margins allow it, else uncapped
        try:
            result = rake(unweighted, margins, trim_ratio=trim_ratio)
            break
        except AnalysisError as error:
            note = str(error)
    if result is None:
        return WeightingResult(unweighted, False, note, float(n), 1.0, tuple(covered))
    report = result.report
    return WeightingResult(result.design, True, "", report.n_effective, report.design_effect, tuple(covered))
