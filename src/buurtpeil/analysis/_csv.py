"""Reading a table for the command line: all needed columns in one polars pass.

Numbers are parsed by polars directly; only when that fails is the column read again as text
to find the first value that is not a number, so the error can name its row.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import polars as pl

from buurtpeil.analysis._groups import Categorical, FloatArray
from buurtpeil.analysis.errors import AnalysisError

MISSING = ["", "NA"]


def header(path: Path) -> list[str]:
    try:
        return pl.read_csv(path, n_rows=0, infer_schema=False).columns
    except FileNotFoundError:
        raise AnalysisError("a readable CSV file", f"no file {str(path)!r}", "check the path") from None
    except (pl.exceptions.ComputeError, pl.exceptions.NoDataError) as error:
        raise AnalysisError(
            "a CSV file with a header row", f"{str(path)!r}: {error}", "check the file"
        ) from None


def require(columns: Sequence[str], available: Sequence[str], path: Path) -> None:
    known = set(available)
    for name in columns:
        if name not in known:
            raise AnalysisError(
                f"a column of {path.name} ({', '.join(available)})",
                f"nothing named {name!r}",
                "check the spelling and the header row",
                column=name,
            )


def read_table(
    path: Path, *, numeric: Sequence[str], text: Sequence[str]
) -> dict[str, FloatArray | Categorical]:
    """The ``numeric`` columns as float arrays (NaN where empty or NA) and ``text`` as categories."""
    available = header(path)
    require([*numeric, *text], available, path)
    numeric = list(dict.fromkeys(numeric))
    text = [c for c in dict.fromkeys(text) if c not in numeric]
    wanted = [*numeric, *text]
    schema = {c: pl.Float64 for c in numeric} | {c: pl.String for c in text}
    try:
        frame = pl.read_csv(
            path, columns=wanted, schema_overrides=schema, null_values=MISSING, infer_schema=False
        )
    except pl.exceptions.ComputeError:
        _raise_first_non_number(path, numeric)
        raise
    result: dict[str, FloatArray | Categorical] = {}
    if numeric:  # one conversion for all number columns (nulls become NaN); each column a contiguous view
        block = frame.select(numeric).to_numpy(order="fortran").astype(np.float64, copy=False)
        for j, name in enumerate(numeric):
            result[name] = block[:, j]
    for name in text:
        result[name] = categorical(frame[name])
    return result


def _raise_first_non_number(path: Path, numeric: Sequence[str]) -> None:
    frame = pl.read_csv(path, columns=list(numeric), infer_schema=False, null_values=MISSING)
    for name in numeric:
        column = frame[name].str.strip_chars()
        bad = (column.is_not_null() & column.cast(pl.Float64, strict=False).is_null()).arg_true()
        if bad.len():
            row = int(bad[0])
            raise AnalysisError(
                "a number, or empty or NA for a missing value",
                repr(column[row]),
                "correct the value or leave it empty",
                column=name,
                row=row + 1,
            )


def categorical(column: pl.Series) -> Categorical:
    """Codes into the sorted distinct values (numerically when all are numbers); null is -1."""
    distinct = column.drop_nulls().unique()
    as_number = distinct.cast(pl.Float64, strict=False)
    if distinct.len() and as_number.null_count() == 0 and as_number.n_unique() == distinct.len():
        labels = distinct.gather(as_number.arg_sort())
    else:
        labels = distinct.sort()
    codes = column.cast(pl.Enum(labels)).to_physical().cast(pl.Int64).fill_null(-1).to_numpy()
    return Categorical(codes=codes.astype(np.int64, copy=False), labels=labels.to_numpy().astype(object))
