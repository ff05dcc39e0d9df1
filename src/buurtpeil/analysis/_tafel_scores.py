"""Tafel van 12 profile, part 1: factor scores per area against the municipality, and importance.

Input is respondent-level: per respondent an area code, a weight, a score per factor (the
factor's questions already combined, typically on 0-10; NaN when the respondent gave too few
answers) and the overall safety feeling. Whether a high factor score is good or bad, and whether
a high outcome means feeling *more* unsafe, is always passed explicitly.

* Scores: the weighted mean per area and factor, and for the municipality (all respondents).
  Standard errors by Taylor linearisation with each respondent as a unit drawn with
  replacement (no strata or clusters), missing answers as a domain (the respondent counts, with a
  zero contribution). The *lag* is the area's distance to the municipality in the bad direction
  (positive: the area does worse); its standard error accounts for the area being part of the
  municipality (the linearised variable of the difference).
* Importance: how strongly a worse factor goes with feeling more unsafe, on the pooled data of the
  municipality. A weighted least-squares regression of the outcome on all factor scores, with
  standardised coefficients (coefficient x sd(factor) / sd(outcome)), on respondents with every
  factor and the outcome answered; when there are fewer such complete cases than
  ``min_complete_cases`` (default 10 per coefficient) or the factors are collinear, the weighted
  correlation of each factor with the outcome on the respondents who answered both. Signs are
  turned so that a positive importance means "worse on the factor, more unsafe".
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import special  # type: ignore[import-untyped]

from buurtpeil.analysis._change import z_test
from buurtpeil.analysis._suppress import SuppressionRules, suppress_cells
from buurtpeil.analysis.errors import AnalysisError

__all__ = ["FactorImportance", "FactorScores", "ImportanceMethod", "factor_importance", "factor_scores"]

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.intp]


class ImportanceMethod(enum.StrEnum):
    REGRESSION = "standardised weighted regression"
    CORRELATION = "weighted correlation"


@dataclass(frozen=True, slots=True)
class FactorScores:
    """Arrays of shape (areas, factors) unless said otherwise.

    ``score``/``se``: the area's weighted mean and its SE; ``n``: respondents with a score;
    ``municipality``/``municipality_se`` (factors,); ``lag``: distance to the municipality in the
    bad direction (positive = area worse), ``lag_se``, ``p_value`` (two-sided z-test),
    ``lagging``: significantly worse at ``level``; ``status``: :class:`CellStatus` codes of the
    score under the organisation's rules; ``spread``: the municipality's weighted standard
    deviation per factor (factors,), used to put lags of different factors on one scale.
    """

    score: FloatArray
    se: FloatArray
    n: IntArray
    municipality: FloatArray
    municipality_se: FloatArray
    lag: FloatArray
    lag_se: FloatArray
    p_value: FloatArray
    lagging: NDArray[np.bool_]
    status: NDArray[np.int8]
    spread: FloatArray
    higher_is_better: NDArray[np.bool_]
    level: float


@dataclass(frozen=True, slots=True)
class FactorImportance:
    """``importance`` (factors,): positive when a worse factor goes with feeling more unsafe;
    ``method``: how it was found; ``n_used``: respondents in the regression (complete cases) or,
    for correlations, per factor the respondents with both answers."""

    importance: FloatArray
    method: ImportanceMethod
    n_used: IntArray


def _respondents(
    area: ArrayLike, scores: ArrayLike, weights: ArrayLike, n_areas: int | None
) -> tuple[IntArray, FloatArray, FloatArray, int]:
    codes = np.asarray(area)
    if codes.ndim != 1 or codes.dtype.kind not in "iu":
        raise AnalysisError("area codes as a 1-D integer array", f"dtype {codes.dtype}, shape {codes.shape}")
    y = np.asarray(scores, dtype=np.float64)
    if y.ndim == 1:
        y = y[:, None]
    w = np.asarray(weights, dtype=np.float64)
    n = codes.shape[0]
    if y.shape[0] != n or w.shape != (n,):
        raise AnalysisError(
            "area (n,), scores (n, factors) and weights (n,) for the same respondents",
            f"shapes {codes.shape}, {y.shape}, {w.shape}",
        )
    if n < 2:
        raise AnalysisError("at least 2 respondents", str(n))
    bad = ~np.isfinite(w) | (w <= 0)
    if np.any(bad):
        raise AnalysisError(
            "weights > 0", f"{w[bad][0]!r}", column="weight", row=int(np.flatnonzero(bad)[0]) + 1
        )
    if np.any(np.isinf(y)):
        raise AnalysisError(
            "finite factor scores or NaN for a missing one", "an infinite score", column="scores"
        )
    top = int(codes.max()) + 1
    n_areas = top if n_areas is None else n_areas
    if codes.min() < 0 or top > n_areas:
        raise AnalysisError(f"area codes from 0 to {n_areas - 1}", f"{int(codes.min())}..{top - 1}")
    return codes.astype(np.intp), y, w, n_areas


def _orientation(higher_is_better: ArrayLike, k: int) -> NDArray[np.bool_]:
    better = np.asarray(higher_is_better)
    if better.dtype != np.bool_ or better.shape != (k,):
        raise AnalysisError(
            f"higher_is_better as {k} booleans, one per factor",
            f"dtype {better.dtype}, shape {better.shape}",
            "say for every factor whether a high score is good (True) or bad (False)",
        )
    return better


def factor_scores(
    area: ArrayLike,
    scores: ArrayLike,
    weights: ArrayLike,
    *,
    higher_is_better: ArrayLike,
    n_areas: int | None = None,
    rules: SuppressionRules | None = None,
    max_half_width: float = 1.0,
    level: float = 0.95,
) -> FactorScores:
    """Weighted factor scores per area and for the municipality, and each area's lag.

    ``area``: 0-based area code per respondent; ``scores``: (respondents, factors), NaN for
    missing; ``weights``: > 0; ``higher_is_better``: per factor. ``max_half_width`` marks a score
    indicative when its CI half-width exceeds it, on the score's scale (default 1 point on 0-10).
    """
    codes, y, w, n_areas = _respondents(area, scores, weights, n_areas)
    n_resp, k = y.shape
    better = _orientation(higher_is_better, k)
    shape = (n_areas, k)
    score = np.full(shape, np.nan)
    var = np.full(shape, np.nan)
    lag_var = np.full(shape, np.nan)
    counts = np.zeros(shape, dtype=np.intp)
    muni = np.full(k, np.nan)
    muni_var = np.full(k, np.nan)
    spread = np.full(k, np.nan)
    factor = n_resp / (n_resp - 1)
    for j in range(k):
        valid = ~np.isnan(y[:, j])
        if not np.any(valid):
            continue
        a, yj, wj = codes[valid], y[valid, j], w[valid]
        w_area = np.bincount(a, weights=wj, minlength=n_areas)
        counts[:, j] = np.bincount(a, minlength=n_areas)
        with np.errstate(invalid="ignore", divide="ignore"):
            mean_area = np.bincount(a, weights=wj * yj, minlength=n_areas) / w_area
        w_all = float(wj.sum())
        mean_all = float(wj @ yj) / w_all
        muni[j] = mean_all
        spread[j] = np.sqrt(float(wj @ (yj - mean_all) ** 2) / w_all)
        z_area = wj * (yj - mean_area[a]) / w_area[a]
        z_muni = wj * (yj - mean_all) / w_all
        muni_var[j] = factor * float(z_muni @ z_muni)
        has = counts[:, j] > 0
        score[has, j] = mean_area[has]
        var[has, j] = factor * np.bincount(a, weights=z_area**2, minlength=n_areas)[has]
        inside = np.bincount(a, weights=(z_area - z_muni) ** 2, minlength=n_areas)
        muni_part = np.bincount(a, weights=z_muni**2, minlength=n_areas)
        lag_var[has, j] = factor * (inside + muni_var[j] / factor - muni_part)[has]
    sign = np.where(better, -1.0, 1.0)
    lag = (score - muni) * sign
    test = z_test(lag, np.maximum(lag_var, 0.0), level)
    se = np.sqrt(var)
    half_width = float(special.ndtri(0.5 + level / 2.0)) * se
    status = suppress_cells(
        counts.ravel(), half_width.ravel(), rules=rules, max_half_width=max_half_width
    ).status.reshape(shape)
    return FactorScores(
        score=score,
        se=se,
        n=counts,
        municipality=muni,
        municipality_se=np.sqrt(muni_var),
        lag=lag,
        lag_se=test.se,
        p_value=test.p_value,
        lagging=test.significant & (lag > 0),
        status=status,
        spread=spread,
        higher_is_better=better,
        level=level,
    )


def _weighted_correlations(y: FloatArray, outcome: FloatArray, w: FloatArray) -> tuple[FloatArray, IntArray]:
    k = y.shape[1]
    corr = np.full(k, np.nan)
    used = np.zeros(k, dtype=np.intp)
    for j in range(k):
        ok = ~np.isnan(y[:, j]) & ~np.isnan(outcome)
        used[j] = int(ok.sum())
        if used[j] < 3:
            continue
        wj = w[ok] / w[ok].sum()
        xc = y[ok, j] - wj @ y[ok, j]
        oc = outcome[ok] - wj @ outcome[ok]
        denom = np.sqrt(float(wj @ xc**2) * float(wj @ oc**2))
        if denom > 0:
            corr[j] = float(wj @ (xc * oc)) / denom
    return corr, used


def factor_importance(
    scores: ArrayLike,
    weights: ArrayLike,
    outcome: ArrayLike,
    *,
    higher_is_better: ArrayLike,
    outcome_higher_is_unsafe: bool,
    min_complete_cases: int | None = None,
) -> FactorImportance:
    """Importance of each factor for feeling unsafe, on the pooled municipal data (see module)."""
    y = np.asarray(scores, dtype=np.float64)
    if y.ndim == 1:
        y = y[:, None]
    w = np.asarray(weights, dtype=np.float64)
    out = np.asarray(outcome, dtype=np.float64)
    n, k = y.shape
    if w.shape != (n,) or out.shape != (n,):
        raise AnalysisError(
            "scores (n, factors), weights (n,) and outcome (n,) for the same respondents",
            f"shapes {y.shape}, {w.shape}, {out.shape}",
        )
    if np.any(~np.isfinite(w) | (w <= 0)):
        raise AnalysisError("weights > 0", "a weight of zero, below zero or missing", column="weight")
    better = _orientation(higher_is_better, k)
    sign = np.where(better, -1.0, 1.0) * (1.0 if outcome_higher_is_unsafe else -1.0)
    minimum = 10 * (k + 1) if min_complete_cases is None else min_complete_cases
    complete = ~np.isnan(y).any(axis=1) & ~np.isnan(out)
    n_complete = int(complete.sum())
    if n_complete >= max(minimum, k + 2):
        xc, oc, wc = y[complete], out[complete], w[complete] / w[complete].sum()
        x_mean, o_mean = wc @ xc, float(wc @ oc)
        x_sd = np.sqrt(wc @ (xc - x_mean) ** 2)
        o_sd = np.sqrt(float(wc @ (oc - o_mean) ** 2))
        design = np.column_stack([np.ones(n_complete), xc])
        root = np.sqrt(wc)[:, None]
        if o_sd > 0 and np.all(x_sd > 0) and np.linalg.matrix_rank(design * root) == k + 1:
            coef, *_ = np.linalg.lstsq(design * root, oc * root[:, 0], rcond=None)
            standardised = coef[1:] * x_sd / o_sd
            return FactorImportance(
                importance=standardised * sign,
                method=ImportanceMethod.REGRESSION,
                n_used=np.full(k, n_complete, dtype=np.intp),
            )
    corr, used = _weighted_correlations(y, out, w)
    return FactorImportance(importance=corr * sign, method=ImportanceMethod.CORRELATION, n_used=used)
