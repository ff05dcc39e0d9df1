"""Tafel van 12 profile, part 2: which 3 to 5 factors to suggest per area, and why.

Per area and factor (DOMAIN 2.4, our operationalisation; CCV prescribes no formula):

* A factor is *rankable* when its score has at least the privacy minimum of respondents and the
  factor's importance is above ``min_importance`` (default 0: a worse score goes with feeling
  more unsafe). Others are never
  suggested; a score below the privacy minimum is listed as "insufficient data".
* ``priority = standardised lag x importance`` with the lag (positive: the area does worse than
  the municipality) divided by the factor's spread in the municipality, so factors on different
  scales compare, and negative lags counted as 0.
* Rules, in order: (1) ``significant_lag``: the area lags significantly, by priority; up to the
  maximum (5). (2) ``lag``: the area lags, not significantly, by priority; (3) ``driver``: the
  area does not lag, but the factor drives feeling unsafe in the municipality, by importance.
  Rules 2 and 3 only fill up to the minimum (3).

The result keeps every number that led to a suggestion so a page can say it in words; the advisor
confirms the suggestion (CCV stresses judgement and involving residents).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from buurtpeil.analysis._change import z_test
from buurtpeil.analysis._suppress import CellStatus, SuppressionRules
from buurtpeil.analysis._tafel_scores import (
    FactorImportance,
    FactorScores,
    ImportanceMethod,
    factor_importance,
    factor_scores,
)
from buurtpeil.analysis.errors import AnalysisError

__all__ = [
    "FactorReason",
    "FactorSuggestions",
    "SuggestionRule",
    "TafelProfile",
    "suggest_factors",
    "tafel_profile",
]

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.intp]

_NOT_RANKED = 3


class SuggestionRule(enum.IntEnum):
    """Which rule put a factor in an area's suggestion."""

    SIGNIFICANT_LAG = 0  # the area does significantly worse than the municipality
    LAG = 1  # the area does worse, not significantly
    DRIVER = 2  # the area does not lag; the factor drives feeling unsafe in the municipality


@dataclass(frozen=True, slots=True)
class FactorReason:
    """Why one factor is suggested for one area, for a page to put in words."""

    factor: int
    rank: int  # 1 = first suggestion
    rule: SuggestionRule
    lag: float  # positive: the area does worse than the municipality, on the score's scale
    lag_se: float
    p_value: float
    standardised_lag: float  # lag divided by the factor's spread in the municipality
    importance: float
    importance_method: ImportanceMethod
    n: int  # respondents with a score in the area
    indicative: bool  # the score itself is indicative (few respondents or a wide interval)
    priority: float


@dataclass(frozen=True, slots=True)
class FactorSuggestions:
    """``factor`` and ``rule`` (areas, max_suggestions): suggested factor numbers (0-based, best
    first, -1 when fewer) and their :class:`SuggestionRule`; ``priority`` and ``rankable``
    (areas, factors); ``insufficient`` (areas, factors): scores below the privacy minimum."""

    factor: IntArray
    rule: NDArray[np.int8]
    priority: FloatArray
    rankable: NDArray[np.bool_]
    insufficient: NDArray[np.bool_]
    lag: FloatArray
    lag_se: FloatArray
    p_value: FloatArray
    standardised_lag: FloatArray
    n: IntArray
    indicative: NDArray[np.bool_]
    importance: FloatArray
    importance_method: ImportanceMethod

    def reasons(self, area: int) -> list[FactorReason]:
        """The suggested factors of one area with the numbers behind each."""
        out: list[FactorReason] = []
        for rank, (j, rule) in enumerate(zip(self.factor[area], self.rule[area], strict=True), start=1):
            if j < 0:
                break
            out.append(
                FactorReason(
                    factor=int(j),
                    rank=rank,
                    rule=SuggestionRule(int(rule)),
                    lag=float(self.lag[area, j]),
                    lag_se=float(self.lag_se[area, j]),
                    p_value=float(self.p_value[area, j]),
                    standardised_lag=float(self.standardised_lag[area, j]),
                    importance=float(self.importance[j]),
                    importance_method=self.importance_method,
                    n=int(self.n[area, j]),
                    indicative=bool(self.indicative[area, j]),
                    priority=float(self.priority[area, j]),
                )
            )
        return out

    def insufficient_data(self, area: int) -> list[int]:
        """Factors of one area with too few respondents to show or rank."""
        return [int(j) for j in np.flatnonzero(self.insufficient[area])]


@dataclass(frozen=True, slots=True)
class TafelProfile:
    scores: FactorScores
    importance: FactorImportance
    suggestions: FactorSuggestions


def suggest_factors(
    lag: ArrayLike,
    lag_se: ArrayLike,
    n: ArrayLike,
    importance: ArrayLike,
    *,
    spread: ArrayLike | None = None,
    indicative: ArrayLike | None = None,
    importance_method: ImportanceMethod = ImportanceMethod.REGRESSION,
    rules: SuppressionRules | None = None,
    level: float = 0.95,
    min_suggestions: int = 3,
    max_suggestions: int = 5,
    min_importance: float = 0.0,
) -> FactorSuggestions:
    """Suggest 3 to 5 factors per area from lags, their SEs, respondent counts and importances.

    ``lag``, ``lag_se``, ``n``: (areas, factors), lag positive when the area does worse than the
    municipality (orient it before calling); ``importance`` (factors,): positive when a worse factor
    goes with feeling more unsafe; ``spread`` (factors,): scale to standardise lags (default 1);
    ``indicative`` (areas, factors): passed through to the reasons; ``min_importance``: an
    importance at or below this does not count as driving feeling unsafe (default 0).
    """
    rules = rules or SuppressionRules()
    if not 1 <= min_suggestions <= max_suggestions:
        raise AnalysisError(
            "1 <= min_suggestions <= max_suggestions", f"{min_suggestions} and {max_suggestions}"
        )
    lag_arr = np.atleast_2d(np.asarray(lag, dtype=np.float64))
    shape = lag_arr.shape
    se_arr = np.asarray(lag_se, dtype=np.float64)
    n_arr = np.asarray(n)
    imp = np.asarray(importance, dtype=np.float64)
    k = shape[1]
    scale = np.ones(k) if spread is None else np.asarray(spread, dtype=np.float64)
    flag = np.zeros(shape, dtype=np.bool_) if indicative is None else np.asarray(indicative, dtype=np.bool_)
    if se_arr.shape != shape or n_arr.shape != shape or flag.shape != shape:
        raise AnalysisError(
            f"lag, lag_se, n and indicative of one shape (areas, factors) = {shape}",
            f"{se_arr.shape}, {n_arr.shape}, {flag.shape}",
        )
    if imp.shape != (k,) or scale.shape != (k,):
        raise AnalysisError(f"importance and spread with {k} entries", f"{imp.shape}, {scale.shape}")
    if np.any(~(scale > 0)):
        raise AnalysisError("a spread > 0 for every factor", "zero, negative or missing", "a constant factor")
    test = z_test(lag_arr, se_arr**2, level)
    std_lag = lag_arr / scale
    positive_importance = np.nan_to_num(imp, nan=-np.inf) > max(min_importance, 0.0)
    insufficient = n_arr < rules.privacy_minimum
    rankable = ~insufficient & ~np.isnan(lag_arr) & positive_importance[None, :]
    priority = np.where(rankable, np.maximum(std_lag, 0.0) * np.maximum(np.nan_to_num(imp), 0.0), np.nan)
    lagging = lag_arr > 0
    tier = np.where(
        ~rankable,
        _NOT_RANKED,
        np.where(
            lagging & test.significant,
            SuggestionRule.SIGNIFICANT_LAG,
            np.where(lagging, SuggestionRule.LAG, SuggestionRule.DRIVER),
        ),
    )
    key = np.where(tier == SuggestionRule.DRIVER, np.broadcast_to(imp, shape), priority)
    key = np.nan_to_num(key, nan=-np.inf)
    factor_idx = np.broadcast_to(np.arange(k), shape)
    # Sort within each area: tier ascending, key descending, factor number ascending.
    order = np.lexsort((factor_idx, -key, tier), axis=-1)
    sorted_tier = np.take_along_axis(tier, order, axis=-1)
    position = np.arange(k)[None, :]
    chosen = (sorted_tier != _NOT_RANKED) & (position < max_suggestions)
    chosen &= (sorted_tier == SuggestionRule.SIGNIFICANT_LAG) | (position < min_suggestions)
    width = min(max_suggestions, k)
    factor = np.where(chosen, order, -1)[:, :width].astype(np.intp)
    rule = np.where(chosen, sorted_tier, -1)[:, :width].astype(np.int8)
    return FactorSuggestions(
        factor=factor,
        rule=rule,
        priority=priority,
        rankable=rankable,
        insufficient=insufficient,
        lag=lag_arr,
        lag_se=se_arr,
        p_value=test.p_value,
        standardised_lag=std_lag,
        n=n_arr.astype(np.intp),
        indicative=flag,
        importance=imp,
        importance_method=importance_method,
    )


def tafel_profile(
    area: ArrayLike,
    scores: ArrayLike,
    weights: ArrayLike,
    outcome: ArrayLike,
    *,
    higher_is_better: ArrayLike,
    outcome_higher_is_unsafe: bool,
    n_areas: int | None = None,
    rules: SuppressionRules | None = None,
    max_half_width: float = 1.0,
    level: float = 0.95,
    min_complete_cases: int | None = None,
    min_suggestions: int = 3,
    max_suggestions: int = 5,
    min_importance: float = 0.0,
) -> TafelProfile:
    """Scores, importance and suggestions in one call, from respondent-level data.

    ``area`` (n,): 0-based area codes; ``scores`` (n, 12): factor scores, NaN when missing;
    ``weights`` (n,); ``outcome`` (n,): the overall safety feeling (e.g. 1 = feels unsafe in own
    buurt sometimes or often, 0 = not; or a scale); ``higher_is_better`` (12,) and
    ``outcome_higher_is_unsafe`` say which way is bad. See :func:`factor_scores`,
    :func:`factor_importance` and :func:`suggest_factors`.
    """
    rules = rules or SuppressionRules()
    fs = factor_scores(
        area,
        scores,
        weights,
        higher_is_better=higher_is_better,
        n_areas=n_areas,
        rules=rules,
        max_half_width=max_half_width,
        level=level,
    )
    imp = factor_importance(
        scores,
        weights,
        outcome,
        higher_is_better=higher_is_better,
        outcome_higher_is_unsafe=outcome_higher_is_unsafe,
        min_complete_cases=min_complete_cases,
    )
    spread = np.where(fs.spread > 0, fs.spread, 1.0)
    suggestions = suggest_factors(
        fs.lag,
        fs.lag_se,
        fs.n,
        imp.importance,
        spread=spread,
        indicative=fs.status == CellStatus.INDICATIVE,
        importance_method=imp.method,
        rules=rules,
        level=level,
        min_suggestions=min_suggestions,
        max_suggestions=max_suggestions,
        min_importance=min_importance,
    )
    return TafelProfile(scores=fs, importance=imp, suggestions=suggestions)
