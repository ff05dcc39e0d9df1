"""Suppression of small cells and complementary suppression.

A *cell* is one published figure: an indicator for an area, a group, or a crossing of two
groupings. The rules work on plain arrays, one entry per cell: the number of respondents ``n``
and, optionally, the half-width of the figure's confidence interval on the indicator's own scale.

Primary suppression hides a cell with fewer respondents than the privacy minimum. Complementary
suppression then hides further cells so that no hidden count can be worked out from the counts
that stay visible together with the additive relations between cells (a total equals the sum of
its parts). Because the published numbers of respondents and weight sums add up the same way,
the rule is applied to the count table and the resulting pattern is used for every indicator of
that table.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import sparse  # type: ignore[import-untyped]
from scipy.sparse import csgraph  # type: ignore[import-untyped]

from buurtpeil.analysis._relations import AdditiveRelations
from buurtpeil.analysis.errors import AnalysisError

__all__ = [
    "AdditiveRelations",
    "CellStatus",
    "SuppressionReason",
    "SuppressionResult",
    "SuppressionRules",
    "complementary_suppression",
    "determinable_cells",
    "suppress_cells",
]

IntArray = NDArray[np.intp]
BoolArray = NDArray[np.bool_]
FloatArray = NDArray[np.float64]

# Singular values below this fraction of the largest count as zero in the null-space test.
_RANK_TOLERANCE = 1e-9
# A hidden cell counts as determinable when its null-space component is below this.
_NULL_TOLERANCE = 1e-8


class CellStatus(enum.IntEnum):
    """What a page does with a cell."""

    SHOWN = 0
    INDICATIVE = 1
    SUPPRESSED_SMALL = 2
    SUPPRESSED_COMPLEMENTARY = 3


class SuppressionReason(enum.IntFlag):
    """Why a cell has its status; several reasons can hold at once (bit flags)."""

    NONE = 0
    BELOW_PRIVACY_MINIMUM = 1
    BELOW_RELIABILITY_MINIMUM = 2
    WIDE_CONFIDENCE_INTERVAL = 4
    PROTECTS_HIDDEN_CELL = 8


@dataclass(frozen=True, slots=True)
class SuppressionRules:
    """An organisation's thresholds.

    ``privacy_minimum``: fewer respondents than this and no figure is shown (default 10).
    ``reliability_minimum``: fewer respondents than this and the figure is marked indicative
    (default 30). ``max_half_width``: a confidence-interval half-width above this marks the figure
    indicative; it is on the indicator's own scale, so the default 0.10 means 10 percentage points
    for a proportion on the 0-1 scale. For a mean or a report mark pass a threshold on that scale
    (for instance 0.5 mark points) to :func:`suppress_cells`, which also accepts one per cell.
    """

    privacy_minimum: int = 10
    reliability_minimum: int = 30
    max_half_width: float = 0.10

    def __post_init__(self) -> None:
        if self.privacy_minimum < 0 or self.reliability_minimum < self.privacy_minimum:
            raise AnalysisError(
                "0 <= privacy_minimum <= reliability_minimum",
                f"privacy_minimum={self.privacy_minimum}, reliability_minimum={self.reliability_minimum}",
                "the reliability minimum marks figures that are shown, so it cannot be below the privacy one",
            )
        if not np.isfinite(self.max_half_width) or self.max_half_width <= 0:
            raise AnalysisError("a positive max_half_width", repr(self.max_half_width))


@dataclass(frozen=True, slots=True)
class SuppressionResult:
    """Per cell: ``status`` (:class:`CellStatus` codes), ``reason`` (:class:`SuppressionReason`
    flags) and, for complementary suppression, ``protects``: the hidden cell whose recovery it
    prevents (-1 otherwise)."""

    status: NDArray[np.int8]
    reason: NDArray[np.uint8]
    protects: IntArray

    @property
    def hidden(self) -> BoolArray:
        return self.status >= CellStatus.SUPPRESSED_SMALL

    def cell_status(self, cell: int) -> CellStatus:
        return CellStatus(int(self.status[cell]))

    def cell_reason(self, cell: int) -> SuppressionReason:
        return SuppressionReason(int(self.reason[cell]))


def _as_counts(n: ArrayLike) -> IntArray:
    arr = np.asarray(n)
    if arr.ndim != 1:
        raise AnalysisError("a 1-D array of respondent counts", f"shape {arr.shape}")
    if arr.dtype.kind == "f":
        if not np.all(np.isfinite(arr)) or np.any(arr != np.round(arr)):
            raise AnalysisError("whole respondent counts", "a fraction or NaN", "pass unweighted counts")
    elif arr.dtype.kind not in "iub":
        raise AnalysisError("numeric respondent counts", f"dtype {arr.dtype}")
    counts = arr.astype(np.intp)
    if np.any(counts < 0):
        raise AnalysisError("counts >= 0", f"{int(counts.min())}")
    return counts


def _lone_hidden_relations(hidden: BoolArray, a_abs: sparse.csr_array) -> IntArray:
    hidden_count = a_abs @ hidden.astype(np.float64)
    return np.flatnonzero(hidden_count == 1.0)


def _pick_partner(
    r: int, rel: AdditiveRelations, hidden: BoolArray, counts: IntArray
) -> tuple[int, int] | None:
    """Smallest visible cell of relation ``r`` (ties: lowest index), and the hidden one it guards."""
    members = np.concatenate([rel.total[r : r + 1], rel.parts[rel.part_offsets[r] : rel.part_offsets[r + 1]]])
    visible = members[~hidden[members]]
    guarded = members[hidden[members]]
    if visible.size == 0:
        return None
    order = np.lexsort((visible, counts[visible]))
    return int(visible[order[0]]), int(guarded[0]) if guarded.size else -1


def _partners(
    cells: IntArray, relations: AdditiveRelations, cell_rel: Any, mask: BoolArray, counts: IntArray
) -> list[tuple[int, int, int]]:
    """(count, visible cell, guarded cell) for the smallest visible cell of each relation of ``cells``."""
    found: list[tuple[int, int, int]] = []
    for cell in cells:
        for r in cell_rel.indices[cell_rel.indptr[cell] : cell_rel.indptr[cell + 1]]:
            pick = _pick_partner(int(r), relations, mask, counts)
            if pick is not None:
                found.append((int(counts[pick[0]]), pick[0], int(cell)))
    return found


def determinable_cells(hidden: ArrayLike, relations: AdditiveRelations) -> BoolArray:
    """Hidden cells whose value follows exactly from the visible cells and the relations.

    Hidden cell ``i`` is determined when every solution of the relations that agrees with the
    visible cells has the same value in ``i``, that is when the null space of the relation matrix
    restricted to the hidden columns is zero in ``i``. The test runs per connected group of hidden
    cells, so it stays small. It checks exact recovery only; bounds that follow from counts being
    non-negative (a hidden pair that adds up to 3) are not considered.
    """
    mask = np.asarray(hidden, dtype=np.bool_)
    if mask.shape != (relations.n_cells,):
        raise AnalysisError(f"a hidden mask of {relations.n_cells} cells", f"shape {mask.shape}")
    out = np.zeros(relations.n_cells, dtype=np.bool_)
    hidden_idx = np.flatnonzero(mask)
    if hidden_idx.size == 0:
        return out
    a_hidden = relations.matrix()[:, hidden_idx].tocsr()
    a_hidden.eliminate_zeros()
    touched = np.flatnonzero(np.diff(a_hidden.indptr) > 0)
    a_hidden = a_hidden[touched]
    n_rel, n_hid = a_hidden.shape
    if n_rel == 0:
        return out
    # Bipartite graph relation <-> hidden cell; components can be tested one by one.
    coo = a_hidden.tocoo()
    graph = sparse.coo_array(
        (np.ones(coo.nnz), (coo.row, n_rel + coo.col)), shape=(n_rel + n_hid, n_rel + n_hid)
    )
    _, label = csgraph.connected_components(graph, directed=False)
    rel_label, cell_label = label[:n_rel], label[n_rel:]
    dense_rows = a_hidden.toarray()
    for comp in np.unique(rel_label):
        rows = np.flatnonzero(rel_label == comp)
        cols = np.flatnonzero(cell_label == comp)
        sub = dense_rows[np.ix_(rows, cols)]
        _, sing, vt = np.linalg.svd(sub, full_matrices=True)
        rank = int(np.sum(sing > _RANK_TOLERANCE * max(1.0, float(sing.max(initial=0.0)))))
        null = vt[rank:]
        determined = np.all(np.abs(null) < _NULL_TOLERANCE, axis=0) if null.size else np.ones(cols.size, bool)
        out[hidden_idx[cols[determined]]] = True
    return out


def complementary_suppression(
    n: ArrayLike, hidden: ArrayLike, relations: AdditiveRelations, *, max_rounds: int = 100_000
) -> tuple[BoolArray, IntArray]:
    """Hide more cells until no hidden cell can be derived from the visible ones.

    Rule: while a relation has exactly one hidden cell, hide its visible cell with the fewest
    respondents (ties: lowest cell number); when that is stable, a hidden cell that can still be
    worked out from a combination of relations (:func:`determinable_cells`) gets a partner the same
    way in a relation it belongs to. Repeats until stable. A hidden total is treated like any cell:
    a relation whose total is the only hidden cell also needs a second one.

    Returns the new hidden mask and, per cell, the hidden cell it protects (-1 for none). Applying
    the function to its own result changes nothing.
    """
    counts = _as_counts(n)
    if counts.shape[0] != relations.n_cells:
        raise AnalysisError(f"{relations.n_cells} counts, one per cell", f"{counts.shape[0]}")
    mask = np.array(hidden, dtype=np.bool_, copy=True)
    if mask.shape != counts.shape:
        raise AnalysisError(f"a hidden mask of {counts.shape[0]} cells", f"shape {mask.shape}")
    protects = np.full(counts.shape[0], -1, dtype=np.intp)
    a_abs = abs(relations.matrix())
    cell_rel = a_abs.T.tocsr()
    for _ in range(max_rounds):
        lone = _lone_hidden_relations(mask, a_abs)
        if lone.size:
            # Handle relations one at a time, smallest partner first, then recount.
            best: tuple[int, int, int] | None = None
            for r in lone:
                pick = _pick_partner(int(r), relations, mask, counts)
                if pick is not None and (
                    best is None or (counts[pick[0]], pick[0]) < (counts[best[0]], best[0])
                ):
                    best = (pick[0], pick[1], int(r))
            if best is None:
                break
            mask[best[0]] = True
            protects[best[0]] = best[1]
            continue
        determined = np.flatnonzero(determinable_cells(mask, relations))
        if determined.size == 0:
            return mask, protects
        # Partner: the smallest visible cell in a relation of a derivable cell; failing that, in
        # any relation that touches a hidden cell (the derivation runs through a chain).
        candidates = _partners(determined, relations, cell_rel, mask, counts)
        if not candidates:
            candidates = _partners(np.flatnonzero(mask), relations, cell_rel, mask, counts)
        if not candidates:
            raise AnalysisError(
                "a visible cell to hide next to a recoverable one",
                f"cell {int(determined[0])} can be derived but every relation around it is hidden",
                "check the relations: some of them fix a cell's value on their own",
            )
        _, partner, guarded = min(candidates)
        mask[partner] = True
        protects[partner] = guarded
    else:
        raise AnalysisError("complementary suppression to settle", f"not stable after {max_rounds} rounds")
    return mask, protects


def suppress_cells(
    n: ArrayLike,
    half_width: ArrayLike | None = None,
    *,
    rules: SuppressionRules | None = None,
    max_half_width: ArrayLike | None = None,
    relations: AdditiveRelations | None = None,
) -> SuppressionResult:
    """Status and reason for every cell.

    ``n``: unweighted respondents per cell. ``half_width``: confidence-interval half-width per cell
    on the indicator's scale (NaN where there is none). ``max_half_width`` overrides the rules'
    threshold and may be given per cell (for tables that mix proportions and marks). With
    ``relations`` the complementary suppression is applied to the count table.
    """
    rules = rules or SuppressionRules()
    counts = _as_counts(n)
    reason = np.zeros(counts.shape[0], dtype=np.uint8)
    small = counts < rules.privacy_minimum
    reason[small] |= np.uint8(SuppressionReason.BELOW_PRIVACY_MINIMUM)
    reason[counts < rules.reliability_minimum] |= np.uint8(SuppressionReason.BELOW_RELIABILITY_MINIMUM)
    if half_width is not None:
        hw = np.asarray(half_width, dtype=np.float64)
        if hw.shape != counts.shape:
            raise AnalysisError(f"{counts.shape[0]} half-widths, one per cell", f"shape {hw.shape}")
        if np.any(hw < 0):
            raise AnalysisError("half-widths >= 0", f"{float(np.nanmin(hw))}")
        limit = np.broadcast_to(
            np.asarray(rules.max_half_width if max_half_width is None else max_half_width, dtype=np.float64),
            counts.shape,
        )
        reason[np.greater(hw, limit, where=~np.isnan(hw), out=np.zeros(hw.shape, bool))] |= np.uint8(
            SuppressionReason.WIDE_CONFIDENCE_INTERVAL
        )
    status = np.where(
        small,
        CellStatus.SUPPRESSED_SMALL,
        np.where(reason != 0, CellStatus.INDICATIVE, CellStatus.SHOWN),
    ).astype(np.int8)
    protects = np.full(counts.shape[0], -1, dtype=np.intp)
    if relations is not None:
        hidden, protects = complementary_suppression(counts, small, relations)
        extra = hidden & ~small
        status[extra] = CellStatus.SUPPRESSED_COMPLEMENTARY
        reason[extra] |= np.uint8(SuppressionReason.PROTECTS_HIDDEN_CELL)
    return SuppressionResult(status=status, reason=reason, protects=protects)
