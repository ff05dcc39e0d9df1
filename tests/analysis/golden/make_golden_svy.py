"""Second reference for `buurtpeil stats`: the same cases computed with the svy library.

Run from the repository root with the bench group installed:

    .tools/bin/uv sync --frozen --group bench
    .venv/bin/python tests/analysis/golden/make_golden_svy.py
    .tools/bin/uv sync --frozen

Writes tests/analysis/golden/svy_api.json. The cases carry the same names and command line
arguments as in r_survey_api.json. svy's intervals use Student's t on the domain's degrees of
freedom where R's ``confint`` and the command line use the normal quantile, so only ``estimate``,
``se`` and ``n`` are compared; svy's own interval and df are kept for the record.
"""

from __future__ import annotations

import datetime
import json
import platform
import sys
from pathlib import Path
from typing import Any

import polars as pl
import svy

HERE = Path(__file__).resolve().parent
DATA = HERE.parent / "data"

DESIGNS: dict[str, tuple[str, dict[str, str], dict[str, str]]] = {
    # name: (file, svy.Design keywords, command line roles)
    "strat": (
        "api_strat.csv",
        {"stratum": "stype", "wgt": "pw", "pop_size": "fpc"},
        {"--weight": "pw", "--strata": "stype", "--fpc": "fpc"},
    ),
    "clus1": (
        "api_clus1.csv",
        {"psu": "dnum", "wgt": "pw", "pop_size": "fpc"},
        {"--weight": "pw", "--cluster": "dnum", "--fpc": "fpc"},
    ),
    "clus2": (
        "api_clus2.csv",
        {"psu": "dnum", "wgt": "pw", "pop_size": "fpc1"},
        {"--weight": "pw", "--cluster": "dnum", "--fpc": "fpc1"},
    ),
    "srs": ("api_srs.csv", {"wgt": "pw", "pop_size": "fpc"}, {"--weight": "pw", "--fpc": "fpc"}),
}

# name, design, method, values, by, proportion (True: category rows), drop_nulls
CASES: list[tuple[str, str, str, list[str], list[str], bool, bool]] = [
    ("srs_mean", "srs", "mean", ["api00", "enroll"], [], False, False),
    ("strat_mean", "strat", "mean", ["api00", "enroll"], [], False, False),
    ("strat_total", "strat", "total", ["enroll"], [], False, False),
    ("strat_by_stratum", "strat", "mean", ["api00"], ["stype"], False, False),
    ("strat_by_sch_wide", "strat", "mean", ["api00"], ["sch.wide"], False, False),
    ("strat_missing_mean", "strat", "mean", ["api00_na"], [], False, True),
    ("strat_missing_by", "strat", "mean", ["api00_na"], ["sch.wide"], False, True),
    ("strat_proportion_factor_by", "strat", "prop", ["awards"], ["stype"], True, False),
    ("clus1_mean", "clus1", "mean", ["api00", "api99"], [], False, False),
    ("clus1_total", "clus1", "total", ["enroll"], [], False, False),
    ("clus1_by_stype", "clus1", "mean", ["api00"], ["stype"], False, False),
    ("clus1_total_by_stype", "clus1", "total", ["enroll"], ["stype"], False, False),
    ("clus1_by_stype_sch_wide", "clus1", "mean", ["api00"], ["stype", "sch.wide"], False, False),
    ("clus1_proportion_factor", "clus1", "prop", ["stype"], [], True, False),
    ("clus1_proportion_01", "clus1", "mean", ["ell0"], [], True, False),
    ("clus1_missing_by", "clus1", "mean", ["api00_na"], ["stype"], False, True),
    ("clus2_first_stage", "clus2", "mean", ["api00"], [], False, False),
    ("clus2_first_stage_missing", "clus2", "mean", ["enroll"], [], False, True),
]

# Cases after raking apiclus1 to the margins in api_margins.csv (names as in r_survey_rake.json).
RAKE_CASES: list[tuple[str, str, str, list[str], list[str], bool, bool]] = [
    ("rake_mean", "clus1", "mean", ["api00", "api99"], [], False, False),
    ("rake_total", "clus1", "total", ["enroll"], [], False, False),
    ("rake_by_raking_variable", "clus1", "mean", ["api00"], ["stype"], False, False),
    ("rake_by_other_variable", "clus1", "mean", ["api00"], ["awards"], False, False),
    ("rake_missing_by", "clus1", "mean", ["api00_na"], ["sch.wide"], False, True),
]
MARGINS = "api_margins.csv"
RAKE_OPTIONS: dict[str, Any] = {"wgt_name": "raked", "tol": 1e-13, "max_iter": 1000}


def _args(
    design: str, method: str, values: list[str], by: list[str], proportion: bool, rake: bool
) -> list[str]:
    file, _, roles = DESIGNS[design]
    args = [file]
    for value in values:
        args += ["--value", value]
    if method == "total":
        args += ["--statistic", "total"]
    if proportion:
        args.append("--proportion")
    for role, column in roles.items():
        args += [role, column]
    for column in by:
        args += ["--by", column]
    if rake:
        args += ["--rake", MARGINS]
    return [*args, "--format", "json"]


def _controls() -> dict[str, dict[str, float]]:
    controls: dict[str, dict[str, float]] = {}
    for row in pl.read_csv(DATA / MARGINS, infer_schema_length=0).iter_rows(named=True):
        controls.setdefault(row["variable"], {})[row["category"]] = float(row["total"])
    return controls


def _sample(design: str, rake: bool) -> Any:
    file, keywords, _ = DESIGNS[design]
    data = pl.read_csv(DATA / file, null_values=["NA"], infer_schema_length=None)
    sample = svy.Sample(data, svy.Design(**keywords))
    if rake:
        sample = sample.weighting.rake(controls=_controls(), **RAKE_OPTIONS)
    return sample


def _case(
    name: str,
    design: str,
    method: str,
    values: list[str],
    by: list[str],
    proportion: bool,
    drop_nulls: bool,
    rake: bool = False,
) -> dict[str, Any]:
    file, keywords, _ = DESIGNS[design]
    sample = _sample(design, rake)
    rows: list[dict[str, Any]] = []
    calls: list[str] = []
    for value in values:
        options: dict[str, Any] = {}
        if by:
            options["by"] = by[0] if len(by) == 1 else tuple(by)
        if drop_nulls:
            options["drop_nulls"] = True
        svy_design = f"svy.Design({_kw(keywords)})"
        call = f"svy.Sample(data, {svy_design}).estimation.{method}({value!r}{_kw(options, 2)})"
        calls.append(call)
        result = getattr(sample.estimation, method)(value, **options).to_polars()
        for record in result.iter_rows(named=True):
            if method == "prop":
                category: str | None = str(record[value])
                statistic = "proportion"
            elif proportion:
                category, statistic = "1", "proportion"
            else:
                category, statistic = None, method
            rows.append(
                {
                    "by": {column: str(record[column]) for column in by},
                    "value": value,
                    "category": category,
                    "statistic": statistic,
                    "estimate": record["est"],
                    "se": record["se"],
                    "n": record["n"],
                    "svy_ci_low": record["lci"],
                    "svy_ci_high": record["uci"],
                    "svy_df": record["df"],
                }
            )
    case = {
        "name": name,
        "args": _args(design, method, values, by, proportion, rake),
        "data": f"data = pl.read_csv({file!r}, null_values=['NA'], infer_schema_length=None)",
        "svy_calls": calls,
        "rows": rows,
    }
    if rake:
        case["raking"] = f"sample = sample.weighting.rake(controls=controls, {_kw(RAKE_OPTIONS)})"
        case["controls"] = _controls()
    return case


def _kw(options: dict[str, Any], prefix: int = 0) -> str:
    text = ", ".join(f"{k}={v!r}" for k, v in options.items())
    return (", " + text) if prefix and text else text


def main() -> None:
    golden = {
        "provenance": {
            "tool": "svy",
            "svy_version": svy.__version__,
            "polars_version": pl.__version__,
            "python_version": platform.python_version(),
            "date": datetime.datetime.now(tz=datetime.UTC).date().isoformat(),
            "script": "tests/analysis/golden/make_golden_svy.py",
            "data": "California API data as exported from R survey by make_golden.R, see README.md",
            "description": (
                "The cases of r_survey_api.json with the same names and arguments, computed with svy's "
                "Taylor linearisation (fpc from pop_size, domains by by=, missing values by "
                "drop_nulls=True). "
                "Compare estimate, se and n; svy's intervals use Student's t on svy_df. rake_cases: "
                "after svy's rake() to api_margins.csv, whose standard errors account for the raking."
            ),
            "compare": ["estimate", "se", "n"],
        },
        "cases": [_case(*case) for case in CASES],
        "rake_cases": [_case(*case, rake=True) for case in RAKE_CASES],
        "raked_weights": {
            "data_file": DESIGNS["clus1"][0],
            "svy_call": (
                f"svy.Sample(data, svy.Design({_kw(DESIGNS['clus1'][1])}))"
                f".weighting.rake(controls=controls, {_kw(RAKE_OPTIONS)}).data['raked']"
            ),
            "weights": _sample("clus1", rake=True).data["raked"].to_list(),
        },
    }
    path = HERE / "svy_api.json"
    path.write_text(json.dumps(golden, indent=1) + "\n", encoding="utf-8")
    sys.stdout.write(f"wrote {path}\n")


if __name__ == "__main__":
    main()
