"""Change between two waves, and an area compared with its municipality.

All functions take one array entry per area (or per area and indicator: any shape that
broadcasts) and work on the estimates and standard errors the estimator produced.

Two comparisons are offered:

* :func:`wave_change`: did the figure change between wave 1 and wave 2?
  ``difference = estimate_2 - estimate_1`` with ``se = sqrt(se_1^2 + se_2^2 - 2 cov)``; the
  covariance is 0 for independent samples and can be given (or a correlation) when the same panel
  members answered both waves.
* :func:`compare_change_with_reference`: did the area change differently from the municipality?
  The area's change minus the municipality's change (a difference of differences). This is the
  comparison Buurtpeil shows next to an area's change: a buurt that improved as much as the whole
  municipality did shares a municipal trend, one that improved more has its own story.
  The area is part of the municipality, so the two changes are correlated; with ``area_share``
  (the area's share of the municipality's weight sum) the overlap is taken into account,
  otherwise the samples are treated as independent, which overstates the standard error a
  little for small areas (a conservative test).

:func:`compare_with_reference` does the same for one wave (area against municipality).
:func:`difference_in_differences` evaluates actions: the change in the areas with actions
against the change in comparable areas without them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import special  # type: ignore[import-untyped]

from buurtpeil.analysis.errors import AnalysisError

__all__ = [
    "Comparison",
    "DifferenceInDifferences",
    "compare_change_with_reference",
    "compare_with_reference",
    "difference_in_differences",
    "wave_change",
]

FloatArray = NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class Comparison:
    """A difference with its test, per entry.

    ``difference``, ``se``, ``z`` (difference / se; +-inf when se is 0 and the difference is not),
    ``p_value`` (two-sided normal test), ``significant`` (p below 1 - level), ``ci_low`` and
    ``ci_high`` (confidence interval of the difference), ``direction`` (-1, 0, +1 for a
    significant decrease, no significant change, a significant increase), and ``level``.
    """

    difference: FloatArray
    se: FloatArray
    z: FloatArray
    p_value: FloatArray
    significant: NDArray[np.bool_]
    ci_low: FloatArray
    ci_high: FloatArray
    direction: NDArray[np.int8]
    level: float


def _floats(name: str, value: ArrayLike) -> FloatArray:
    arr = np.asarray(value, dtype=np.float64)
    if np.any(np.isinf(arr)):
        raise AnalysisError(f"finite values for {name}", "an infinite value")
    return arr


def _ses(name: str, value: ArrayLike) -> FloatArray:
    arr = _floats(name, value)
    if np.any(arr < 0):
        raise AnalysisError(f"standard errors >= 0 for {name}", f"{float(np.nanmin(arr))}")
    return arr


def _check_level(level: float) -> None:
    if not 0.0 < level < 1.0:
        raise AnalysisError("a confidence level between 0 and 1, e.g. 0.95", repr(level))


def z_test(difference: FloatArray, variance: FloatArray, level: float) -> Comparison:
    """Normal test of ``difference`` with ``variance``; NaN in, NaN out."""
    if np.any(variance < -1e-12 * np.maximum(1.0, np.abs(variance))):
        raise AnalysisError(
            "a covariance that leaves a variance >= 0",
            f"a variance of {float(np.nanmin(variance))}",
            "the covariance cannot exceed se_1 * se_2; check the correlation",
        )
    se = np.sqrt(np.maximum(variance, 0.0))
    with np.errstate(divide="ignore", invalid="ignore"):
        z = np.where(se > 0, difference / np.where(se > 0, se, 1.0), np.sign(difference) * np.inf)
    z = np.where(difference == 0, 0.0, z)
    z = np.where(np.isnan(difference) | np.isnan(se), np.nan, z)
    p_value = special.erfc(np.abs(z) / np.sqrt(2.0))
    quantile = float(special.ndtri(0.5 + level / 2.0))
    significant = p_value < (1.0 - level)
    direction = np.where(significant, np.sign(difference), 0).astype(np.int8)
    return Comparison(
        difference=difference,
        se=se,
        z=z,
        p_value=p_value,
        significant=significant,
        ci_low=difference - quantile * se,
        ci_high=difference + quantile * se,
        direction=direction,
        level=level,
    )


def wave_change(
    estimate_1: ArrayLike,
    se_1: ArrayLike,
    estimate_2: ArrayLike,
    se_2: ArrayLike,
    *,
    correlation: ArrayLike | None = None,
    covariance: ArrayLike | None = None,
    level: float = 0.95,
) -> Comparison:
    """Change from wave 1 to wave 2 (``estimate_2 - estimate_1``) and its z-test.

    Independent samples unless ``correlation`` (between the two wave estimates, -1..1) or
    ``covariance`` is given for a panel that overlaps between the waves. Swapping the waves
    changes the sign of the difference, z and the interval and leaves se and p the same.
    """
    _check_level(level)
    e1, e2 = _floats("estimate_1", estimate_1), _floats("estimate_2", estimate_2)
    s1, s2 = _ses("se_1", se_1), _ses("se_2", se_2)
    cov = _covariance(s1, s2, correlation, covariance)
    difference = np.asarray(e2 - e1, dtype=np.float64)
    return z_test(difference, s1**2 + s2**2 - 2.0 * cov, level)


def _covariance(
    s1: FloatArray, s2: FloatArray, correlation: ArrayLike | None, covariance: ArrayLike | None
) -> FloatArray:
    if correlation is not None and covariance is not None:
        raise AnalysisError("either correlation or covariance", "both", "pass only one")
    if correlation is not None:
        rho = _floats("correlation", correlation)
        if np.any(np.abs(rho) > 1):
            raise AnalysisError("a correlation between -1 and 1", f"{float(np.nanmax(np.abs(rho)))}")
        return np.asarray(rho * (s1 * s2), dtype=np.float64)
    if covariance is not None:
        return _floats("covariance", covariance)
    return np.zeros(1, dtype=np.float64)


def compare_with_reference(
    estimate: ArrayLike,
    se: ArrayLike,
    reference: ArrayLike,
    reference_se: ArrayLike,
    *,
    area_share: ArrayLike | None = None,
    level: float = 0.95,
) -> Comparison:
    """Area against its reference (e.g. the municipality) in the same wave: ``estimate - reference``.

    ``area_share``: the area's share of the reference's weight sum (0..1). The reference is then
    taken as ``share * area + (1 - share) * rest`` with the rest independent of the area, so
    ``cov(area, reference) = share * se^2``. Without it the two are treated as independent.
    """
    _check_level(level)
    est, ref = _floats("estimate", estimate), _floats("reference", reference)
    s, sr = _ses("se", se), _ses("reference_se", reference_se)
    cov = _share_covariance(s, area_share)
    return z_test(np.asarray(est - ref, dtype=np.float64), s**2 + sr**2 - 2.0 * cov, level)


def _share_covariance(se: FloatArray, area_share: ArrayLike | None) -> FloatArray:
    if area_share is None:
        return np.zeros(1, dtype=np.float64)
    share = _floats("area_share", area_share)
    if np.any((share < 0) | (share > 1)):
        raise AnalysisError(
            "area_share between 0 and 1", "a value outside", "pass weight sum area / municipality"
        )
    return np.asarray(share * se**2, dtype=np.float64)


def compare_change_with_reference(
    area: Comparison,
    reference: Comparison,
    *,
    area_share_1: ArrayLike | None = None,
    area_share_2: ArrayLike | None = None,
    se_1: ArrayLike | None = None,
    se_2: ArrayLike | None = None,
    level: float = 0.95,
) -> Comparison:
    """The area's change minus the reference's change (difference of differences), with its test.

    ``area`` and ``reference`` come from :func:`wave_change` (the reference's arrays broadcast
    against the area's, so one municipal change serves all its areas). To account for the area
    being part of the reference, give the area's weight share per wave (``area_share_1``,
    ``area_share_2``) together with the area's standard errors per wave (``se_1``, ``se_2``); the
    covariance of the two changes is then ``share_1 * se_1^2 + share_2 * se_2^2`` (waves
    independent). Without them the changes are treated as independent.
    """
    _check_level(level)
    cov = np.zeros(1, dtype=np.float64)
    if (area_share_1 is None) != (se_1 is None) or (area_share_2 is None) != (se_2 is None):
        raise AnalysisError(
            "area_share_1 with se_1 and area_share_2 with se_2", "one of a pair", "pass both of each pair"
        )
    if area_share_1 is not None and se_1 is not None:
        cov = cov + _share_covariance(_ses("se_1", se_1), area_share_1)
    if area_share_2 is not None and se_2 is not None:
        cov = cov + _share_covariance(_ses("se_2", se_2), area_share_2)
    difference = np.asarray(area.difference - reference.difference, dtype=np.float64)
    return z_test(difference, area.se**2 + reference.se**2 - 2.0 * cov, level)


@dataclass(frozen=True, slots=True)
class DifferenceInDifferences:
    """The treated areas' mean change minus the comparison areas' mean change.

    ``effect`` is a one-entry :class:`Comparison`; ``treated_change`` and ``comparison_change``
    are the two mean changes; ``n_treated`` and ``n_comparison`` count the areas used (those
    with an estimate in both waves)."""

    effect: Comparison
    treated_change: float
    comparison_change: float
    n_treated: int
    n_comparison: int


def difference_in_differences(
    estimate_1: ArrayLike,
    se_1: ArrayLike,
    estimate_2: ArrayLike,
    se_2: ArrayLike,
    treated: ArrayLike,
    *,
    level: float = 0.95,
) -> DifferenceInDifferences:
    """Difference in differences over areas: did the treated areas (those with actions) change
    more than the comparison areas between wave 1 and wave 2?

    One entry per area; an area without an estimate in a wave (NaN) is left out. Each group's
    change is the unweighted mean of its areas' changes, with variance
    ``sum(se_1^2 + se_2^2) / k^2`` (areas and waves independent samples). The estimate is
    unbiased for the actions' effect only if the two groups would have changed alike without
    them (parallel trends), which the data cannot prove: show it with that caution.
    """
    _check_level(level)
    e1, e2 = _floats("estimate_1", estimate_1), _floats("estimate_2", estimate_2)
    s1, s2 = _ses("se_1", se_1), _ses("se_2", se_2)
    group = np.asarray(treated, dtype=bool)
    if not e1.shape == e2.shape == s1.shape == s2.shape == group.shape:
        raise AnalysisError("arrays of one entry per area, all of the same length", "arrays of other lengths")
    usable = ~(np.isnan(e1) | np.isnan(e2) | np.isnan(s1) | np.isnan(s2))
    change, variance = e2 - e1, s1**2 + s2**2
    means = []
    for members in (usable & group, usable & ~group):
        k = int(members.sum())
        if k == 0:
            raise AnalysisError(
                "at least one treated and one comparison area with an estimate in both waves", "none"
            )
        means.append((float(change[members].mean()), float(variance[members].sum()) / k**2, k))
    (treated_change, treated_var, n_t), (comparison_change, comparison_var, n_c) = means
    effect = z_test(
        np.array([treated_change - comparison_change]), np.array([treated_var + comparison_var]), level
    )
    return DifferenceInDifferences(effect, treated_change, comparison_change, n_t, n_c)
