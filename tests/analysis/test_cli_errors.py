"""``buurtpeil stats``: the output's fields, and one clear line with exit code 2 for bad input."""

from __future__ import annotations

import csv
import json

import pytest

from buurtpeil.analysis.cli import main

FIELDS = ("value", "category", "statistic", "estimate", "se", "ci_low", "ci_high", "n", "weight_sum")
ROWS = [
    # stratum, psu, weight, y, area, sex
    ("a", "1", "2.0", "3", "noord", "m"),
    ("a", "2", "2.5", "4", "noord", "v"),
    ("a", "2", "1.5", "", "zuid", "m"),
    ("b", "3", "3.0", "5", "zuid", "v"),
    ("b", "4", "1.0", "NA", "noord", "m"),
    ("b", "4", "2.0", "2", "zuid", "v"),
]


@pytest.fixture
def table(tmp_path):
    path = tmp_path / "answers.csv"
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["stratum", "psu", "w", "y", "area", "sex"])
        writer.writerows(ROWS)
    return path


def _write(path, header, rows):
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _fails(capsys, argv, *words):
    code = main([str(a) for a in argv])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1, err
    for word in words:
        assert word in err, err
    return err


def test_json_output_has_the_documented_fields(table, capsys):
    assert main([str(table), "--value", "y", "--by", "area", "--weight", "w", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["by"] for r in rows] == [{"area": "noord"}, {"area": "zuid"}]
    assert set(rows[0]) == {"by", *FIELDS}
    assert rows[0]["category"] is None
    assert rows[0]["n"] == 2  # the NA in noord is left out
    assert rows[0]["estimate"] == pytest.approx((2 * 3 + 2.5 * 4) / 4.5)
    assert rows[0]["weight_sum"] == pytest.approx(4.5)


def test_csv_output_has_one_column_per_by_column(table, capsys):
    assert main([str(table), "--value", "area", "--proportion", "--by", "sex", "--by", "stratum"]) == 0
    rows = list(csv.DictReader(capsys.readouterr().out.splitlines()))
    assert list(rows[0]) == ["sex", "stratum", *FIELDS]
    assert {r["category"] for r in rows} == {"noord", "zuid"}
    assert {r["statistic"] for r in rows} == {"proportion"}


def test_unknown_column(table, capsys):
    _fails(capsys, [table, "--value", "nope"], "'nope'")


def test_non_numeric_value_names_column_and_row(table, tmp_path, capsys):
    path = _write(tmp_path / "bad.csv", ["y", "w"], [("1", "1"), ("2", "1"), ("drie", "1")])
    _fails(capsys, [path, "--value", "y", "--weight", "w"], "column 'y'", "row 3", "drie")


def test_a_stratum_with_one_psu(table, tmp_path, capsys):
    path = _write(tmp_path / "lonely.csv", ["s", "y"], [("a", "1"), ("a", "2"), ("b", "3")])
    _fails(capsys, [path, "--value", "y", "--strata", "s"], "column 's'", "row 3", "one PSU")


def test_a_stratum_with_one_cluster(table, tmp_path, capsys):
    path = _write(
        tmp_path / "lonely.csv",
        ["s", "c", "y"],
        [("a", "1", "1"), ("a", "2", "2"), ("b", "3", "3"), ("b", "3", "4")],
    )
    _fails(capsys, [path, "--value", "y", "--strata", "s", "--cluster", "c"], "column 's'", "row 3")


def test_margins_whose_totals_differ(table, tmp_path, capsys):
    margins = _write(
        tmp_path / "margins.csv",
        ["variable", "category", "total"],
        [("sex", "m", "100"), ("sex", "v", "100"), ("area", "noord", "150"), ("area", "zuid", "60")],
    )
    _fails(capsys, [table, "--value", "y", "--rake", margins], "column 'total'", "row 3", "same total")


def test_a_weight_of_zero(table, tmp_path, capsys):
    path = _write(tmp_path / "zero.csv", ["w", "y"], [("1", "1"), ("0", "2")])
    _fails(capsys, [path, "--value", "y", "--weight", "w"], "column 'w'", "row 2", "above zero")


def test_a_negative_weight(table, tmp_path, capsys):
    path = _write(tmp_path / "negative.csv", ["w", "y"], [("1", "1"), ("2", "2"), ("-1", "3")])
    _fails(capsys, [path, "--value", "y", "--weight", "w"], "column 'w'", "row 3")


def test_a_margin_category_without_respondents(table, tmp_path, capsys):
    margins = _write(
        tmp_path / "margins.csv",
        ["variable", "category", "total"],
        [("sex", "m", "100"), ("sex", "v", "100"), ("sex", "x", "10")],
    )
    _fails(capsys, [table, "--value", "y", "--rake", margins], "column 'category'", "row 3", "'x'")


def test_a_data_category_missing_from_the_margins(table, tmp_path, capsys):
    margins = _write(tmp_path / "margins.csv", ["variable", "category", "total"], [("sex", "m", "100")])
    _fails(capsys, [table, "--value", "y", "--rake", margins], "column 'sex'", "row 2", "'v'")


def test_a_missing_file(tmp_path, capsys):
    _fails(capsys, [tmp_path / "none.csv", "--value", "y"], "none.csv")


def test_a_bad_level(table, capsys):
    _fails(capsys, [table, "--value", "y", "--level", "95"], "--level")


def test_the_console_command_runs_without_django_or_a_database(table):
    """``buurtpeil stats`` goes to the analysis core before Django is set up: with settings that
    cannot even be imported, it still answers."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    command = Path(sys.executable).with_name("buurtpeil")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "no.such.settings", "DATABASE_URL": "postgres://nowhere/x"}
    done = subprocess.run(
        [command, "stats", table, "--value", "y", "--weight", "w", "--format", "json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    [row] = json.loads(done.stdout)
    assert row["value"] == "y" and row["n"] == 4 and row["weight_sum"] == pytest.approx(9.5)
