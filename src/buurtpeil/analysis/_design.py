"""The sampling design: weights, strata, first-stage clusters (PSUs) and finite-population correction.

Follows R survey's ``svydesign(ids=, strata=, fpc=, weights=)`` with the variance of the first
stage only (the "ultimate cluster" estimator), clusters taken as nested in strata, and a stratum
with a single PSU refused, as R's default ``options(survey.lonely.psu="fail")`` does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from buurtpeil.analysis._groups import Categorical, FloatArray, IntArray, compress_keys, factorize
from buurtpeil.analysis.errors import AnalysisError

if TYPE_CHECKING:
    from buurtpeil.analysis._calibration import Calibration


@dataclass(frozen=True, eq=False)
class Design:
    """A survey design over ``n`` rows; build it with :func:`survey_design` or :func:`rake`.

    ``weights`` are the final weights. ``stratum`` and ``psu`` are codes per row; PSU codes are
    global (a PSU lies in one stratum). ``stratum_scale`` is R survey's ``f * n_h / (n_h - 1)``
    with ``f = 1 - n_h / N_h`` (1 without fpc, 0 for a stratum sampled completely).
    """

    weights: FloatArray
    stratum: IntArray
    psu: IntArray
    psu_stratum: IntArray
    stratum_psus: IntArray
    stratum_scale: FloatArray
    rows_are_psus: bool
    calibration: Calibration | None = field(default=None)

    @property
    def n(self) -> int:
        return int(self.weights.shape[0])

    @property
    def n_strata(self) -> int:
        return int(self.stratum_psus.shape[0])

    @property
    def n_psus(self) -> int:
        return int(self.psu_stratum.shape[0])

    @property
    def degrees_of_freedom(self) -> int:
        """PSUs minus strata, as R survey's ``degf()`` of the whole design."""
        return self.n_psus - self.n_strata


def _numeric(values: npt.ArrayLike, role: str) -> FloatArray:
    array = np.asarray(values)
    if array.dtype.kind not in "biuf":
        raise AnalysisError("numbers", f"values of type {array.dtype}", "give a numeric column", column=role)
    result = array.astype(np.float64)
    bad = np.flatnonzero(~np.isfinite(result))
    if bad.size:
        raise AnalysisError(
            "a number in every row",
            "an empty or non-finite value",
            "fill in the column",
            column=role,
            row=int(bad[0]) + 1,
        )
    return result


def _codes(values: Categorical | npt.ArrayLike, role: str) -> IntArray:
    codes = factorize(values).codes
    missing = np.flatnonzero(codes < 0)
    if missing.size:
        raise AnalysisError(
            "a value in every row",
            "an empty value",
            "fill in the column",
            column=role,
            row=int(missing[0]) + 1,
        )
    return codes


def survey_design(
    n: int | None = None,
    *,
    weights: npt.ArrayLike | None = None,
    strata: Categorical | npt.ArrayLike | None = None,
    clusters: Categorical | npt.ArrayLike | None = None,
    fpc: npt.ArrayLike | None = None,
) -> Design:
    """A design as R's ``svydesign(ids=~clusters or ~1, strata=, fpc=, weights=)``.

    ``fpc`` is the population number of PSUs in the stratum, or the sampling fraction when every
    value is at most 1. Without ``weights`` the weights come from ``fpc`` (population over
    sample PSUs) or are 1. Errors name the argument (``weights``, ``strata``, ``clusters``,
    ``fpc``) as column and the 1-based row.
    """
    sizes = [
        len(np.asarray(a)) if not isinstance(a, Categorical) else len(a)
        for a in (weights, strata, clusters, fpc)
        if a is not None
    ]
    if n is None:
        if not sizes:
            raise AnalysisError("the number of rows or a design column", "neither", "pass n= or weights=")
        n = sizes[0]
    if any(size != n for size in sizes):
        raise AnalysisError(f"columns of {n} rows", f"lengths {sizes}", "give columns of the same table")

    stratum = _codes(strata, "strata") if strata is not None else np.zeros(n, dtype=np.int64)
    n_strata = int(stratum.max()) + 1 if n else 0
    if clusters is None:
        psu = np.arange(n, dtype=np.int64)
        psu_stratum = stratum.copy()
        rows_are_psus = True
    else:
        cluster = _codes(clusters, "clusters")
        n_clusters = int(cluster.max()) + 1 if n else 0
        distinct, psu = compress_keys(stratum * n_clusters + cluster, max(n_strata * n_clusters, 1))
        psu_stratum = distinct // max(n_clusters, 1)
        rows_are_psus = False
    stratum_psus = np.bincount(psu_stratum, minlength=n_strata).astype(np.int64)

    popsize = _population_psus(fpc, stratum, stratum_psus, n) if fpc is not None else None
    if weights is not None:
        w = _positive(weights, "weights", "a weight above zero", "leave such rows out or correct the weight")
    elif popsize is not None:
        w = (popsize / stratum_psus)[stratum]
    else:
        w = np.ones(n)

    if popsize is None:
        fraction_left = np.ones(n_strata)
    else:
        fraction_left = (popsize - stratum_psus) / popsize
        fraction_left[~np.isfinite(popsize)] = 1.0
    scale = np.where(stratum_psus > 1, fraction_left * stratum_psus / np.maximum(stratum_psus - 1, 1), 0.0)
    scale[fraction_left < 1e-7] = 0.0  # a stratum taken completely adds no variance

    lonely = np.flatnonzero((stratum_psus == 1) & (fraction_left >= 1e-7))
    if lonely.size:
        first_row = int(np.flatnonzero(stratum == lonely[0])[0]) + 1
        raise AnalysisError(
            "at least two PSUs in every stratum",
            "a stratum with one PSU",
            "merge the stratum with a similar one, or give its fpc if the PSU was taken with certainty",
            column="strata" if strata is not None else ("clusters" if clusters is not None else None),
            row=first_row,
        )
    return Design(
        weights=w,
        stratum=stratum,
        psu=psu,
        psu_stratum=psu_stratum,
        stratum_psus=stratum_psus,
        stratum_scale=scale,
        rows_are_psus=rows_are_psus,
    )


def _positive(values: npt.ArrayLike, role: str, expected: str, hint: str) -> FloatArray:
    """The numbers of a column that must be above zero in every row."""
    result = _numeric(values, role)
    bad = np.flatnonzero(result <= 0)
    if bad.size:
        raise AnalysisError(expected, f"{result[bad[0]]:g}", hint, column=role, row=int(bad[0]) + 1)
    return result


def _population_psus(fpc: npt.ArrayLike, stratum: IntArray, stratum_psus: IntArray, n: int) -> FloatArray:
    """Population PSUs per stratum from a per-row fpc (count, or fraction when all are at most 1)."""
    values = _positive(fpc, "fpc", "an fpc above zero", "give the population count or the sampling fraction")
    n_strata = stratum_psus.shape[0]
    first = np.full(n_strata, -1, dtype=np.int64)
    first[stratum[::-1]] = np.arange(n - 1, -1, -1)
    varies = np.flatnonzero(values != values[first[stratum]])
    if varies.size:
        raise AnalysisError(
            "one fpc per stratum",
            f"{values[varies[0]]:g} where the stratum has {values[first[stratum[varies[0]]]]:g}",
            "give the same fpc on every row of a stratum",
            column="fpc",
            row=int(varies[0]) + 1,
        )
    per_stratum = values[first]
    if np.all(per_stratum <= 1):
        popsize = stratum_psus / per_stratum
    else:
        small = np.flatnonzero(values < 1)
        if small.size:
            raise AnalysisError(
                "all fpc values counts (at least 1) or all fractions (at most 1)",
                f"{values[small[0]]:g}",
                "use one kind in the whole column",
                column="fpc",
                row=int(small[0]) + 1,
            )
        popsize = per_stratum.copy()
    too_small = np.flatnonzero(popsize < stratum_psus * (1 - 1e-12))
    if too_small.size:
        row = int(np.flatnonzero(stratum == too_small[0])[0]) + 1
        raise AnalysisError(
            "a population number of PSUs at least the sample's",
            f"{popsize[too_small[0]]:g} for {stratum_psus[too_small[0]]} sampled PSUs",
            "check the fpc column",
            column="fpc",
            row=row,
        )
    return np.asarray(popsize, dtype=np.float64)
