"""`buurtpeil stats` reproduces R survey and svy on the California API data.

The reference results are committed files in ``golden/`` (made by ``golden/make_golden.R`` and
``golden/make_golden_svy.py``; provenance inside each file, credits in ``golden/README.md``). Each
case gives the command line arguments (a ``.csv`` argument is a file in ``data/``) and the rows
the JSON output must contain, matched by (by, value, category); every number agrees to 1e-6
relative (an absolute 1e-12 only where the reference is exactly 0).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from buurtpeil.analysis.cli import main

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden"
DATA = HERE / "data"

# Which of R's two raking references the engine follows for standard errors after --rake:
# "calibrate" (calibrate(calfun="raking"), regression residuals on all margins at once) or
# "rake" (rake(), iterated post-stratification residuals).
RAKE_REFERENCE = "calibrate"

R_FIELDS = ("estimate", "se", "ci_low", "ci_high", "n", "weight_sum")
RELATIVE = 1e-6
ZERO = 1e-12

Key = tuple[tuple[tuple[str, str], ...], str, str | None]


def golden(name: str) -> dict[str, Any]:
    result: dict[str, Any] = json.loads((GOLDEN / name).read_text(encoding="utf-8"))
    return result


def _cases() -> Iterator[Any]:
    for case in golden("r_survey_api.json")["cases"]:
        yield pytest.param(case["args"], case["rows"], R_FIELDS, id=f"r-{case['name']}")
    for case in golden("r_survey_rake.json")["cases"]:
        rows = case["variants"][RAKE_REFERENCE]["rows"]
        yield pytest.param(case["args"], rows, R_FIELDS, id=f"r-{RAKE_REFERENCE}-{case['name']}")
    svy = golden("svy_api.json")
    fields = tuple(svy["provenance"]["compare"])
    for case in [*svy["cases"], *svy["rake_cases"]]:
        yield pytest.param(case["args"], case["rows"], fields, id=f"svy-{case['name']}")


def key(row: dict[str, Any]) -> Key:
    return tuple(sorted(row["by"].items())), row["value"], row["category"]


def expected_value(value: float) -> Any:
    if value == 0:
        return pytest.approx(0.0, abs=ZERO)
    return pytest.approx(value, rel=RELATIVE)


def run_stats(args: list[str], capsys: pytest.CaptureFixture[str]) -> list[dict[str, Any]]:
    argv = [str(DATA / arg) if arg.endswith(".csv") else arg for arg in args]
    code = main(argv)
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert captured.err == ""
    rows: list[dict[str, Any]] = json.loads(captured.out)
    return rows


@pytest.mark.parametrize(("args", "reference", "fields"), list(_cases()))
def test_stats_reproduces_reference(
    args: list[str],
    reference: list[dict[str, Any]],
    fields: tuple[str, ...],
    capsys: pytest.CaptureFixture[str],
) -> None:
    got = {key(row): row for row in run_stats(args, capsys)}
    want = {key(row): row for row in reference}
    assert sorted(got, key=repr) == sorted(want, key=repr), "rows differ by (by, value, category)"
    mismatches = []
    for k, row in want.items():
        if got[k]["statistic"] != row["statistic"]:
            mismatches.append(f"{k} statistic: got {got[k]['statistic']!r}, want {row['statistic']!r}")
        for field in fields:
            value = got[k][field]
            if value is None or value != expected_value(row[field]):
                rel = abs(value / row[field] - 1) if value is not None and row[field] else None
                mismatches.append(f"{k} {field}: got {value!r}, want {row[field]!r} (relative {rel})")
    assert not mismatches, "\n".join(mismatches)


# R survey's own published outputs, as printed in its test transcripts (tests/api.Rout.save, the
# output of example(api), and tests/rakecheck.Rout.save), to the digits printed there: the
# goldens above must round to them.
PUBLISHED = [
    ("r_survey_api.json", "strat_mean", "api00", "estimate", "662.29"),
    ("r_survey_api.json", "strat_mean", "api00", "se", "9.4089"),
    ("r_survey_api.json", "strat_total", "enroll", "estimate", "3687178"),
    ("r_survey_api.json", "strat_total", "enroll", "se", "114642"),
    ("r_survey_api.json", "clus1_mean", "api00", "estimate", "644.17"),
    ("r_survey_api.json", "clus1_mean", "api00", "se", "23.542"),
    ("r_survey_api.json", "clus1_total", "enroll", "estimate", "3404940"),
    ("r_survey_api.json", "clus1_total", "enroll", "se", "932235"),
    ("r_survey_rake.json", "rake_mean", "api00", "estimate", "641.23"),
    ("r_survey_rake.json", "rake_mean", "api00", "se", "23.704"),
    ("r_survey_rake.json", "rake_total", "enroll", "se", "400603"),
]


def _published_row(file: str, case_name: str, value: str) -> Iterator[dict[str, Any]]:
    for case in golden(file)["cases"]:
        if case["name"] != case_name:
            continue
        variants = [v["rows"] for v in case["variants"].values()] if "variants" in case else [case["rows"]]
        for rows in variants:
            yield from (row for row in rows if row["value"] == value and not row["by"])


@pytest.mark.parametrize(("file", "case_name", "value", "field", "printed"), PUBLISHED)
def test_references_round_to_r_survey_published_output(
    file: str, case_name: str, value: str, field: str, printed: str
) -> None:
    rows = list(_published_row(file, case_name, value))
    assert rows
    half_unit = Decimal(1).scaleb(Decimal(printed).as_tuple().exponent) / 2  # type: ignore[arg-type]
    for row in rows:
        assert abs(Decimal(repr(row[field])) - Decimal(printed)) <= half_unit


def test_svy_and_r_survey_references_agree() -> None:
    r_cases = {case["name"]: case["rows"] for case in golden("r_survey_api.json")["cases"]}
    r_args = {case["name"]: case["args"] for case in golden("r_survey_api.json")["cases"]}
    for case in golden("r_survey_rake.json")["cases"]:
        r_cases[case["name"]] = case["variants"][RAKE_REFERENCE]["rows"]
        r_args[case["name"]] = case["args"]
    svy = golden("svy_api.json")
    assert len(svy["cases"]) >= 2
    assert svy["rake_cases"]
    for case in [*svy["cases"], *svy["rake_cases"]]:
        assert case["args"] == r_args[case["name"]]
        r_rows = {key(row): row for row in r_cases[case["name"]]}
        assert {key(row) for row in case["rows"]} == set(r_rows)
        for row in case["rows"]:
            for field in svy["provenance"]["compare"]:
                assert row[field] == expected_value(r_rows[key(row)][field]), (case["name"], key(row), field)
