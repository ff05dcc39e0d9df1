"""Taylor-linearisation variance of domain estimates, for all domains and columns at once.

For column k of domain g the linearised values ``x[:, k]`` are zero outside the domain (R
survey's domain estimation: the design keeps every stratum and PSU). The variance is R survey's
``svyrecvar`` for the first stage::

    V = sum_h f_h n_h/(n_h-1) * sum_{PSU p in h} (t_p - mean_h t)^2,   t_p = sum of x over PSU p

After raking the linearised values are first replaced by their residuals ``x - w * D @ beta``
on the margin dummies D (see :mod:`._calibration`). Those residuals are not formed row by row:
expanding the square gives sums per (domain, category) and category-by-category matrices, so the
work stays proportional to the rows plus the (domain, category) pairs that occur.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp  # type: ignore[import-untyped]

from buurtpeil.analysis._design import Design
from buurtpeil.analysis._groups import FloatArray, IntArray, compress_keys, sum_by


def domain_variance(design: Design, group: IntArray, n_groups: int, x: FloatArray) -> FloatArray:
    """Variance per (group, column) of the totals of ``x`` (rows x columns); group -1 is in none."""
    n_cols = x.shape[1]
    scale_of_psu = design.stratum_scale[design.psu_stratum]
    if design.rows_are_psus:
        cell_psu = design.psu
        cell_group = group
        t = x
    else:
        inside = group >= 0
        distinct, inverse = compress_keys(
            design.psu[inside] * n_groups + group[inside], design.n_psus * n_groups
        )
        t = sum_by(inverse, x[inside], distinct.shape[0])
        cell_psu = distinct // n_groups
        cell_group = distinct % n_groups
    cell_scale = scale_of_psu[cell_psu]
    variance = sum_by(cell_group, cell_scale[:, None] * t * t, n_groups)

    n_strata = design.n_strata
    stratum_coef = design.stratum_scale / design.stratum_psus
    if n_strata == 1:
        key_stratum = np.zeros(n_groups, dtype=np.int64)
        key_group = np.arange(n_groups, dtype=np.int64)
        totals = sum_by(cell_group, t, n_groups)
    else:
        inside = cell_group >= 0
        distinct, inverse = compress_keys(
            design.psu_stratum[cell_psu[inside]] * n_groups + cell_group[inside], n_strata * n_groups
        )
        key_stratum = distinct // n_groups
        key_group = distinct % n_groups
        totals = sum_by(inverse, t[inside], distinct.shape[0])
    coef = stratum_coef[key_stratum]
    variance -= sum_by(key_group, coef[:, None] * totals * totals, n_groups)

    if design.calibration is not None:
        variance += _calibration_terms(
            design,
            group,
            n_groups,
            x,
            cell_psu,
            cell_group,
            t,
            cell_scale,
            key_stratum,
            key_group,
            totals,
            coef,
        ).reshape(n_groups, n_cols)
    return np.maximum(variance, 0.0)


def _by_category(
    keys_group: IntArray,
    keys_cat: IntArray,
    values: FloatArray,
    n_cols: int,
    n_categories: int,
    n_groups: int,
) -> sp.csr_array:
    """A (category x group*columns) sparse matrix from sums per (group, category) key."""
    n_keys = keys_group.shape[0]
    rows = np.repeat(keys_cat, n_cols)
    cols = (keys_group[:, None] * n_cols + np.arange(n_cols)[None, :]).ravel()
    return (
        sp.csr_array((values.ravel(), (rows, cols)), shape=(n_categories, n_groups * n_cols))
        if n_keys
        else sp.csr_array((n_categories, n_groups * n_cols))
    )


def _calibration_terms(
    design: Design,
    group: IntArray,
    n_groups: int,
    x: FloatArray,
    cell_psu: IntArray,
    cell_group: IntArray,
    t: FloatArray,
    cell_scale: FloatArray,
    key_stratum: IntArray,
    key_group: IntArray,
    totals: FloatArray,
    coef: FloatArray,
) -> FloatArray:
    """What the residuals on the margin dummies change in the variance, per group*columns."""
    cal = design.calibration
    assert cal is not None
    n_cols = x.shape[1]
    n_cat = cal.n_categories
    ratio = design.weights / cal.start_weights
    inside = np.flatnonzero(group >= 0)
    g_in = group[inside]
    x_in = x[inside]
    rhs_parts: list[sp.csr_array] = []
    cross_parts: list[sp.csr_array] = []
    scaled_w = (
        (design.stratum_scale[design.psu_stratum] * design.weights)[inside] if design.rows_are_psus else None
    )
    for margin in range(cal.categories.shape[1]):
        cat = cal.categories[inside, margin]
        distinct, inverse = compress_keys(g_in * n_cat + cat, n_groups * n_cat)
        kg, kc = distinct // n_cat, distinct % n_cat
        b = sum_by(inverse, x_in / ratio[inside][:, None], distinct.shape[0])
        rhs_parts.append(_by_category(kg, kc, b, n_cols, n_cat, n_groups))
        if scaled_w is not None:
            cross = sum_by(inverse, scaled_w[:, None] * x_in, distinct.shape[0])
            cross_parts.append(_by_category(kg, kc, cross, n_cols, n_cat, n_groups))
    rhs = rhs_parts[0]
    for part in rhs_parts[1:]:
        rhs = rhs + part
    beta = cal.solver().solve(rhs.tocsr())
    gram, stratum_sums, b_units = cal.unit_matrices(design)
    if scaled_w is not None:
        cross_m = cross_parts[0]
        for part in cross_parts[1:]:
            cross_m = cross_m + part
    else:
        assert b_units is not None
        cross_m = _cluster_cross(b_units, cell_psu, cell_group, t, cell_scale, n_groups, n_cat)
    two_p = 2.0 * np.asarray(beta.multiply(cross_m).sum(axis=0)).ravel()
    q = np.asarray(beta.multiply(gram @ beta).sum(axis=0)).ravel()
    u = (stratum_sums @ beta).tocsr()
    coef_h = design.stratum_scale / design.stratum_psus
    u2 = np.asarray((sp.diags_array(coef_h) @ u.multiply(u)).sum(axis=0)).ravel()
    n_keys = key_group.shape[0]
    t_matrix = (
        sp.csr_array(
            (
                (coef[:, None] * totals).ravel(),
                (
                    np.repeat(key_stratum, n_cols),
                    (key_group[:, None] * n_cols + np.arange(n_cols)[None, :]).ravel(),
                ),
            ),
            shape=(design.n_strata, n_groups * n_cols),
        )
        if n_keys
        else sp.csr_array((design.n_strata, n_groups * n_cols))
    )
    tu = np.asarray(t_matrix.multiply(u).sum(axis=0)).ravel()
    result: FloatArray = -two_p + q + 2.0 * tu - u2
    return result


def _cluster_cross(
    b_units: sp.csr_array,
    cell_psu: IntArray,
    cell_group: IntArray,
    t: FloatArray,
    cell_scale: FloatArray,
    n_groups: int,
    n_cat: int,
) -> sp.csr_array:
    """sum over PSUs of scale * t_(p, group, column) * B_(p, category), as category x group*columns."""
    inside = np.flatnonzero(cell_group >= 0)
    start = b_units.indptr[cell_psu[inside]]
    count = b_units.indptr[cell_psu[inside] + 1] - start
    cell = np.repeat(inside, count)
    offset = np.arange(cell.shape[0]) - np.repeat(np.cumsum(count) - count, count)
    entry = np.repeat(start, count) + offset
    cat = b_units.indices[entry]
    value = b_units.data[entry] * cell_scale[cell]
    distinct, inverse = compress_keys(cell_group[cell] * n_cat + cat, n_groups * n_cat)
    sums = sum_by(inverse, value[:, None] * t[cell], distinct.shape[0])
    return _by_category(distinct // n_cat, distinct % n_cat, sums, t.shape[1], n_cat, n_groups)
