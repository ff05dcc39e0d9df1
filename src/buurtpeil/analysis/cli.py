"""``buurtpeil stats FILE.csv``: weighted estimates on any table, without Django or a database.

The same estimators as the web application. Bad input gets one line on standard error that
names the column and the row, and exit code 2.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import numpy as np

from buurtpeil.analysis._groups import Categorical, FloatArray
from buurtpeil.analysis.errors import AnalysisError, MarginError

if TYPE_CHECKING:
    import polars as pl

    from buurtpeil.analysis._estimate import Estimates
    from buurtpeil.analysis._raking import Margin

FIELDS = ("value", "category", "statistic", "estimate", "se", "ci_low", "ci_high", "n", "weight_sum")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(2, f"buurtpeil stats: {message} (see buurtpeil stats --help)\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="buurtpeil stats",
        description="Weighted survey estimates with Taylor standard errors, as R survey's svyby/svymean.",
    )
    parser.add_argument("file", type=Path, help="CSV file with a header row")
    parser.add_argument("--value", action="append", required=True, help="column to estimate (repeatable)")
    parser.add_argument("--statistic", choices=("mean", "total"), default="mean")
    parser.add_argument(
        "--proportion",
        action="store_true",
        help="share of each category of the value (of 1s for a 0/1 column)",
    )
    parser.add_argument("--weight", help="design weight column")
    parser.add_argument("--strata", help="stratum column")
    parser.add_argument("--cluster", help="first-stage cluster (PSU) column")
    parser.add_argument(
        "--fpc", help="population PSUs in the stratum, or the sampling fraction when at most 1"
    )
    parser.add_argument("--by", action="append", default=[], help="group column (repeatable, crossed)")
    parser.add_argument("--rake", type=Path, help="margins CSV with columns variable,category,total")
    parser.add_argument("--level", type=float, default=0.95, help="confidence level (default 0.95)")
    parser.add_argument("--format", choices=("csv", "json"), default="csv")
    return parser


def main(argv: Sequence[str]) -> int:
    """Run ``buurtpeil stats`` with ``argv`` (without the program and command); returns the exit code."""
    try:
        args = _parser().parse_args(list(argv))
    except SystemExit as stop:
        return int(stop.code or 0)
    try:
        result = _run(args)
    except AnalysisError as error:
        print(f"buurtpeil stats: {error.message}", file=sys.stderr)
        return 2
    _write(result, args.format)
    return 0


def _load_estimators() -> None:
    importlib.import_module("buurtpeil.analysis._estimate")
    importlib.import_module("buurtpeil.analysis._raking")


def _numbers(table: dict[str, FloatArray | Categorical], name: str | None) -> FloatArray | None:
    if name is None:
        return None
    column = table[name]
    assert not isinstance(column, Categorical)
    return column


def _run(args: argparse.Namespace) -> Estimates:
    from buurtpeil.analysis._csv import header, read_table, require

    # SciPy's sparse matrices take a while to import: load the estimators while polars reads
    # (after polars itself is imported, which needs the interpreter as much as SciPy does).
    threading.Thread(target=_load_estimators, daemon=True).start()

    if not 0 < args.level < 1:
        raise AnalysisError("a --level between 0 and 1", repr(args.level), "use e.g. 0.95")
    path: Path = args.file
    margins_frame = _read_margins(args.rake) if args.rake is not None else None
    rake_columns = (
        list(dict.fromkeys(margins_frame["variable"].to_list())) if margins_frame is not None else []
    )
    numeric = [c for c in (args.weight, args.fpc) if c]
    text = [c for c in (args.strata, args.cluster) if c] + list(args.by) + rake_columns
    if args.proportion:
        text += args.value
    else:
        numeric += args.value
    columns = header(path)
    require([*args.value, *numeric, *text], columns, path)
    table = read_table(path, numeric=numeric, text=text)
    from buurtpeil.analysis._design import survey_design
    from buurtpeil.analysis._estimate import estimate
    from buurtpeil.analysis._raking import rake

    roles = {"weights": args.weight, "strata": args.strata, "clusters": args.cluster, "fpc": args.fpc}
    try:
        design = survey_design(
            n=_rows(table, path),
            weights=_numbers(table, args.weight),
            strata=table[args.strata] if args.strata else None,
            clusters=table[args.cluster] if args.cluster else None,
            fpc=_numbers(table, args.fpc),
        )
    except AnalysisError as error:
        raise _renamed(error, roles.get(error.column or "", error.column)) from None
    if margins_frame is not None:
        margins = _margins(margins_frame, table, args.rake)
        design = rake(design, margins).design
    return estimate(
        table,
        values=args.value,
        by=args.by,
        design=design,
        statistic=args.statistic,
        proportion=args.proportion,
        level=args.level,
    )


def _rows(table: dict[str, Any], path: Path) -> int:
    for column in table.values():
        return len(column)
    return 0


def _renamed(error: AnalysisError, column: str | None) -> AnalysisError:
    return type(error)(error.expected, error.got, error.hint, column=column, row=error.row)


def _read_margins(path: Path) -> pl.DataFrame:
    import polars as pl

    from buurtpeil.analysis._csv import header, require

    columns = header(path)
    require(["variable", "category", "total"], columns, path)
    frame = pl.read_csv(path, columns=["variable", "category", "total"], infer_schema=False, null_values=None)
    totals = frame["total"].str.strip_chars().cast(pl.Float64, strict=False)
    bad = totals.is_null().arg_true()
    if bad.len():
        row = int(bad[0])
        raise MarginError(
            f"a population total (a number) in {path.name}",
            repr(frame["total"][row]),
            "correct the margins file",
            column="total",
            row=row + 1,
        )
    return frame.with_columns(totals.alias("total"), pl.Series("row", np.arange(1, frame.height + 1)))


def _margins(frame: pl.DataFrame, table: dict[str, Any], path: Path) -> list[Margin]:
    import polars as pl

    from buurtpeil.analysis._raking import margin

    variables = list(dict.fromkeys(frame["variable"].to_list()))
    parts = {v: frame.filter(pl.col("variable") == v) for v in variables}
    first_total = float(parts[variables[0]]["total"].sum())
    result: list[Margin] = []
    for variable in variables:
        part = parts[variable]
        total = float(part["total"].sum())
        if abs(total - first_total) > 1e-6 * max(abs(first_total), 1.0):
            raise MarginError(
                f"the same total for every variable in {path.name} "
                f"({variables[0]!r} adds up to {first_total:.10g})",
                f"{total:.10g} for {variable!r}",
                "all margins must describe the same population",
                column="total",
                row=int(part["row"][0]),
            )
        categories = part["category"].to_list()
        if len(set(categories)) != len(categories):
            row = int(part["row"][part["category"].is_duplicated().arg_true()[1]])
            raise MarginError(
                f"each category of {variable!r} once in {path.name}",
                "a repeated category",
                "give one total per category",
                column="category",
                row=row,
            )
        totals = dict(zip(categories, part["total"].to_list(), strict=True))
        built = margin(variable, table[variable], totals)
        present = np.bincount(built.codes, minlength=len(built.categories)) > 0
        empty = np.flatnonzero(~present & (built.totals > 0))
        if empty.size:
            raise MarginError(
                f"respondents in category {built.categories[empty[0]]!r} of {variable!r} ({path.name})",
                "none",
                "merge the category with a neighbouring one in the margins and the data",
                column="category",
                row=int(part["row"][int(empty[0])]),
            )
        result.append(built)
    return result


def _frame(result: Estimates) -> pl.DataFrame:
    import polars as pl

    data: dict[str, Any] = {name: result.groups[name].astype(str) for name in result.by}
    data |= {
        "value": result.value.astype(str),
        "category": pl.Series("category", list(result.category), dtype=pl.String),
        "statistic": result.statistic.astype(str),
    }
    for name in ("estimate", "se", "ci_low", "ci_high"):
        data[name] = getattr(result, name)
    data["n"] = result.n
    data["weight_sum"] = result.weight_sum
    floats = ["estimate", "se", "ci_low", "ci_high", "weight_sum"]
    return pl.DataFrame(data).with_columns(pl.col(floats).fill_nan(None))


def _write(result: Estimates, fmt: str) -> None:
    import polars as pl

    frame = _frame(result)
    if fmt == "csv":
        sys.stdout.write(frame.write_csv())
        return
    if result.by:
        text = frame.select(pl.struct(list(result.by)).alias("by"), *FIELDS).write_json()
    else:
        rows = json.loads(frame.select(*FIELDS).write_json())
        text = json.dumps([{"by": {}, **row} for row in rows])
    sys.stdout.write(text + "\n")
