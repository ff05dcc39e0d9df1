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
from scipy import sparse, special  # type: ignore[import-untyped]

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


def _area_sums(codes: IntArray, n_areas: int, columns: list[FloatArray]) -> list[FloatArray]:
    """Per area the column sums of each (respondents, factors) array, by a sparse product."""
    n = codes.shape[0]
    indicator = sparse.csc_array((np.ones(n), (codes, np.arange(n))), shape=(n_areas, n))
    return [np.asarray(indicator @ column, dtype=np.float64) for column in columns]


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
    valid = ~np.isnan(y)
    wv = np.where(valid, w[:, None], 0.0)  # weight, 0 where the score is missing
    w_all = wv.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        muni = np.where(valid, y, 0.0).T @ w / w_all
    # Centre on the municipal mean so the sums of squares below lose no precision.
    yc = np.where(valid, y - muni, 0.0)
    w2 = wv * w[:, None]
    w2y = w2 * yc
    sums = _area_sums(codes, n_areas, [valid.astype(np.float64), wv, wv * yc, w2, w2y, w2y * yc])
    counts = np.rint(sums[0]).astype(np.intp)
    w_area, s1, sq0, sq1, sq2 = sums[1:]
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_c = s1 / w_area  # area mean minus municipal mean
        factor = n_resp / (n_resp - 1)
        # sum over the area of w^2 (y - mean_area)^2 and of w^2 (y - mean_area)(y - mean_muni)
        own = np.maximum(sq2 - 2.0 * mean_c * sq1 + mean_c**2 * sq0, 0.0)
        cross = sq1 - mean_c * sq0
        total = sq2.sum(axis=0)  # sum over everyone of w^2 (y - mean_muni)^2
        var = factor * own / w_area**2
        lag_var = factor * (
            own / w_area**2 - 2.0 * (own + mean_c * cross) / (w_area * w_all) + total / w_all**2
        )
        muni_var = factor * total / w_all**2
        spread = np.sqrt((wv * yc * yc).sum(axis=0) / w_all)
    has = counts > 0
    score = np.where(has, muni + mean_c, np.nan)
    var = np.where(has, var, np.nan)
    lag_var = np.where(has, lag_var, np.nan)
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
        # Standardised coefficients solve R_xx b = r_xy with the weighted correlation matrix.
        data = np.column_stack([y[complete], out[complete]])
        wc = w[complete] / w[complete].sum()
        centred = data - wc @ data
        cov = centred.T @ (centred * wc[:, None])
        sd = np.sqrt(np.diag(cov))
        if np.all(sd > 0):
            corr_matrix = cov / np.outer(sd, sd)
            eigen = np.linalg.eigvalsh(corr_matrix[:k, :k])
            if eigen.min() > 1e-10 * eigen.max():
                standardised = np.linalg.solve(corr_matrix[:k, :k], corr_matrix[:k, k])
                return FactorImportance(
                    importance=standardised * sign,
                    method=ImportanceMethod.REGRESSION,
                    n_used=np.full(k, n_complete, dtype=np.intp),
                )
    corr, used = _weighted_correlations(y, out, w)
    return FactorImportance(importance=corr * sign, method=ImportanceMethod.CORRELATION, n_used=used)
