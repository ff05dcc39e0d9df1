"""Taylor-linearisation variance of domain estimates, for all domains and columns at once.

For column k of domain g the linearised values are zero outside the domain (R survey's domain
estimation: the design keeps every stratum and PSU). The variance is R survey's ``svyrecvar``
for the first stage::

    V = sum_h f_h n_h/(n_h-1) * sum_{PSU p in h} (t_p - mean_h t)^2,   t_p = sum of x over PSU p

Rows are first summed into "atoms": rows of the same group, the same calibration combination
and the same stratum (or the same PSU, for cluster designs). Within an atom the raking factor
and the stratum's scale are constant, so every sum the variance needs - including the squares,
the stratum totals and the sums per (group, margin category) that the calibration residuals
need - follows from six sums per atom: of 1, d and d^2 over answered rows, of d*y and d^2*y,
and of d^2*y^2 (d the start weight, y the centred value). These come out of one sparse product
with the data; nothing loops over groups or rows, and no (rows x groups) matrix is formed.

After raking the linearised values are replaced by their residuals ``x - w * D @ beta`` on the
margin dummies D (see :mod:`._calibration`). Expanding the square of the residual PSU totals
gives terms in beta and in sums per (group, category), which is how they are computed here.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp  # type: ignore[import-untyped]

from buurtpeil.analysis._design import Design
from buurtpeil.analysis._groups import FloatArray, IntArray, compress_keys, cross_codes, sum_by


@dataclass(frozen=True, eq=False)
class _Keys:
    """A grouping of atoms (or cells) into keys: each one's key index, and each key's parts."""

    inverse: IntArray
    first: IntArray  # first part of each key (e.g. the stratum, or the group)
    second: IntArray  # second part of each key (e.g. the group, or the category)

    @property
    def size(self) -> int:
        return int(self.first.shape[0])


def _keys(first: IntArray, second: IntArray, n_second: int, n_first: int) -> _Keys:
    distinct, inverse = compress_keys(first * n_second + second, max(n_first * n_second, 1))
    return _Keys(inverse=inverse, first=distinct // n_second, second=distinct % n_second)


@dataclass(frozen=True, eq=False)
class DomainPlan:
    """Everything about a design and a grouping that does not depend on the values."""

    design: Design
    n_groups: int
    n_atoms: int
    atom_group: IntArray
    atom_factor: FloatArray
    atom_scale: FloatArray
    atom: IntArray  # per row; -1 outside every group
    start: FloatArray  # the start weight d of every row
    atom_totals: FloatArray  # (atoms x 3): sums of 1, d and d^2 over all rows of each atom
    value_sums: sp.csc_array  # (blocks * atoms x rows): d and (rows as PSUs) d^2 per atom
    square_sums: sp.csc_array | None  # d^2 per atom, rows as PSUs only
    strata_keys: _Keys  # (stratum, group) of atoms (rows as PSUs) or of cells (clusters)
    cells: _Keys | None  # (PSU, group) of atoms, cluster designs only
    margin_keys: tuple[_Keys, ...]  # (group, category) of atoms, per margin


def plan_domains(design: Design, group: IntArray, n_groups: int) -> DomainPlan:
    cal = design.calibration
    n = design.n
    parts: list[IntArray] = [group]
    sizes: list[int] = [n_groups]
    if cal is not None:
        parts.append(cal.combination)
        sizes.append(int(cal.factors.shape[0]))
    unit = design.stratum if design.rows_are_psus else design.psu
    parts.append(unit)
    sizes.append(design.n_strata if design.rows_are_psus else design.n_psus)
    key, size = cross_codes(parts, sizes)
    inside = key >= 0
    distinct, inverse = compress_keys(key[inside], size)
    atom = np.full(n, -1, dtype=np.int64)
    atom[inside] = inverse
    n_atoms = int(distinct.shape[0])
    decoded: list[IntArray] = []
    rest = distinct
    for k in reversed(sizes):
        decoded.append(rest % k)
        rest = rest // k
    decoded.reverse()
    atom_group, atom_unit = decoded[0], decoded[-1]
    atom_stratum = atom_unit if design.rows_are_psus else design.psu_stratum[atom_unit]
    if cal is not None:
        start = cal.start_weights
        atom_factor = cal.factors[decoded[1]]
    else:
        start = design.weights
        atom_factor = np.ones(n_atoms)
    atom_scale = design.stratum_scale[atom_stratum]

    safe_atom = np.where(inside, atom, 0)
    d = np.where(inside, start, 0.0)

    def stacked(blocks: list[FloatArray]) -> sp.csc_array:
        nb = len(blocks)
        indices = (safe_atom[:, None] + n_atoms * np.arange(nb)[None, :]).ravel()
        data = np.stack(blocks, axis=1).ravel()
        return sp.csc_array((data, indices, np.arange(0, n * nb + 1, nb)), shape=(nb * n_atoms, n))

    d2 = d * d
    atom_totals = np.stack(
        [
            sum_by(atom, inside.astype(np.float64), n_atoms),
            sum_by(atom, d, n_atoms),
            sum_by(atom, d2, n_atoms),
        ],
        axis=1,
    )
    if design.rows_are_psus:
        values = stacked([d, d2])
        squares: sp.csc_array | None = stacked([d2])
        strata_keys = _keys(atom_stratum, atom_group, n_groups, design.n_strata)
        cells = None
    else:
        values = stacked([d])
        squares = None
        cells = _keys(atom_unit, atom_group, n_groups, design.n_psus)
        strata_keys = _keys(design.psu_stratum[cells.first], cells.second, n_groups, design.n_strata)
    margin_keys: tuple[_Keys, ...] = ()
    if cal is not None:
        categories = cal.combination_categories[decoded[1]]
        margin_keys = tuple(
            _keys(atom_group, categories[:, m], cal.n_categories, n_groups)
            for m in range(categories.shape[1])
        )
    return DomainPlan(
        design=design,
        n_groups=n_groups,
        n_atoms=n_atoms,
        atom_group=atom_group,
        atom_factor=atom_factor,
        atom_scale=atom_scale,
        atom=atom,
        start=d,
        atom_totals=atom_totals,
        value_sums=values,
        square_sums=squares,
        strata_keys=strata_keys,
        cells=cells,
        margin_keys=margin_keys,
    )


def _product(columns: FloatArray, summing: sp.csc_array) -> FloatArray:
    """summing @ columns for a C-ordered (rows x k) block, as (summing rows x k)."""
    return np.asarray(summing @ columns)


def _answered_sums(plan: DomainPlan, missing: list[IntArray]) -> FloatArray:
    """(3 * atoms x k): sums of 1, d and d^2 over answered rows, as all rows minus the few missing."""
    a_count = plan.n_atoms
    k = len(missing)
    rows = np.concatenate(missing) if missing else np.zeros(0, dtype=np.int64)
    column = np.repeat(np.arange(k), [m.shape[0] for m in missing])
    atoms = plan.atom[rows]
    keep = atoms >= 0
    key = atoms[keep] + a_count * column[keep]
    d = plan.start[rows[keep]]
    size = a_count * k
    result = np.empty((3 * a_count, k))
    for block, weights in enumerate((None, d, d * d)):
        removed = np.bincount(key, weights, size).reshape(k, a_count).T
        result[block * a_count : (block + 1) * a_count] = plan.atom_totals[:, block : block + 1] - removed
    return result


def domain_statistics(
    plan: DomainPlan, centred: FloatArray, missing: list[IntArray], statistic: str
) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    """Estimate (on the centred scale), variance, respondents and weight sum per (group, column).

    ``centred`` is (rows x k), C order: each value minus a constant of its column, 0 where
    missing; ``missing`` lists the rows without a value, per column.
    """
    a_count = plan.n_atoms
    n_groups = plan.n_groups
    design = plan.design
    ok_sums = _answered_sums(plan, missing)
    y_sums = _product(centred, plan.value_sums)
    a1, ad = ok_sums[:a_count], ok_sums[a_count : 2 * a_count]
    bd = y_sums[:a_count]
    f = plan.atom_factor[:, None]
    g = plan.atom_group
    count = sum_by(g, a1, n_groups)
    wsum = sum_by(g, f * ad, n_groups)
    wy = sum_by(g, f * bd, n_groups)
    if statistic == "mean":
        with np.errstate(invalid="ignore", divide="ignore"):
            est = wy / wsum
        positive = wsum > 0
        centre = np.where(positive, est, 0.0)
        inv = np.where(positive, 1.0 / np.where(positive, wsum, 1.0), 0.0)
    else:
        est = wy
        centre = np.zeros_like(wy)
        inv = np.ones_like(wy)
    cg = centre[g]
    ig = inv[g]
    u = bd - cg * ad  # d-weighted sums of (y - centre) over answered rows, per atom
    x_sums = f * ig * u  # sums of the linearised values per atom
    s = plan.atom_scale[:, None]
    if design.rows_are_psus:
        assert plan.square_sums is not None
        ad2 = ok_sums[2 * a_count :]
        bd2 = y_sums[a_count:]
        cd2 = _product(centred * centred, plan.square_sums)
        squares = cd2 - 2.0 * cg * bd2 + cg * cg * ad2
        variance = sum_by(g, s * f * f * ig * ig * squares, n_groups)
        stratum_totals = sum_by(plan.strata_keys.inverse, x_sums, plan.strata_keys.size)
        cell_totals = None
    else:
        assert plan.cells is not None
        cell_totals = sum_by(plan.cells.inverse, x_sums, plan.cells.size)
        cell_scale = design.stratum_scale[design.psu_stratum[plan.cells.first]]
        variance = sum_by(plan.cells.second, cell_scale[:, None] * cell_totals * cell_totals, n_groups)
        stratum_totals = sum_by(plan.strata_keys.inverse, cell_totals, plan.strata_keys.size)
    coef = (design.stratum_scale / design.stratum_psus)[plan.strata_keys.first]
    variance -= sum_by(plan.strata_keys.second, coef[:, None] * stratum_totals * stratum_totals, n_groups)

    if design.calibration is not None:
        rhs = [(k, sum_by(k.inverse, ig * u, k.size)) for k in plan.margin_keys]
        if design.rows_are_psus:
            v = y_sums[a_count:] - cg * ok_sums[2 * a_count :]
            cross_parts = [(k, sum_by(k.inverse, s * f * f * ig * v, k.size)) for k in plan.margin_keys]
            cross = _category_matrix(cross_parts, centred.shape[1], design, n_groups)
        else:
            assert plan.cells is not None and cell_totals is not None
            cross = _cluster_cross(plan, cell_totals)
        variance += _calibration_terms(
            plan, _category_matrix(rhs, centred.shape[1], design, n_groups), cross, stratum_totals, coef
        ).reshape(n_groups, centred.shape[1])
    return est, np.maximum(variance, 0.0), count, wsum


def _category_matrix(
    parts: list[tuple[_Keys, FloatArray]], n_cols: int, design: Design, n_groups: int
) -> sp.csr_array:
    """(category x group*columns) sparse matrix from sums per (group, category) key."""
    assert design.calibration is not None
    n_cat = design.calibration.n_categories
    rows = np.concatenate([np.repeat(k.second, n_cols) for k, _ in parts])
    cols = np.concatenate(
        [(k.first[:, None] * n_cols + np.arange(n_cols)[None, :]).ravel() for k, _ in parts]
    )
    vals = np.concatenate([v.ravel() for _, v in parts])
    return sp.csr_array((vals, (rows, cols)), shape=(n_cat, n_groups * n_cols))


def _calibration_terms(
    plan: DomainPlan, rhs: sp.csr_array, cross: sp.csr_array, stratum_totals: FloatArray, coef: FloatArray
) -> FloatArray:
    """What the residuals on the margin dummies change in the variance, per group*columns.

    With t_p the PSU totals, B_p the PSU's weight per category and beta the regression
    coefficients per (group, column): sum_p s (t_p - B_p beta)^2 = sum s t^2 - 2 beta.X + beta' G beta,
    and each stratum's total moves from T_h to T_h - SB_h beta.
    """
    design = plan.design
    cal = design.calibration
    assert cal is not None
    n_cols = rhs.shape[1] // plan.n_groups
    beta = cal.solver().solve(rhs)
    gram, stratum_sums, _ = cal.unit_matrices(design)
    two_p = 2.0 * np.asarray(beta.multiply(cross).sum(axis=0)).ravel()
    q = np.asarray(beta.multiply(gram @ beta).sum(axis=0)).ravel()
    u = (stratum_sums @ beta).tocsr()
    coef_h = design.stratum_scale / design.stratum_psus
    u2 = np.asarray((sp.diags_array(coef_h) @ u.multiply(u)).sum(axis=0)).ravel()
    keys = plan.strata_keys
    t_matrix = sp.csr_array(
        (
            (coef[:, None] * stratum_totals).ravel(),
            (
                np.repeat(keys.first, n_cols),
                (keys.second[:, None] * n_cols + np.arange(n_cols)[None, :]).ravel(),
            ),
        ),
        shape=(design.n_strata, plan.n_groups * n_cols),
    )
    tu = np.asarray(t_matrix.multiply(u).sum(axis=0)).ravel()
    result: FloatArray = -two_p + q + 2.0 * tu - u2
    return result


def _cluster_cross(plan: DomainPlan, cell_totals: FloatArray) -> sp.csr_array:
    """sum over PSUs of scale * t_(PSU, group, column) * B_(PSU, category), as category x group*columns."""
    design = plan.design
    cal = design.calibration
    assert cal is not None and plan.cells is not None
    _, _, b_units = cal.unit_matrices(design)
    assert b_units is not None
    cell_psu = plan.cells.first
    start = b_units.indptr[cell_psu]
    count = b_units.indptr[cell_psu + 1] - start
    cell = np.repeat(np.arange(cell_psu.shape[0]), count)
    offset = np.arange(cell.shape[0]) - np.repeat(np.cumsum(count) - count, count)
    entry = np.repeat(start, count) + offset
    cat = b_units.indices[entry]
    value = b_units.data[entry] * design.stratum_scale[design.psu_stratum[cell_psu[cell]]]
    keys = _keys(plan.cells.second[cell], cat, cal.n_categories, plan.n_groups)
    sums = sum_by(keys.inverse, value[:, None] * cell_totals[cell], keys.size)
    return _category_matrix([(keys, sums)], cell_totals.shape[1], design, plan.n_groups)
