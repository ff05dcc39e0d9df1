"""Raking (iterative proportional fitting) of weights to population margins, with trimming.

The fit runs on the distinct combinations of margin categories rather than on rows (every row
of a combination gets the same factor), so a million rows cost one pass to find the
combinations and then only small arrays per iteration.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import numpy.typing as npt

from buurtpeil.analysis._calibration import Calibration
from buurtpeil.analysis._design import Design
from buurtpeil.analysis._groups import (
    Categorical,
    FloatArray,
    IntArray,
    compress_keys,
    cross_codes,
    factorize,
)
from buurtpeil.analysis.errors import AnalysisError, ConvergenceError, MarginError


def label_text(value: Any) -> str:
    """How a category or group value is written: integral numbers without ``.0``."""
    if isinstance(value, float | np.floating) and float(value).is_integer():
        return str(int(value))
    if isinstance(value, np.generic):
        return str(value.item())
    return str(value)


@dataclass(frozen=True, eq=False)
class Margin:
    """One population margin: each row's category (code into ``categories``) and the totals."""

    variable: str
    codes: IntArray
    categories: tuple[str, ...]
    totals: FloatArray


def margin(variable: str, values: Categorical | npt.ArrayLike, totals: Mapping[Any, float]) -> Margin:
    """A margin from a column of category values and the population total of each category.

    Categories are matched as text (``label_text``). A row without a value, or with a category
    that has no total, is a :class:`MarginError` naming the variable and the row.
    """
    column = factorize(values)
    categories = tuple(label_text(k) for k in totals)
    if len(set(categories)) != len(categories):
        raise MarginError(
            "each category once",
            f"a repeated category in {categories}",
            "give one total per category",
            column=variable,
        )
    target = np.array([float(v) for v in totals.values()], dtype=np.float64)
    bad = np.flatnonzero(~np.isfinite(target) | (target < 0))
    if bad.size:
        raise MarginError(
            "a population total of zero or more",
            f"{target[bad[0]]!r} for category {categories[bad[0]]!r}",
            "correct the margins",
            column=variable,
        )
    index = {c: i for i, c in enumerate(categories)}
    label_index = np.array([index.get(label_text(lab), -1) for lab in column.labels], dtype=np.int64)
    codes = np.where(
        column.codes >= 0, label_index[np.maximum(column.codes, 0)] if label_index.size else -1, -2
    )
    missing = np.flatnonzero(codes == -2)
    if missing.size:
        raise MarginError(
            "a category in every row",
            "an empty value",
            "fill in the column or leave the row out",
            column=variable,
            row=int(missing[0]) + 1,
        )
    unknown = np.flatnonzero(codes == -1)
    if unknown.size:
        lab = label_text(column.labels[column.codes[unknown[0]]])
        raise MarginError(
            f"one of the margin's categories {list(categories)}",
            repr(lab),
            "add the category to the margins or recode the column",
            column=variable,
            row=int(unknown[0]) + 1,
        )
    return Margin(variable=variable, codes=codes.astype(np.int64), categories=categories, totals=target)


@dataclass(frozen=True)
class WeightingReport:
    """What the weighting did, for the analyst and the dashboard."""

    iterations: int
    largest_gap: float
    converged: bool
    n: int
    weight_sum: float
    n_effective: float
    design_effect: float
    trim_ratio: float | None
    trim_rounds: int
    trimmed: int
    max_weight_ratio: float


@dataclass(frozen=True, eq=False)
class Weighting:
    design: Design
    report: WeightingReport


def kish(weights: FloatArray) -> tuple[float, float]:
    """Kish's effective sample size (sum w)^2 / sum w^2 and the design effect 1 + CV^2 = n / n_eff."""
    total = float(weights.sum())
    n_eff = total * total / float(np.dot(weights, weights))
    return n_eff, weights.shape[0] / n_eff


def rake(
    design: Design,
    margins: Sequence[Margin],
    *,
    tolerance: float = 1e-10,
    max_iterations: int = 1000,
    trim_ratio: float | None = None,
    trim_rounds: int = 20,
) -> Weighting:
    """Rake the design's weights to the margins; optionally cap weights at ``trim_ratio`` x median.

    Convergence: every category's weighted total within ``tolerance`` (relative) of its
    population total. With trimming, weights above the cap are set to it and the weights are
    raked again, up to ``trim_rounds`` times. The returned design keeps what the standard errors
    need to account for the calibration (as R survey's ``calibrate(calfun="raking")``).
    Raises :class:`MarginError` for empty cells or unequal margin totals and
    :class:`ConvergenceError` when the margins are not met within ``max_iterations``.
    """
    if not margins:
        raise MarginError("at least one margin", "none", "give the population margins")
    n = design.n
    for m in margins:
        if m.codes.shape[0] != n:
            raise MarginError(
                f"a margin column of {n} rows",
                f"{m.codes.shape[0]} rows",
                "use the design's table",
                column=m.variable,
            )
    grand = [float(m.totals.sum()) for m in margins]
    for m, total in zip(margins[1:], grand[1:], strict=True):
        if abs(total - grand[0]) > 1e-6 * max(abs(grand[0]), 1.0):
            raise MarginError(
                f"the same total as margin {margins[0].variable!r} ({grand[0]:.10g})",
                f"{total:.10g}",
                "all margins must add up to the same population",
                column=m.variable,
            )
    sizes = [len(m.categories) for m in margins]
    offsets = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
    combined, size = cross_codes([m.codes for m in margins], sizes)
    distinct, combination = compress_keys(combined, size)
    first = np.full(distinct.shape[0], n, dtype=np.int64)
    np.minimum.at(first, combination, np.arange(n, dtype=np.int64))
    local = np.stack([m.codes[first] for m in margins], axis=1)
    for k, m in enumerate(margins):
        present = np.bincount(local[:, k], minlength=sizes[k]) > 0
        empty = np.flatnonzero(~present & (m.totals > 0))
        if empty.size:
            raise MarginError(
                "respondents in every category with a population total",
                f"none in category {m.categories[empty[0]]!r} (total {m.totals[empty[0]]:g})",
                "merge the category with a neighbouring one in the margins and the data",
                column=m.variable,
            )
        zero = np.flatnonzero(present & (m.totals <= 0))
        if zero.size:
            row = int(np.flatnonzero(m.codes == zero[0])[0]) + 1
            raise MarginError(
                f"a population total above zero for category {m.categories[zero[0]]!r}",
                "0",
                "respondents cannot be weighted to an empty population",
                column=m.variable,
                row=row,
            )

    start = design.weights
    factors, iterations, gap = _fit(start, combination, local, margins, tolerance, max_iterations)
    weights = start * factors[combination]
    rounds = 0
    trimmed = 0
    if trim_ratio is not None:
        if trim_ratio <= 1:
            raise AnalysisError(
                "a trim ratio above 1", f"{trim_ratio:g}", "cap weights at, e.g., 5 x the median"
            )
        while rounds < trim_rounds:
            cap = trim_ratio * float(np.median(weights))
            over = weights > cap * (1 + 1e-9)
            if not over.any():
                break
            trimmed = int(over.sum())
            start = np.minimum(weights, cap)
            factors, more, gap = _fit(start, combination, local, margins, tolerance, max_iterations)
            iterations += more
            weights = start * factors[combination]
            rounds += 1
    n_eff, deff = kish(weights)
    report = WeightingReport(
        iterations=iterations,
        largest_gap=gap,
        converged=gap <= tolerance,
        n=n,
        weight_sum=float(weights.sum()),
        n_effective=n_eff,
        design_effect=deff,
        trim_ratio=trim_ratio,
        trim_rounds=rounds,
        trimmed=trimmed,
        max_weight_ratio=float(weights.max() / np.median(weights)),
    )
    calibration = Calibration(
        categories=np.stack([m.codes + offsets[k] for k, m in enumerate(margins)], axis=1),
        n_categories=int(offsets[-1]),
        margin_sizes=tuple(sizes),
        start_weights=start,
        factors=factors,
        combination=combination,
        combination_categories=local + offsets[:-1][None, :],
    )
    return Weighting(design=replace(design, weights=weights, calibration=calibration), report=report)


def _fit(
    start: FloatArray,
    combination: IntArray,
    local: IntArray,
    margins: Sequence[Margin],
    tolerance: float,
    max_iterations: int,
) -> tuple[FloatArray, int, float]:
    n_comb = local.shape[0]
    base = np.bincount(combination, weights=start, minlength=n_comb)
    factors = np.ones(n_comb)
    targets = [m.totals for m in margins]
    gap = np.inf
    for iteration in range(1, max_iterations + 1):
        for k, target in enumerate(targets):
            achieved = np.bincount(local[:, k], weights=factors * base, minlength=target.shape[0])
            ratio = np.divide(target, achieved, out=np.ones_like(target), where=achieved > 0)
            factors *= ratio[local[:, k]]
        gap = 0.0
        for k, target in enumerate(targets):
            achieved = np.bincount(local[:, k], weights=factors * base, minlength=target.shape[0])
            positive = target > 0
            gap = max(gap, float(np.max(np.abs(achieved[positive] / target[positive] - 1.0), initial=0.0)))
        if gap <= tolerance:
            return factors, iteration, gap
    raise ConvergenceError(
        f"every margin met within {tolerance:g} (relative) after at most {max_iterations} iterations",
        f"a largest gap of {gap:.3g}",
        "check for categories that only occur together, merge sparse categories, or allow more iterations",
    )
