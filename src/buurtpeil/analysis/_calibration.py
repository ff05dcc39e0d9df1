"""What a raked design remembers for its standard errors: the calibration cells and a solver.

The standard errors after raking follow R survey's ``calibrate(..., calfun="raking")``: the
linearised values are replaced by the residuals of their regression, weighted by the design
weights, on the dummies of every margin category at once (Deville and Sarndal's residual
technique). Instead of forming those residuals row by row for every domain, the variance is
assembled from sums per (domain, category) and a few sparse category-by-category matrices;
see :mod:`buurtpeil.analysis._variance`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import scipy.sparse as sp  # type: ignore[import-untyped]

from buurtpeil.analysis._groups import FloatArray, IntArray, compress_keys, sum_by

if TYPE_CHECKING:
    from buurtpeil.analysis._design import Design

# Singular values below this fraction of the largest count as zero (the margins' redundancy).
_PINV_RTOL = 1e-9


@dataclass(frozen=True, eq=False)
class Calibration:
    """Margin categories of every row and the weights the final raking started from.

    ``categories`` is (rows x margins) with codes into one numbering of all categories
    (``n_categories`` in all); ``combination`` numbers the distinct combinations of categories
    and ``combination_categories`` lists each combination's categories.
    """

    categories: IntArray
    n_categories: int
    margin_sizes: tuple[int, ...]
    start_weights: FloatArray
    factors: FloatArray
    combination: IntArray
    combination_categories: IntArray
    _cache: dict[str, Any] = field(default_factory=dict, repr=False)

    def combination_matrix(self) -> sp.csr_array:
        """(combinations x categories) 0/1 matrix."""
        n_comb, n_margins = self.combination_categories.shape
        return sp.csr_array(
            (
                np.ones(n_comb * n_margins),
                self.combination_categories.ravel(),
                np.arange(0, n_comb * n_margins + 1, n_margins),
            ),
            shape=(n_comb, self.n_categories),
        )

    def solver(self) -> CategorySolver:
        if "solver" not in self._cache:
            n_comb = self.combination_categories.shape[0]
            d_sum = np.bincount(self.combination, weights=self.start_weights, minlength=n_comb)
            dc = self.combination_matrix()
            normal = (dc.T @ sp.diags_array(d_sum) @ dc).tocsr()
            self._cache["solver"] = CategorySolver(normal, self.margin_sizes)
        solver: CategorySolver = self._cache["solver"]
        return solver

    def unit_matrices(self, design: Design) -> tuple[sp.csr_array, sp.csr_array, sp.csr_array | None]:
        """G = sum over PSUs of scale * B_p B_p', SB = per-stratum sums of B_p, and B (PSU x category)
        when PSUs are clusters (None when every row is a PSU); B_p is the PSU's weight per category."""
        if "units" not in self._cache:
            self._cache["units"] = _unit_matrices(self, design)
        units: tuple[sp.csr_array, sp.csr_array, sp.csr_array | None] = self._cache["units"]
        return units


def _unit_matrices(
    cal: Calibration, design: Design
) -> tuple[sp.csr_array, sp.csr_array, sp.csr_array | None]:
    w = design.weights
    n_strata = design.n_strata
    if design.rows_are_psus:
        n_comb = cal.combination_categories.shape[0]
        distinct, inverse = compress_keys(cal.combination * n_strata + design.stratum, n_comb * n_strata)
        key_comb = distinct // n_strata
        key_stratum = distinct % n_strata
        w_sum = sum_by(inverse, w, distinct.shape[0])
        w2_sum = sum_by(inverse, w * w, distinct.shape[0])
        dk = cal.combination_matrix()[key_comb]
        scale = design.stratum_scale[key_stratum]
        gram = (dk.T @ sp.diags_array(scale * w2_sum) @ dk).tocsr()
        per_stratum = sp.csr_array(
            (w_sum, key_stratum, np.arange(distinct.shape[0] + 1)), shape=(distinct.shape[0], n_strata)
        ).T
        stratum_sums = (per_stratum @ dk).tocsr()
        return gram, stratum_sums, None
    n_margins = cal.categories.shape[1]
    rows = np.repeat(design.psu, n_margins)
    b = sp.coo_array(
        (np.repeat(w, n_margins), (rows, cal.categories.ravel())), shape=(design.n_psus, cal.n_categories)
    ).tocsr()
    b.sum_duplicates()
    scale = design.stratum_scale[design.psu_stratum]
    gram = (b.T @ sp.diags_array(scale) @ b).tocsr()
    psu_in_stratum = sp.csr_array(
        (np.ones(design.n_psus), design.psu_stratum, np.arange(design.n_psus + 1)),
        shape=(design.n_psus, n_strata),
    ).T
    stratum_sums = (psu_in_stratum @ b).tocsr()
    return gram, stratum_sums, b


class CategorySolver:
    """Solves the weighted normal equations ``(D' diag(d) D) beta = b`` for many right-hand sides.

    D holds the dummies of all margins, so the matrix is singular (each margin's dummies add up
    to the same vector); any solution gives the same fitted values and residuals. The margin
    with the most categories has a diagonal block and is eliminated exactly (Schur complement);
    the rest is solved with a pseudo-inverse per connected block of categories, computed in
    batches of blocks of equal size.
    """

    def __init__(self, normal: sp.csr_array, margin_sizes: tuple[int, ...]) -> None:
        offsets = np.concatenate([[0], np.cumsum(margin_sizes)])
        largest = int(np.argmax(margin_sizes))
        self.n = int(offsets[-1])
        self.idx_l = np.arange(offsets[largest], offsets[largest + 1])
        self.idx_a = np.concatenate(
            [np.arange(offsets[k], offsets[k + 1]) for k in range(len(margin_sizes)) if k != largest]
            or [np.zeros(0, dtype=np.int64)]
        ).astype(np.int64)
        diag_l = normal.diagonal()[self.idx_l]
        self.dinv = sp.diags_array(np.where(diag_l > 0, 1.0 / np.where(diag_l > 0, diag_l, 1.0), 0.0))
        if self.idx_a.size:
            rows_a = normal[self.idx_a]
            self.cross = rows_a[:, self.idx_l].tocsr()
            schur = (rows_a[:, self.idx_a] - self.cross @ self.dinv @ self.cross.T).tocsr()
            self.schur_pinv = _block_pinv(schur)
        order = np.concatenate([self.idx_a, self.idx_l])
        self.unpermute = sp.csr_array(
            (np.ones(self.n), order, np.arange(self.n + 1)), shape=(self.n, self.n)
        ).T.tocsr()

    def solve(self, rhs: sp.csr_array) -> sp.csr_array:
        b_l = rhs[self.idx_l]
        if not self.idx_a.size:
            return (self.unpermute @ (self.dinv @ b_l)).tocsr()
        b_a = rhs[self.idx_a]
        beta_a = self.schur_pinv @ (b_a - self.cross @ (self.dinv @ b_l))
        beta_l = self.dinv @ (b_l - self.cross.T @ beta_a)
        return (self.unpermute @ sp.vstack([beta_a, beta_l], format="csr")).tocsr()


def _block_pinv(matrix: sp.csr_array) -> sp.csr_array:
    """Pseudo-inverse of a symmetric sparse matrix, block by connected block."""
    n = matrix.shape[0]
    n_blocks, label = _components(matrix)
    sizes = np.bincount(label, minlength=n_blocks)
    order = np.argsort(label, kind="stable")
    block_start = np.concatenate([[0], np.cumsum(sizes)])
    local = np.empty(n, dtype=np.int64)
    local[order] = np.arange(n) - block_start[label[order]]
    coo = matrix.tocoo()
    out_rows: list[IntArray] = []
    out_cols: list[IntArray] = []
    out_vals: list[FloatArray] = []
    for size in np.unique(sizes):  # one batch per distinct block size
        blocks = np.flatnonzero(sizes == size)
        slot = np.full(n_blocks, -1, dtype=np.int64)
        slot[blocks] = np.arange(blocks.shape[0])
        dense = np.zeros((blocks.shape[0], size, size))
        entry = slot[label[coo.row]] >= 0
        np.add.at(
            dense,
            (slot[label[coo.row[entry]]], local[coo.row[entry]], local[coo.col[entry]]),
            coo.data[entry],
        )
        inverse = np.linalg.pinv(dense, rtol=_PINV_RTOL, hermitian=True)
        members = order[(block_start[blocks][:, None] + np.arange(size)[None, :])]
        out_rows.append(np.repeat(members, size, axis=1).ravel())
        out_cols.append(np.tile(members, (1, size)).ravel())
        out_vals.append(inverse.ravel())
    return sp.coo_array(
        (np.concatenate(out_vals), (np.concatenate(out_rows), np.concatenate(out_cols))), shape=(n, n)
    ).tocsr()


def _components(matrix: sp.csr_array) -> tuple[int, IntArray]:
    """Connected blocks of a symmetric sparse matrix: each index's block, numbered 0, 1, ...

    Minimum-label propagation with pointer jumping, vectorised over all indices per round
    (scipy's csgraph would do it too, but costs a noticeable import in the command line).
    """
    n = matrix.shape[0]
    csr = matrix.tocsr()
    row_of = np.repeat(np.arange(n), np.diff(csr.indptr))
    label = np.arange(n)
    while True:
        lowest = label.copy()
        np.minimum.at(lowest, row_of, label[csr.indices])
        lowest = lowest[lowest]
        if np.array_equal(lowest, label):
            break
        label = lowest
    roots, numbered = np.unique(label, return_inverse=True)
    return int(roots.shape[0]), numbered.astype(np.int64)
