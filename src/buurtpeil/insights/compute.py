"""Every figure of a poll, computed once: estimates per area and group with their intervals, the
status of each under the organisation's suppression rules, and the Tafel van 12 profiles.

Pure (no Django): ``poll_figures`` takes a :class:`~buurtpeil.insights.table.RespondentTable`,
the respondents' areas and traits, the area tree and the weights, and returns plain JSON-ready
documents keyed by name (see ``insights.models.ResultPart``):

- ``cell:<area>:<trait>:<category>`` (trait and category empty for everyone): per column the
  estimate, interval and n, or only ``{"s": "suppressed"}``. A hidden figure is never stored,
  so no page, export or report can leak it.
- ``map:<column>``: the same cells per buurt and per wijk, for maps and area tables.
- For an indicator, a buurt whose figure is suppressed (or that has no respondents) gets a
  model-based figure instead, ``{"s": "model", ...}`` without n, from the shown buurten and the
  population register alone (``insights.smallarea``), when ``auxiliary`` data are given.
- ``tafel:<level>``: factor scores, lags and the suggested factors per area.

Cells: the municipality, each wijk and buurt, and the municipality and each wijk split by age
group and by sex. Suppression is decided per column over all cells at once, with complementary
suppression over every "total = sum of parts" relation between them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from buurtpeil.analysis import (
    AdditiveRelations,
    CellStatus,
    Design,
    SuppressionRules,
    estimate,
    suppress_cells,
    tafel_profile,
)
from buurtpeil.insights.smallarea import model_figures
from buurtpeil.insights.table import Column, RespondentTable
from buurtpeil.insights.weighting import AGE_GROUPS, SEXES, UNKNOWN
from buurtpeil.polls.indicators import FACTORS, INDICATORS, OUTCOME_INDICATOR

TRAITS: dict[str, tuple[str, ...]] = {"age_group": AGE_GROUPS, "sex": SEXES}
STATUS = {
    CellStatus.SHOWN: "shown",
    CellStatus.INDICATIVE: "indicative",
    CellStatus.SUPPRESSED_SMALL: "suppressed",
    CellStatus.SUPPRESSED_COMPLEMENTARY: "suppressed",
}
MARK_HALF_WIDTH = 0.5  # report marks (1-10): wider than +/-0.5 is indicative
SCALE_HALF_WIDTH = 1.0  # scale and factor scores (0-10)


@dataclass(frozen=True)
class AreaNode:
    code: str
    level: str  # gemeente | wijk | buurt
    parent: str | None


@dataclass(frozen=True)
class Cell:
    area: str
    trait: str = ""
    category: str = ""

    @property
    def key(self) -> str:
        return f"cell:{self.area}:{self.trait}:{self.category}"


def _cells(areas: Sequence[AreaNode]) -> tuple[list[Cell], AdditiveRelations]:
    """The published cells and the relations between them (see the module docstring)."""
    top = [a for a in areas if a.level == "gemeente"]
    wijken = [a for a in areas if a.level == "wijk"]
    buurten = [a for a in areas if a.level == "buurt"]
    cells = [Cell(a.code) for a in (*top, *wijken, *buurten)]
    for trait, categories in TRAITS.items():
        for area in (*top, *wijken):
            cells.extend(Cell(area.code, trait, c) for c in (*categories, UNKNOWN))
    index = {c: i for i, c in enumerate(cells)}
    relations: list[tuple[int, list[int]]] = []
    for parent in (*top, *wijken):
        children = [index[Cell(a.code)] for a in areas if a.parent == parent.code and Cell(a.code) in index]
        if children:
            relations.append((index[Cell(parent.code)], children))
        for trait, categories in TRAITS.items():
            parts = [index[Cell(parent.code, trait, c)] for c in (*categories, UNKNOWN)]
            relations.append((index[Cell(parent.code)], parts))
            if parent.level == "gemeente":
                for c in (*categories, UNKNOWN):
                    kids = [index[Cell(w.code, trait, c)] for w in wijken if w.parent == parent.code]
                    if kids:
                        relations.append((index[Cell(parent.code, trait, c)], kids))
    return cells, AdditiveRelations.from_lists(len(cells), relations)


def _max_half_width(column: Column, rules: SuppressionRules) -> float:
    key = column.key
    if column.kind in ("choice", "binary"):
        return rules.max_half_width
    if key.startswith("i."):
        kind = INDICATORS[column.question]["kind"]
        return (
            rules.max_half_width
            if kind == "proportion"
            else MARK_HALF_WIDTH
            if kind == "mean"
            else SCALE_HALF_WIDTH
        )
    return MARK_HALF_WIDTH if key.startswith("q.") else math.inf


def _bounds(column: Column) -> tuple[float, float]:
    """The scale of an indicator: shares 0-1, report marks 1-10, scale scores 0-10."""
    kind = INDICATORS[column.question]["kind"]
    return (0.0, 1.0) if kind == "proportion" else (1.0, 10.0) if kind == "mean" else (0.0, 10.0)


def _round(x: float, digits: int = 4) -> float | None:
    return None if not math.isfinite(x) else round(float(x), digits)


def poll_figures(
    table: RespondentTable,
    *,
    design: Design,
    buurt: np.ndarray,
    wijk: np.ndarray,
    age_group: np.ndarray,
    sex: np.ndarray,
    areas: Sequence[AreaNode],
    rules: SuppressionRules,
    auxiliary: Mapping[str, Sequence[float]] | None = None,
) -> dict[str, Any]:
    """All documents of a poll's results (see the module docstring). ``auxiliary``: registry
    data per buurt for model-based figures (``smallarea.buurt_covariates``)."""
    top = next((a.code for a in areas if a.level == "gemeente"), "")
    groups = {
        "all": np.full(table.n, top, dtype=object),
        "wijk": wijk,
        "buurt": buurt,
        "age_group": np.where(np.isin(age_group, AGE_GROUPS), age_group, UNKNOWN),
        "sex": np.where(np.isin(sex, SEXES), sex, UNKNOWN),
    }
    data = {**table.data, **groups}
    cells, relations = _cells(areas)
    index = {c: i for i, c in enumerate(cells)}
    numeric = [c.key for c in table.columns if c.kind != "choice"]
    choice = [c.key for c in table.columns if c.kind == "choice"]
    # figures[key][cell] = (n, [(category, est, lo, hi, se)])
    figures: dict[str, dict[int, tuple[int, list[tuple[str | None, float, float, float, float]]]]] = {
        c.key: {} for c in table.columns
    }
    respondents = np.zeros(len(cells), dtype=np.int64)
    scopes = [
        (["all"], lambda g: Cell(g[0])),
        (["wijk"], lambda g: Cell(g[0])),
        (["buurt"], lambda g: Cell(g[0])),
        *((["all", t], lambda g, t=t: Cell(g[0], t, g[1])) for t in TRAITS),
        *((["wijk", t], lambda g, t=t: Cell(g[0], t, g[1])) for t in TRAITS),
    ]
    for by, to_cell in scopes:
        for values, proportion in ((numeric, False), (choice, True)):
            if not values:
                continue
            result = estimate(data, values=values, design=design, by=by, proportion=proportion)
            for i in range(len(result)):
                cell = index.get(to_cell([result.groups[b][i] for b in by]))
                if cell is None:
                    continue
                n, cats = figures[result.value[i]].setdefault(cell, (int(result.n[i]), []))
                cats.append(
                    (
                        result.category[i] if proportion else None,
                        float(result.estimate[i]),
                        float(result.ci_low[i]),
                        float(result.ci_high[i]),
                        float(result.se[i]),
                    )
                )
        counts = estimate(
            {**groups, "one": np.ones(table.n)}, values=["one"], design=design, by=by, statistic="total"
        )
        for i in range(len(counts)):
            cell = index.get(to_cell([counts.groups[b][i] for b in by]))
            if cell is not None:
                respondents[cell] = int(counts.n[i])
    documents: dict[str, Any] = {c.key: {"n": None, "columns": {}} for c in cells}
    visible = _hidden(respondents, rules, relations)
    for i, cell in enumerate(cells):
        if visible[i] <= CellStatus.INDICATIVE:
            documents[cell.key]["n"] = int(respondents[i])
    maps: dict[str, dict[str, dict[str, Any]]] = {}
    hidden_by_n: dict[bytes, np.ndarray] = {}
    area_level = {a.code: a.level for a in areas}
    for column in table.columns:
        per_cell = figures[column.key]
        n = np.array([per_cell.get(i, (0, []))[0] for i in range(len(cells))])
        half = np.array(
            [
                max(((h - lo) / 2 for _, _, lo, h, _ in per_cell.get(i, (0, []))[1]), default=np.nan)
                for i in range(len(cells))
            ]
        )
        half = np.where(np.isfinite(half), half, np.nan)
        status = _status(n, half, rules, _max_half_width(column, rules), relations, hidden_by_n)
        column_figures = {
            cell: _figure(per_cell.get(i), CellStatus(int(status[i])), column.kind)
            for i, cell in enumerate(cells)
        }
        if auxiliary and column.key.startswith("i."):
            per_buurt = {c.area: f for c, f in column_figures.items() if area_level.get(c.area) == "buurt"}
            for code, figure in model_figures(per_buurt, auxiliary, _bounds(column)).items():
                column_figures[Cell(code)] = figure
        for cell, figure in column_figures.items():
            documents[cell.key]["columns"][column.key] = figure
            if not cell.trait and area_level.get(cell.area) in ("wijk", "buurt"):
                maps.setdefault(f"map:{column.key}", {})[cell.area] = figure
    documents.update(maps)
    documents.update(_tafel(table, design, groups, areas, rules))
    return documents


def _status(
    n: np.ndarray,
    half: np.ndarray,
    rules: SuppressionRules,
    max_half_width: float,
    relations: AdditiveRelations,
    hidden_by_n: dict[bytes, np.ndarray],
) -> np.ndarray:
    """Cell statuses of one column. Which cells are hidden depends on the counts alone (many
    columns share them), so that costly part is computed once per distinct count vector."""
    key = n.tobytes()
    if key not in hidden_by_n:
        hidden_by_n[key] = _hidden(n, rules, relations)
    hidden = hidden_by_n[key]
    shown = suppress_cells(n, half, rules=rules, max_half_width=max_half_width).status
    return np.where(hidden >= CellStatus.SUPPRESSED_SMALL, hidden, np.maximum(shown, CellStatus.SHOWN))


def _hidden(n: np.ndarray, rules: SuppressionRules, relations: AdditiveRelations) -> np.ndarray:
    """Privacy and complementary suppression over the cells that have respondents. An empty cell
    has no figure to protect and protects nothing: anyone may guess it is empty (a park, a
    business estate), so it is left out of the relations instead of counting as hidden."""
    status = np.full(n.shape[0], CellStatus.SUPPRESSED_SMALL, dtype=np.int8)
    filled = np.flatnonzero(n > 0)
    if filled.size == 0:
        return status
    new_index = np.full(n.shape[0], -1, dtype=np.intp)
    new_index[filled] = np.arange(filled.size)
    kept: list[tuple[int, list[int]]] = []
    for r in range(relations.n_relations):
        total = new_index[relations.total[r]]
        parts = new_index[relations.parts[relations.part_offsets[r] : relations.part_offsets[r + 1]]]
        parts = parts[parts >= 0]
        if total >= 0 and parts.size:
            kept.append((int(total), parts.tolist()))
    restricted = AdditiveRelations.from_lists(int(filled.size), kept) if kept else None
    status[filled] = suppress_cells(n[filled], rules=rules, relations=restricted).status
    return status


def _figure(found: tuple[int, list] | None, status: CellStatus, kind: str) -> dict[str, Any]:
    if found is None or status >= CellStatus.SUPPRESSED_SMALL:
        return {"s": "suppressed"}
    n, cats = found
    figure: dict[str, Any] = {"s": STATUS[status], "n": n}
    if kind == "choice":
        figure["c"] = {str(cat): [_round(e), _round(lo), _round(hi)] for cat, e, lo, hi, _ in cats}
    else:
        _, e, lo, hi, se = cats[0]
        figure.update(e=_round(e), l=_round(lo), h=_round(hi), se=_round(se, 6))
    return figure


def _tafel(
    table: RespondentTable,
    design: Design,
    groups: Mapping[str, np.ndarray],
    areas: Sequence[AreaNode],
    rules: SuppressionRules,
) -> dict[str, Any]:
    outcome = table.data.get(f"i.{OUTCOME_INDICATOR}")
    if outcome is None or table.factor_scores is None or table.n == 0:
        return {}
    documents: dict[str, Any] = {}
    for level in ("wijk", "buurt"):
        codes = [a.code for a in areas if a.level == level]
        position = {code: i for i, code in enumerate(codes)}
        area = np.array([position.get(code, -1) for code in groups[level].tolist()], dtype=np.int64)
        keep = area >= 0
        if not keep.any():
            continue
        profile = tafel_profile(
            area[keep],
            table.factor_scores[keep],
            design.weights[keep],
            outcome[keep],
            higher_is_better=np.ones(len(FACTORS), dtype=bool),
            outcome_higher_is_unsafe=True,
            n_areas=len(codes),
            rules=rules,
            max_half_width=SCALE_HALF_WIDTH,
        )
        documents[f"tafel:{level}"] = _tafel_document(profile, codes)
    return documents


def _tafel_document(profile: Any, codes: Sequence[str]) -> dict[str, Any]:
    scores, suggestions = profile.scores, profile.suggestions
    factors = sorted(FACTORS)
    areas: dict[str, Any] = {}
    for a, code in enumerate(codes):
        rows = []
        for j, factor in enumerate(factors):
            status = CellStatus(int(scores.status[a, j]))
            if status >= CellStatus.SUPPRESSED_SMALL:
                rows.append({"factor": factor, "s": "suppressed"})
                continue
            rows.append(
                {
                    "factor": factor,
                    "s": STATUS[status],
                    "n": int(scores.n[a, j]),
                    "score": _round(scores.score[a, j], 3),
                    "se": _round(scores.se[a, j], 4),
                    "lag": _round(scores.lag[a, j], 3),
                    "p": _round(scores.p_value[a, j], 4),
                    "lagging": bool(scores.lagging[a, j]),
                }
            )
        reasons = [
            {
                "factor": factors[r.factor],
                "rank": r.rank,
                "rule": r.rule.name.lower(),
                "lag": _round(r.lag, 3),
                "p": _round(r.p_value, 4),
                "importance": _round(r.importance, 3),
                "indicative": r.indicative,
            }
            for r in suggestions.reasons(a)
        ]
        areas[code] = {"factors": rows, "suggested": reasons}
    return {
        "municipality": [_round(x, 3) for x in scores.municipality],
        "importance": [_round(x, 3) for x in profile.importance.importance],
        "method": str(profile.importance.method),
        "areas": areas,
    }
