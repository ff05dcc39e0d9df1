"""Weighted means, totals and proportions per group with Taylor-linearised standard errors.

R survey's ``svyby(~y, ~a+b, design, svymean, na.rm=TRUE)``: each group is a domain of the
whole design, a missing value is left out of that value's estimate as a domain too, and every
group and column is computed in the same vectorised passes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from buurtpeil.analysis._design import Design
from buurtpeil.analysis._groups import (
    Categorical,
    FloatArray,
    IntArray,
    compress_keys,
    cross_codes,
    factorize,
)
from buurtpeil.analysis._intervals import wald_interval
from buurtpeil.analysis._raking import label_text
from buurtpeil.analysis._variance import domain_statistics, plan_domains
from buurtpeil.analysis.errors import AnalysisError

STATISTICS = ("mean", "total")
_CHUNK = 8  # columns per pass: bounds the (rows x columns) temporaries
_ROW_BLOCK = 32768  # rows per block when filling a chunk


def _flat(table: npt.NDArray[Any]) -> npt.NDArray[Any]:
    """(groups x columns) to one entry per column and group, the group varying fastest."""
    return np.asarray(table).T.ravel()


@dataclass(frozen=True, eq=False)
class Estimates:
    """A column-wise table of estimates: one entry per (value, category, group).

    Ordered by value, then category, then group (groups sorted by their ``by`` values, the first
    ``by`` column slowest). ``groups[col]`` holds each entry's group value (as text) in ``by``
    column ``col``; ``group`` is the group's index. ``category`` is None except for proportions.
    ``statistic`` is ``"mean"``, ``"total"`` or ``"proportion"``. ``n`` counts respondents with
    a value; ``weight_sum`` sums their weights.
    """

    by: tuple[str, ...]
    groups: dict[str, npt.NDArray[np.object_]]
    group: IntArray
    value: npt.NDArray[np.object_]
    category: npt.NDArray[np.object_]
    statistic: npt.NDArray[np.object_]
    estimate: FloatArray
    se: FloatArray
    ci_low: FloatArray
    ci_high: FloatArray
    n: IntArray
    weight_sum: FloatArray
    level: float

    def __len__(self) -> int:
        return int(self.estimate.shape[0])


@dataclass(frozen=True)
class _Column:
    value: str
    category: str | None
    source: FloatArray | IntArray
    code: int  # for a category: its code in ``source``; -1 for a numeric column


def _groups(table: Mapping[str, Any], by: Sequence[str], n: int) -> tuple[IntArray, int, dict[str, Any]]:
    if not by:
        return np.zeros(n, dtype=np.int64), 1, {}
    columns = [factorize(_column(table, name)) for name in by]
    sizes = [max(len(c.labels), 1) for c in columns]
    combined, size = cross_codes([c.codes for c in columns], sizes)
    inside = combined >= 0
    distinct, inverse = compress_keys(combined[inside], size)
    group = np.full(n, -1, dtype=np.int64)
    group[inside] = inverse
    labels: dict[str, Any] = {}
    rest = distinct.copy()
    for name, column, k in reversed(list(zip(by, columns, sizes, strict=True))):
        text = np.array([label_text(v) for v in column.labels], dtype=object)
        labels[name] = text[rest % k] if text.size else np.zeros(0, dtype=object)
        rest //= k
    return group, int(distinct.shape[0]), {name: labels[name] for name in by}


def _column(table: Mapping[str, Any], name: str) -> Any:
    if name not in table:
        raise AnalysisError(
            f"a column of the table ({', '.join(map(str, table))})",
            f"nothing named {name!r}",
            "check the spelling",
            column=name,
        )
    return table[name]


def _numeric(name: str, values: Any) -> FloatArray:
    if isinstance(values, Categorical):
        raise AnalysisError(
            "numbers", "text categories", "use --proportion for a categorical column", column=name
        )
    array = np.asarray(values)
    if array.dtype.kind not in "biuf":
        raise AnalysisError(
            "numbers",
            f"values of type {array.dtype}",
            "use --proportion for a categorical column",
            column=name,
        )
    return array.astype(np.float64, copy=False)


def _columns(table: Mapping[str, Any], values: Sequence[str], proportion: bool) -> list[_Column]:
    result: list[_Column] = []
    for name in values:
        raw = _column(table, name)
        if not proportion:
            result.append(_Column(name, None, _numeric(name, raw), -1))
            continue
        cat = factorize(raw)
        labels = [label_text(v) for v in cat.labels]
        if labels and set(labels) <= {"0", "1"}:
            one = labels.index("1") if "1" in labels else len(labels)
            result.append(_Column(name, "1", cat.codes, one))
        else:
            result.extend(_Column(name, label, cat.codes, k) for k, label in enumerate(labels))
    return result


def estimate(
    table: Mapping[str, Any],
    *,
    values: Sequence[str],
    design: Design,
    by: Sequence[str] = (),
    statistic: str = "mean",
    proportion: bool = False,
    level: float = 0.95,
) -> Estimates:
    """Estimates of ``values`` per group of the ``by`` columns (crossed), with SE and Wald CI.

    ``table`` maps column names to arrays of the design's length (NaN, None, empty text or
    ``NA`` are missing) or :class:`Categorical` columns. ``statistic`` is ``"mean"`` or
    ``"total"``; with ``proportion`` each category of a value gets its share (or its estimated
    total), a 0/1 column only the share of 1s.
    """
    if statistic not in STATISTICS:
        raise AnalysisError(f"one of {STATISTICS}", repr(statistic), "choose mean or total")
    if not values:
        raise AnalysisError("at least one value column", "none", "name the columns to estimate")
    n = design.n
    for name in [*values, *by]:
        column = _column(table, name)
        if len(column) != n:
            raise AnalysisError(
                f"{n} rows like the design", f"{len(column)}", "use the design's table", column=name
            )
    group, n_groups, labels = _groups(table, by, n)
    columns = _columns(table, values, proportion)
    plan = plan_domains(design, group, n_groups)

    parts: list[tuple[FloatArray, ...]] = []
    width = min(_CHUNK, len(columns))
    centred = np.empty((n, width))
    for begin in range(0, len(columns), width):
        chunk = columns[begin : begin + width]
        k = len(chunk)
        shift, missing = _fill(chunk, centred, statistic == "mean")
        est, var, count, wsum = domain_statistics(
            plan, centred if k == width else centred[:, :k].copy(), missing, statistic
        )
        parts.append((est + shift[None, :], var, count, wsum))
    est, var, count, wsum = (np.concatenate([p[i] for p in parts], axis=1) for i in range(4))
    var = np.where(count > 0, var, np.nan)
    se = np.sqrt(var)
    with np.errstate(invalid="ignore"):
        low, high = wald_interval(est, se, level)

    n_cols = len(columns)
    stat = "proportion" if proportion and statistic == "mean" else statistic
    return Estimates(
        by=tuple(by),
        groups={name: np.tile(lab, n_cols) for name, lab in labels.items()},
        group=np.tile(np.arange(n_groups, dtype=np.int64), n_cols),
        value=np.repeat(np.array([c.value for c in columns], dtype=object), n_groups),
        category=np.repeat(np.array([c.category for c in columns], dtype=object), n_groups),
        statistic=np.full(n_cols * n_groups, stat, dtype=object),
        estimate=_flat(est),
        se=_flat(se),
        ci_low=_flat(low),
        ci_high=_flat(high),
        n=_flat(count).astype(np.int64),
        weight_sum=_flat(wsum),
        level=level,
    )


def _fill(chunk: list[_Column], centred: FloatArray, shift: bool) -> tuple[FloatArray, list[IntArray]]:
    """Write the chunk's values minus a typical value per column (0 where missing).

    Returns the shifts and each column's missing rows. Subtracting a value of the column itself
    keeps sums of squares free of cancellation (a constant column gives exactly zero); the
    shift is added back to the means. Rows are written in blocks that stay in the cache.
    """
    shifts = np.zeros(len(chunk))
    missing: list[IntArray] = []
    for j, column in enumerate(chunk):
        source = column.source
        if column.code >= 0:
            missing.append(np.flatnonzero(source < 0))
            continue
        missing.append(np.flatnonzero(np.isnan(source)))
        if shift:
            head = source[:4096]
            head = head[~np.isnan(head)]
            shifts[j] = float(np.mean(head)) if head.size else 0.0
    n = centred.shape[0]
    for begin in range(0, n, _ROW_BLOCK):
        block = centred[begin : begin + _ROW_BLOCK]
        for j, column in enumerate(chunk):
            part = column.source[begin : begin + _ROW_BLOCK]
            if column.code >= 0:
                np.equal(part, column.code, out=block[:, j])
            else:
                np.subtract(part, shifts[j], out=block[:, j])
    for j, rows in enumerate(missing):
        centred[rows, j] = 0.0
    return shifts, missing
