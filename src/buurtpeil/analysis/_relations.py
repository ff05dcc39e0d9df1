"""Additive relations between the cells of a published table: a total equals the sum of its parts.

Complementary suppression (``_suppress``) uses them to find hidden cells that could be worked out
from the visible ones.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import sparse  # type: ignore[import-untyped]

from buurtpeil.analysis.errors import AnalysisError

__all__ = ["AdditiveRelations"]

IntArray = NDArray[np.intp]


@dataclass(frozen=True, slots=True)
class AdditiveRelations:
    """Relations ``cell[total[r]] == sum(cell[parts of r])`` between the cells of a table.

    The parts of relation ``r`` are ``parts[part_offsets[r]:part_offsets[r + 1]]`` (compressed
    rows). Build them with :meth:`from_lists`, :meth:`hierarchy` (buurten in wijken in the
    municipality, age groups in a total) or :meth:`margin_table` (a crossing with margins), and
    join several with :meth:`combine`.
    """

    n_cells: int
    total: IntArray
    part_offsets: IntArray
    parts: IntArray

    def __post_init__(self) -> None:
        total, offsets, parts = self.total, self.part_offsets, self.parts
        if offsets.shape != (total.shape[0] + 1,) or offsets[0] != 0 or offsets[-1] != parts.shape[0]:
            raise AnalysisError(
                "part_offsets of length len(total) + 1, from 0 to len(parts)",
                f"{offsets.shape[0]} offsets for {total.shape[0]} relations and {parts.shape[0]} parts",
            )
        if np.any(np.diff(offsets) < 1):
            raise AnalysisError("every relation to have at least one part", "a relation without parts")
        for name, idx in (("total", total), ("parts", parts)):
            if idx.size and (idx.min() < 0 or idx.max() >= self.n_cells):
                raise AnalysisError(
                    f"{name} indices between 0 and {self.n_cells - 1}",
                    f"{int(idx.min())}..{int(idx.max())}",
                    "cells are numbered in the order of the count array",
                )
        rel_of_part = np.repeat(np.arange(total.shape[0]), np.diff(offsets))
        if np.any(parts == total[rel_of_part]):
            raise AnalysisError("a total that is not one of its own parts", "a cell on both sides")

    @property
    def n_relations(self) -> int:
        return int(self.total.shape[0])

    @classmethod
    def from_lists(cls, n_cells: int, relations: list[tuple[int, list[int]]]) -> AdditiveRelations:
        """From ``[(total_cell, [part_cell, ...]), ...]``."""
        total = np.array([t for t, _ in relations], dtype=np.intp)
        lengths = np.array([len(p) for _, p in relations], dtype=np.intp)
        offsets = np.concatenate([[0], np.cumsum(lengths)]).astype(np.intp)
        parts = np.array([c for _, p in relations for c in p], dtype=np.intp)
        return cls(n_cells, total, offsets, parts)

    @classmethod
    def hierarchy(cls, parent: ArrayLike) -> AdditiveRelations:
        """Each cell with children is the sum of its children; ``parent[i]`` is -1 for a root.

        For buurten within wijken within a municipality, number all of them as cells and give
        each buurt its wijk and each wijk the municipality as parent. A total that is not
        published is simply left out of the cells (and its parts get parent -1).
        """
        par = np.asarray(parent, dtype=np.intp)
        if par.ndim != 1:
            raise AnalysisError("a 1-D parent array", f"shape {par.shape}")
        n = par.shape[0]
        if np.any((par < -1) | (par >= n)) or np.any(par == np.arange(n)):
            raise AnalysisError(f"parents between -1 and {n - 1}, not the cell itself", "an invalid parent")
        child = np.flatnonzero(par >= 0)
        order = np.argsort(par[child], kind="stable")
        child = child[order]
        totals, counts = np.unique(par[child], return_counts=True)
        offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.intp)
        return cls(n, totals.astype(np.intp), offsets, child.astype(np.intp))

    @classmethod
    def margin_table(cls, shape: tuple[int, ...]) -> AdditiveRelations:
        """A crossing with margins, cells numbered in C order of ``shape``.

        Along every axis the last position is the margin: for a 2-D table of shape
        ``(rows + 1, cols + 1)`` the last column holds row totals, the last row column totals,
        and the corner the grand total.
        """
        if len(shape) < 1 or any(s < 2 for s in shape):
            raise AnalysisError("every axis of length >= 2 (categories plus the margin)", f"shape {shape}")
        index = np.arange(int(np.prod(shape)), dtype=np.intp).reshape(shape)
        totals: list[IntArray] = []
        parts: list[IntArray] = []
        for axis, size in enumerate(shape):
            lines = np.moveaxis(index, axis, -1).reshape(-1, size)
            totals.append(lines[:, -1])
            parts.append(lines[:, :-1].ravel())
        total = np.concatenate(totals)
        lengths = np.concatenate([np.full(t.shape[0], s - 1) for t, s in zip(totals, shape, strict=True)])
        offsets = np.concatenate([[0], np.cumsum(lengths)]).astype(np.intp)
        return cls(index.size, total, offsets, np.concatenate(parts))

    def combine(self, other: AdditiveRelations) -> AdditiveRelations:
        """Both sets of relations over the same cells."""
        if other.n_cells != self.n_cells:
            raise AnalysisError(f"relations over {self.n_cells} cells", f"{other.n_cells} cells")
        return AdditiveRelations(
            self.n_cells,
            np.concatenate([self.total, other.total]),
            np.concatenate([self.part_offsets, other.part_offsets[1:] + self.parts.shape[0]]),
            np.concatenate([self.parts, other.parts]),
        )

    def matrix(self) -> sparse.csr_array:
        """Relations as rows of a sparse matrix ``A`` with ``A @ cells == 0``."""
        n_rel = self.n_relations
        rel_of_part = np.repeat(np.arange(n_rel), np.diff(self.part_offsets))
        rows = np.concatenate([np.arange(n_rel), rel_of_part])
        cols = np.concatenate([self.total, self.parts])
        vals = np.concatenate([np.ones(n_rel), -np.ones(self.parts.shape[0])])
        return sparse.csr_array((vals, (rows, cols)), shape=(n_rel, self.n_cells))
