"""Integer group codes and sums per group: the vectorised building blocks of every estimator.

Every sum per group, per stratum or per calibration cell goes through a sparse summing matrix
times a dense block of columns (one pass over the rows for all columns at once) or through
``np.bincount``; nothing loops in Python over groups or rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    import scipy.sparse as sp  # type: ignore[import-untyped]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

# Above this many possible keys, keys are compressed by sorting instead of by a presence table.
_DENSE_KEY_LIMIT = 50_000_000


@dataclass(frozen=True, eq=False)
class Categorical:
    """A column as integer codes into sorted labels; code -1 marks a missing value."""

    codes: IntArray
    labels: npt.NDArray[Any]

    def __len__(self) -> int:
        return int(self.codes.shape[0])


def _is_missing_label(values: npt.NDArray[Any]) -> BoolArray:
    if values.dtype.kind == "f":
        return np.asarray(np.isnan(values), dtype=bool)
    if values.dtype.kind in "OUT":
        as_text = values.astype(str)
        return np.asarray((values == None) | (as_text == "") | (as_text == "NA") | (as_text == "None"))  # noqa: E711
    return np.zeros(values.shape[0], dtype=bool)


def factorize(values: Categorical | npt.ArrayLike) -> Categorical:
    """Codes into the sorted distinct values; NaN, None, empty text and ``NA`` are missing (-1)."""
    if isinstance(values, Categorical):
        return values
    array = np.asarray(values)
    if array.ndim != 1:
        raise ValueError("a column must be one-dimensional")
    missing = _is_missing_label(array)
    codes = np.full(array.shape[0], -1, dtype=np.int64)
    present = array[~missing]
    if array.dtype.kind == "O":
        present = present.astype(str)
    labels, inverse = np.unique(present, return_inverse=True)
    codes[~missing] = inverse
    return Categorical(codes=codes, labels=labels)


def compress_keys(keys: IntArray, size: int) -> tuple[IntArray, IntArray]:
    """The distinct keys (sorted) and each key's index among them; keys lie in [0, size)."""
    if keys.shape[0] == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    if size <= min(_DENSE_KEY_LIMIT, max(8 * keys.shape[0], 1 << 20)):
        present = np.zeros(size, dtype=bool)
        present[keys] = True
        distinct = np.flatnonzero(present).astype(np.int64)
        rank = np.cumsum(present, dtype=np.int64) - 1
        return distinct, rank[keys]
    distinct, inverse = np.unique(keys, return_inverse=True)
    return distinct.astype(np.int64), inverse.astype(np.int64)


def summing_matrix(codes: IntArray, size: int, weights: FloatArray | None = None) -> sp.csc_array:
    """A (size x rows) matrix whose product with a (rows x k) block sums each column per code.

    Rows with a negative code are left out.
    """
    import scipy.sparse as sp  # imported when needed: the command line loads it while reading

    n = codes.shape[0]
    data = np.ones(n) if weights is None else np.asarray(weights, dtype=np.float64)
    if n and codes.min() < 0:
        data = np.where(codes >= 0, data, 0.0)
        codes = np.maximum(codes, 0)
    return sp.csc_array((data, codes, np.arange(n + 1)), shape=(size, n))


def sum_by(codes: IntArray, values: FloatArray, size: int) -> FloatArray:
    """Sums of ``values`` (rows, or rows x k) per code in [0, size); negative codes left out."""
    if values.ndim == 1:
        keep = codes >= 0
        if not keep.all():
            return np.bincount(codes[keep], weights=values[keep], minlength=size).astype(np.float64)
        return np.bincount(codes, weights=values, minlength=size).astype(np.float64)
    return np.asarray(summing_matrix(codes, size) @ values)


def cross_codes(columns: Sequence[IntArray], sizes: Sequence[int]) -> tuple[IntArray, int]:
    """One code per combination of several code columns (mixed radix); -1 where any is missing."""
    n = columns[0].shape[0] if columns else 0
    combined = np.zeros(n, dtype=np.int64)
    missing = np.zeros(n, dtype=bool)
    size = 1
    for codes, k in zip(columns, sizes, strict=True):
        combined = combined * k + codes
        missing |= codes < 0
        size *= max(k, 1)
    combined[missing] = -1
    return combined, size
