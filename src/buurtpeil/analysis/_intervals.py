"""Confidence intervals: Wald (R's ``confint``), logit and Korn-Graubard (R's ``svyciprop``)."""

from __future__ import annotations

from statistics import NormalDist

import numpy as np
import numpy.typing as npt

from buurtpeil.analysis._groups import FloatArray
from buurtpeil.analysis.errors import AnalysisError

PROPORTION_METHODS = ("wald", "logit", "korn-graubard")


def _check_level(level: float) -> None:
    if not 0 < level < 1:
        raise AnalysisError("a confidence level between 0 and 1", f"{level!r}", "use e.g. 0.95")


def _quantile(level: float, df: npt.ArrayLike | None) -> FloatArray:
    upper = (1 + level) / 2
    if df is None:
        return np.asarray(NormalDist().inv_cdf(upper), dtype=np.float64)
    from scipy import stats  # type: ignore[import-untyped]  # imported when needed: it is slow to load

    return np.asarray(stats.t.ppf(upper, np.asarray(df, dtype=np.float64)), dtype=np.float64)


def wald_interval(
    estimate: npt.ArrayLike, se: npt.ArrayLike, level: float = 0.95, df: npt.ArrayLike | None = None
) -> tuple[FloatArray, FloatArray]:
    """estimate -/+ q * se, q the normal quantile (R's ``confint`` default) or Student's t with ``df``."""
    _check_level(level)
    est = np.asarray(estimate, dtype=np.float64)
    half = _quantile(level, df) * np.asarray(se, dtype=np.float64)
    return est - half, est + half


def logit_interval(
    proportion: npt.ArrayLike, se: npt.ArrayLike, level: float = 0.95, df: npt.ArrayLike | None = None
) -> tuple[FloatArray, FloatArray]:
    """The Wald interval on the logit scale, transformed back (R ``svyciprop(method="logit")``).

    The standard error of logit(p) is se / (p (1 - p)) (delta method, which is what R's
    intercept-only quasibinomial ``svyglm`` gives). R passes ``df = degf(design)``; without
    ``df`` the normal quantile is used. Stays inside [0, 1]; at p = 0 or 1 it is [p, p].
    """
    from scipy import special

    _check_level(level)
    p = np.asarray(proportion, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        centre = special.logit(p)
        half = _quantile(level, df) * np.asarray(se, dtype=np.float64) / (p * (1 - p))
        low = special.expit(centre - half)
        high = special.expit(centre + half)
    edge = (p <= 0) | (p >= 1)
    return np.where(edge, p, low), np.where(edge, p, high)


def korn_graubard_interval(
    proportion: npt.ArrayLike,
    se: npt.ArrayLike,
    n: npt.ArrayLike,
    level: float = 0.95,
    df: npt.ArrayLike | None = None,
) -> tuple[FloatArray, FloatArray]:
    """Clopper-Pearson on the effective sample size p (1 - p) / se^2 (Korn and Graubard 1998).

    As R ``svyciprop(method="beta")``: with ``df`` the effective size is multiplied by
    (t(alpha/2, n - 1) / t(alpha/2, df))^2. Where the standard error is 0 (p = 0 or 1) the
    effective size is taken as ``n``, so a share of 0 out of 40 still gets an upper bound.
    """
    from scipy import stats

    _check_level(level)
    p = np.asarray(proportion, dtype=np.float64)
    s = np.asarray(se, dtype=np.float64)
    size = np.asarray(n, dtype=np.float64)
    alpha = 1 - level
    with np.errstate(divide="ignore", invalid="ignore"):
        n_eff = np.where(s > 0, p * (1 - p) / (s * s), size)
        if df is not None:
            n_eff = (
                n_eff
                * (stats.t.ppf(alpha / 2, size - 1) / stats.t.ppf(alpha / 2, np.asarray(df, float))) ** 2
            )
        low = stats.beta.ppf(alpha / 2, n_eff * p, n_eff * (1 - p) + 1)
        high = stats.beta.ppf(1 - alpha / 2, n_eff * p + 1, n_eff * (1 - p))
    low = np.where(p <= 0, 0.0, low)
    high = np.where(p >= 1, 1.0, high)
    return np.asarray(low, dtype=np.float64), np.asarray(high, dtype=np.float64)


def proportion_interval(
    proportion: npt.ArrayLike,
    se: npt.ArrayLike,
    *,
    method: str = "logit",
    level: float = 0.95,
    n: npt.ArrayLike | None = None,
    df: npt.ArrayLike | None = None,
) -> tuple[FloatArray, FloatArray]:
    """An interval for a proportion by ``method``: ``"wald"``, ``"logit"`` or ``"korn-graubard"``."""
    if method == "wald":
        return wald_interval(proportion, se, level, df)
    if method == "logit":
        return logit_interval(proportion, se, level, df)
    if method == "korn-graubard":
        if n is None:
            raise AnalysisError("the number of respondents n", "none", "pass n= for Korn-Graubard intervals")
        return korn_graubard_interval(proportion, se, n, level, df)
    raise AnalysisError(f"one of {PROPORTION_METHODS}", repr(method), "choose an interval method")
