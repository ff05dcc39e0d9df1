"""The analysis core's public functions reproduce R survey: raked weights and proportion intervals.

References in ``golden/`` (provenance inside each file): ``r_survey_rake.json`` holds the weights of
apiclus1 raked to the apipop counts of stype and sch.wide; ``r_survey_svyciprop.json`` the
Korn-Graubard ("beta") and logit intervals of ``svyciprop`` with their inputs.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from buurtpeil.analysis import korn_graubard_interval, logit_interval, margin, rake, survey_design
from tests.analysis.test_golden_survey import RAKE_REFERENCE, RELATIVE, golden

DATA = Path(__file__).resolve().parent / "data"


def read_csv(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_raked_weights_match_r_survey() -> None:
    reference = golden("r_survey_rake.json")
    rows = read_csv(reference["data_file"])
    design = survey_design(
        weights=np.array([float(r["pw"]) for r in rows]),
        clusters=np.array([int(r["dnum"]) for r in rows]),
        fpc=np.array([float(r["fpc"]) for r in rows]),
    )
    totals: dict[str, dict[str, float]] = {}
    for r in read_csv(reference["margins_file"]):
        totals.setdefault(r["variable"], {})[r["category"]] = float(r["total"])
    margins = [margin(variable, np.array([r[variable] for r in rows]), t) for variable, t in totals.items()]

    weights = rake(design, margins).design.weights

    want = np.array(reference["weights"][RAKE_REFERENCE])
    assert weights.shape == want.shape
    assert weights == pytest.approx(want, rel=RELATIVE)


def test_svy_and_r_survey_raked_weights_agree() -> None:
    r = golden("r_survey_rake.json")["weights"]
    svy = golden("svy_api.json")["raked_weights"]
    assert svy["weights"] == pytest.approx(r[RAKE_REFERENCE], rel=RELATIVE)


def _intervals(method: str) -> list[Any]:
    cases = [c for c in golden("r_survey_svyciprop.json")["intervals"] if c["method"] == method]
    return [pytest.param(c, id=c["r_call"]) for c in cases]


@pytest.mark.parametrize("case", _intervals("beta"))
def test_korn_graubard_interval_matches_svyciprop_beta(case: dict[str, Any]) -> None:
    low, high = korn_graubard_interval(case["proportion"], case["se"], case["n"], case["level"], case["df"])
    assert (float(low), float(high)) == pytest.approx((case["ci_low"], case["ci_high"]), rel=RELATIVE)


@pytest.mark.parametrize("case", _intervals("logit"))
def test_logit_interval_matches_svyciprop_logit(case: dict[str, Any]) -> None:
    low, high = logit_interval(case["proportion"], case["se"], case["level"], case["df"])
    assert (float(low), float(high)) == pytest.approx((case["ci_low"], case["ci_high"]), rel=RELATIVE)


def test_fay_herriot_references_agree() -> None:
    """R metafor with Prasad-Rao's MSE and samplics give the same EBLUP, sigma_u^2 and MSE."""
    r = golden("fay_herriot_r_metafor.json")
    samplics = golden("fay_herriot_samplics.json")
    assert len(r["areas"]) == len(read_csv(r["provenance"]["data_file"])) == 40
    assert samplics["sigma_u2"] == pytest.approx(r["sigma_u2"], rel=RELATIVE)
    assert samplics["beta"] == pytest.approx(r["beta"], rel=RELATIVE)
    for a, b in zip(samplics["areas"], r["areas"], strict=True):
        assert a["area"] == b["area"]
        assert (a["eblup"], a["mse"]) == pytest.approx((b["eblup"], b["mse"]), rel=RELATIVE)
