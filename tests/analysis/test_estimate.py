"""Estimates and their standard errors against a plain, row-by-row transcription of R survey.

The reference below follows R survey 4.1's code path literally (``svymean.survey.design2``,
``svyrecvar``/``onestrat`` for one stage, and ``calibrate()``'s residuals
``qr.resid(qr(D * sqrt(d)), x / (g * sqrt(d))) * g * sqrt(d)``), one domain and one column at a
time with dense matrices, so it shares nothing with the vectorised engine but the definitions.
"""

from __future__ import annotations

import numpy as np
import pytest

from buurtpeil.analysis import Categorical, estimate, margin, rake, survey_design


def reference_variance(x, strata, psu, fpc_fraction_left, calibration=None):
    """Variance of the total of x (rows) as R's svyrecvar for one stage."""
    x = np.asarray(x, dtype=float)
    if calibration is not None:
        dummies, start, final = calibration
        g = final / start
        root = np.sqrt(start)
        a = dummies * root[:, None]
        coef, *_ = np.linalg.lstsq(a, x / (g * root), rcond=None)
        x = (x / (g * root) - a @ coef) * g * root
    total = 0.0
    for h in np.unique(strata):
        rows = strata == h
        psus, inverse = np.unique(psu[rows], return_inverse=True)
        sums = np.bincount(inverse, weights=x[rows], minlength=psus.size)
        n_h = psus.size
        f = fpc_fraction_left[h]
        if f < 1e-7:
            continue
        total += f * n_h / (n_h - 1) * np.sum((sums - sums.mean()) ** 2)
    return total


def reference_domain(y, weights, domain, statistic, strata, psu, fraction_left, calibration=None):
    ok = domain & ~np.isnan(y)
    y0 = np.where(ok, y, 0.0)
    w = np.where(ok, weights, 0.0)
    if statistic == "mean":
        est = (w * y0).sum() / w.sum()
        x = w * (y0 - est) / w.sum()
    else:
        est = (w * y0).sum()
        x = w * y0
    return est, np.sqrt(reference_variance(x, strata, psu, fraction_left, calibration))


def _table(seed, n=300):
    rng = np.random.default_rng(seed)
    stratum = rng.integers(0, 4, n)
    cluster = stratum * 100 + rng.integers(0, 12, n)
    y = rng.normal(5, 2, n)
    y[rng.random(n) < 0.1] = np.nan
    return {
        "y": y,
        "area": rng.choice(np.array(["noord", "oost", "west"]), n),
        "sex": rng.choice(np.array(["m", "v"]), n),
        "age": rng.integers(0, 3, n),
        "w": rng.uniform(1, 4, n),
        "stratum": stratum,
        "cluster": cluster,
    }


def _structure(table, clusters):
    strata = np.unique(table["stratum"], return_inverse=True)[1]
    psu = table["cluster"] if clusters else np.arange(len(table["y"]))
    return strata, psu


@pytest.mark.parametrize("clusters", [False, True])
@pytest.mark.parametrize("statistic", ["mean", "total"])
def test_domain_estimates_match_the_row_by_row_reference(clusters, statistic):
    table = _table(1)
    design = survey_design(
        weights=table["w"], strata=table["stratum"], clusters=table["cluster"] if clusters else None
    )
    result = estimate(table, values=["y"], by=["area", "sex"], design=design, statistic=statistic)
    strata, psu = _structure(table, clusters)
    assert len(result) == 6
    for i in range(len(result)):
        domain = (table["area"] == result.groups["area"][i]) & (table["sex"] == result.groups["sex"][i])
        est, se = reference_domain(table["y"], table["w"], domain, statistic, strata, psu, np.ones(4))
        assert result.estimate[i] == pytest.approx(est, rel=1e-12)
        assert result.se[i] == pytest.approx(se, rel=1e-10)
        assert result.n[i] == int((domain & ~np.isnan(table["y"])).sum())


@pytest.mark.parametrize("clusters", [False, True])
def test_standard_errors_after_raking_match_calibration_residuals(clusters):
    table = _table(2, n=400)
    design = survey_design(
        weights=table["w"], strata=table["stratum"], clusters=table["cluster"] if clusters else None
    )
    sex_totals = {"m": 4800.0, "v": 5200.0}
    age_totals = {0: 3000.0, 1: 4000.0, 2: 3000.0}
    area_totals = {"noord": 2500.0, "oost": 3500.0, "west": 4000.0}
    raked = rake(
        design,
        [
            margin("sex", table["sex"], sex_totals),
            margin("age", table["age"], age_totals),
            margin("area", table["area"], area_totals),
        ],
    ).design
    dummies = np.column_stack(
        [table["sex"] == k for k in sex_totals]
        + [table["age"] == k for k in age_totals]
        + [table["area"] == k for k in area_totals]
    ).astype(float)
    calibration = (dummies, table["w"], raked.weights)
    strata, psu = _structure(table, clusters)
    for statistic in ("mean", "total"):
        result = estimate(table, values=["y"], by=["area", "age"], design=raked, statistic=statistic)
        for i in range(len(result)):
            domain = (table["area"] == result.groups["area"][i]) & (
                table["age"].astype(str) == result.groups["age"][i]
            )
            est, se = reference_domain(
                table["y"], raked.weights, domain, statistic, strata, psu, np.ones(4), calibration
            )
            assert result.estimate[i] == pytest.approx(est, rel=1e-10)
            assert result.se[i] == pytest.approx(se, rel=1e-7)


def test_finite_population_correction_scales_each_stratum():
    table = _table(3)
    counts = np.bincount(table["stratum"])
    population = np.array([150, 180, 1000, 170])[table["stratum"]]
    design = survey_design(weights=table["w"], strata=table["stratum"], fpc=population)
    result = estimate(table, values=["y"], by=["sex"], design=design)
    fraction_left = 1 - counts / np.array([150, 180, 1000, 170])
    strata, psu = _structure(table, False)
    for i in range(len(result)):
        domain = table["sex"] == result.groups["sex"][i]
        _, se = reference_domain(table["y"], table["w"], domain, "mean", strata, psu, fraction_left)
        assert result.se[i] == pytest.approx(se, rel=1e-10)


def test_fpc_as_fraction_equals_fpc_as_count():
    table = _table(4)
    counts = np.bincount(table["stratum"])
    population = np.array([500, 800, 1000, 700])
    by_count = survey_design(weights=table["w"], strata=table["stratum"], fpc=population[table["stratum"]])
    by_fraction = survey_design(
        weights=table["w"], strata=table["stratum"], fpc=(counts / population)[table["stratum"]]
    )
    a = estimate(table, values=["y"], design=by_count)
    b = estimate(table, values=["y"], design=by_fraction)
    assert a.se[0] == pytest.approx(b.se[0], rel=1e-12)
    assert (
        a.se[0]
        < estimate(table, values=["y"], design=survey_design(weights=table["w"], strata=table["stratum"])).se[
            0
        ]
    )


def test_proportions_give_one_row_per_category_and_add_up_to_one():
    table = _table(5)
    result = estimate(
        table, values=["area"], by=["sex"], design=survey_design(weights=table["w"]), proportion=True
    )
    assert list(result.category[:2]) == ["noord", "noord"]
    assert set(result.statistic) == {"proportion"}
    for sex in ("m", "v"):
        assert result.estimate[result.groups["sex"] == sex].sum() == pytest.approx(1.0, rel=1e-12)


def test_a_zero_one_column_gives_the_share_of_ones():
    rng = np.random.default_rng(6)
    flag = rng.integers(0, 2, 100).astype(float)
    w = rng.uniform(1, 2, 100)
    result = estimate({"flag": flag}, values=["flag"], design=survey_design(weights=w), proportion=True)
    assert list(result.category) == ["1"]
    assert result.estimate[0] == pytest.approx((w * flag).sum() / w.sum(), rel=1e-12)


def test_a_categorical_column_from_codes_equals_the_same_column_as_text():
    table = _table(7)
    codes = np.unique(table["area"], return_inverse=True)
    as_categorical = dict(table, area=Categorical(codes=codes[1].astype(np.int64), labels=codes[0]))
    design = survey_design(weights=table["w"])
    a = estimate(table, values=["y"], by=["area"], design=design)
    b = estimate(as_categorical, values=["y"], by=["area"], design=design)
    np.testing.assert_array_equal(a.se, b.se)
    np.testing.assert_array_equal(a.groups["area"], b.groups["area"])


def test_a_group_without_any_answer_has_no_estimate():
    y = np.array([1.0, 2.0, np.nan, np.nan, 3.0, 4.0])
    area = np.array(["a", "a", "b", "b", "c", "c"])
    result = estimate({"y": y, "area": area}, values=["y"], by=["area"], design=survey_design(6))
    assert result.n.tolist() == [2, 0, 2]
    assert np.isnan(result.estimate[1]) and np.isnan(result.se[1])
    assert result.weight_sum[1] == 0


def test_confidence_interval_is_the_normal_wald_interval():
    table = _table(8)
    result = estimate(table, values=["y"], design=survey_design(weights=table["w"]), level=0.9)
    half = 1.6448536269514722 * result.se[0]
    assert result.ci_low[0] == pytest.approx(result.estimate[0] - half, rel=1e-12)
    assert result.ci_high[0] == pytest.approx(result.estimate[0] + half, rel=1e-12)
