"""Raking: the weights meet the margins, have the raking form, and bad margins are refused."""

from __future__ import annotations

import numpy as np
import pytest

from buurtpeil.analysis import ConvergenceError, MarginError, kish, margin, rake, survey_design


def _sample(seed=0, n=500):
    rng = np.random.default_rng(seed)
    return {
        "age": rng.choice(np.array(["jong", "midden", "oud"]), n, p=[0.2, 0.3, 0.5]),
        "sex": rng.choice(np.array(["m", "v"]), n),
        "area": rng.integers(0, 4, n),
        "w": rng.uniform(0.5, 3.0, n),
    }


AGE = {"jong": 3000.0, "midden": 4000.0, "oud": 3000.0}
SEX = {"m": 4900.0, "v": 5100.0}
AREA = {0: 2000.0, 1: 3000.0, 2: 2500.0, 3: 2500.0}


def test_raked_weights_meet_every_margin_and_keep_the_raking_form():
    s = _sample()
    result = rake(
        survey_design(weights=s["w"]),
        [margin("age", s["age"], AGE), margin("sex", s["sex"], SEX), margin("area", s["area"], AREA)],
    )
    w = result.design.weights
    for column, totals in (("age", AGE), ("sex", SEX), ("area", AREA)):
        for category, total in totals.items():
            assert w[s[column] == category].sum() == pytest.approx(total, rel=1e-9)
    # raking multiplies the start weight by one factor per category of each margin:
    # log(w / d) is additive in the categories, so a least-squares fit on the dummies is exact
    dummies = np.column_stack([s[c] == k for c, t in (("age", AGE), ("sex", SEX), ("area", AREA)) for k in t])
    log_ratio = np.log(w / s["w"])
    coef, *_ = np.linalg.lstsq(dummies.astype(float), log_ratio, rcond=None)
    assert np.max(np.abs(dummies @ coef - log_ratio)) < 1e-9
    assert result.report.converged
    assert result.report.largest_gap <= 1e-10


def test_one_margin_is_post_stratification():
    s = _sample(1)
    w = rake(survey_design(weights=s["w"]), [margin("age", s["age"], AGE)]).design.weights
    for category, total in AGE.items():
        rows = s["age"] == category
        np.testing.assert_allclose(w[rows], s["w"][rows] * total / s["w"][rows].sum(), rtol=1e-12)


def test_report_gives_kish_effective_size_and_design_effect():
    s = _sample(2)
    report = rake(survey_design(weights=s["w"]), [margin("sex", s["sex"], SEX)]).report
    w = rake(survey_design(weights=s["w"]), [margin("sex", s["sex"], SEX)]).design.weights
    assert report.n_effective == pytest.approx(w.sum() ** 2 / (w**2).sum(), rel=1e-12)
    cv2 = w.var() / w.mean() ** 2
    assert report.design_effect == pytest.approx(1 + cv2, rel=1e-12)
    assert kish(np.ones(10)) == (10.0, 1.0)


def test_trimming_caps_weights_and_still_meets_the_margins():
    rng = np.random.default_rng(3)
    n = 400
    age = np.where(rng.random(n) < 0.05, "jong", "oud")  # few young respondents: large weights
    w0 = np.ones(n)
    totals = {"jong": 5000.0, "oud": 5000.0}
    untrimmed = rake(survey_design(weights=w0), [margin("age", age, totals)])
    trimmed = rake(survey_design(weights=w0), [margin("age", age, totals)], trim_ratio=5.0)
    assert untrimmed.report.max_weight_ratio > 5
    assert trimmed.report.trim_rounds >= 1
    assert trimmed.report.trimmed > 0
    # one margin: re-raking after the cap restores the totals, so the cap cannot hold exactly
    assert trimmed.design.weights[age == "jong"].sum() == pytest.approx(5000.0, rel=1e-9)


def test_trimming_with_two_margins_brings_the_largest_weight_down():
    rng = np.random.default_rng(4)
    n = 2000
    age = np.where(rng.random(n) < 0.04, "jong", np.where(rng.random(n) < 0.5, "midden", "oud"))
    sex = rng.choice(np.array(["m", "v"]), n)
    margins = [margin("age", age, AGE), margin("sex", sex, SEX)]
    plain = rake(survey_design(n), margins)
    capped = rake(survey_design(n), margins, trim_ratio=4.0)
    assert capped.report.max_weight_ratio < plain.report.max_weight_ratio
    assert capped.report.n_effective > plain.report.n_effective
    for category, total in SEX.items():
        assert capped.design.weights[sex == category].sum() == pytest.approx(total, rel=1e-9)


def test_a_category_without_respondents_is_an_empty_cell():
    s = _sample(5)
    totals = AGE | {"heel oud": 1000.0}
    with pytest.raises(MarginError, match="heel oud"):
        rake(
            survey_design(weights=s["w"]), [margin("age", s["age"], {k: v * 0.9 for k, v in totals.items()})]
        )


def test_margins_with_different_totals_are_refused():
    s = _sample(6)
    with pytest.raises(MarginError, match="same total") as caught:
        rake(
            survey_design(weights=s["w"]),
            [margin("age", s["age"], AGE), margin("sex", s["sex"], {"m": 1, "v": 2})],
        )
    assert caught.value.column == "sex"


def test_a_value_without_a_total_names_its_row():
    s = _sample(7)
    with pytest.raises(MarginError) as caught:
        margin("age", s["age"], {"jong": 1.0, "midden": 2.0})
    assert caught.value.column == "age"
    assert caught.value.row == int(np.flatnonzero(s["age"] == "oud")[0]) + 1


def test_margins_that_contradict_each_other_do_not_converge():
    # age and sex coincide in the sample, but the margins want different splits
    age = np.array(["jong", "oud"] * 50)
    sex = np.array(["m", "v"] * 50)
    margins = [margin("age", age, {"jong": 30.0, "oud": 70.0}), margin("sex", sex, {"m": 60.0, "v": 40.0})]
    with pytest.raises(ConvergenceError):
        rake(survey_design(100), margins, max_iterations=50)
