"""Invariants that hold for any data: checked on generated tables with hypothesis."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from buurtpeil.analysis import estimate, margin, rake, survey_design

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def tables(draw):
    seed = draw(st.integers(0, 2**32 - 1))
    n = draw(st.integers(40, 200))
    rng = np.random.default_rng(seed)
    n_strata = draw(st.integers(1, 3))
    stratum = np.arange(n) % n_strata  # every stratum has several rows
    clustered = draw(st.booleans())
    cluster = stratum * 1000 + (np.arange(n) // n_strata) % draw(st.integers(2, 6)) if clustered else None
    y = rng.normal(draw(st.floats(-50, 50)), draw(st.floats(0.1, 10)), n)
    y[rng.random(n) < draw(st.floats(0, 0.3))] = np.nan
    return {
        "y": y,
        "group": rng.integers(0, draw(st.integers(1, 4)), n),
        "age": np.arange(n) % 3,  # every category present
        "sex": (np.arange(n) // 3) % 2,
        "w": rng.uniform(0.2, 5, n),
        "stratum": stratum,
        "cluster": cluster,
    }


def _design(t, raked):
    design = survey_design(weights=t["w"], strata=t["stratum"], clusters=t["cluster"])
    if raked:
        n = len(t["w"])
        design = rake(
            design,
            [
                margin("age", t["age"], {0: 0.3 * n, 1: 0.3 * n, 2: 0.4 * n}),
                margin("sex", t["sex"], {0: 0.45 * n, 1: 0.55 * n}),
            ],
        ).design
    return design


@SETTINGS
@given(tables())
def test_raked_weights_reproduce_the_margins(t):
    n = len(t["w"])
    w = _design(t, raked=True).weights
    for code, share in ((0, 0.3), (1, 0.3), (2, 0.4)):
        assert abs(w[t["age"] == code].sum() - share * n) <= 1e-8 * n
    for code, share in ((0, 0.45), (1, 0.55)):
        assert abs(w[t["sex"] == code].sum() - share * n) <= 1e-8 * n


@SETTINGS
@given(tables(), st.booleans(), st.floats(-1e3, 1e3))
def test_a_constant_indicator_has_standard_error_zero(t, raked, value):
    constant = np.where(np.isnan(t["y"]), np.nan, value)
    result = estimate(
        {"c": constant, "group": t["group"]}, values=["c"], by=["group"], design=_design(t, raked)
    )
    answered = result.n > 0
    assert np.all(result.se[answered] <= 1e-9 * max(1.0, abs(value)))
    assert np.allclose(result.estimate[answered], value, rtol=1e-12, atol=1e-12)


@SETTINGS
@given(tables(), st.booleans())
def test_splitting_a_domain_and_recombining_gives_the_total(t, raked):
    design = _design(t, raked)
    whole = estimate({"y": t["y"]}, values=["y"], design=design, statistic="total")
    parts = estimate(
        {"y": t["y"], "group": t["group"]}, values=["y"], by=["group"], design=design, statistic="total"
    )
    assert np.isclose(parts.estimate.sum(), whole.estimate[0], rtol=1e-10, atol=1e-8)
    assert parts.n.sum() == whole.n[0]
    assert np.isclose(parts.weight_sum.sum(), whole.weight_sum[0], rtol=1e-12)
    # the mean of the whole is the weighted mean of the parts' means
    means = estimate({"y": t["y"], "group": t["group"]}, values=["y"], by=["group"], design=design)
    answered = means.n > 0
    combined = (means.estimate[answered] * means.weight_sum[answered]).sum() / means.weight_sum.sum()
    overall = estimate({"y": t["y"]}, values=["y"], design=design)
    assert np.isclose(combined, overall.estimate[0], rtol=1e-10, atol=1e-10)


@SETTINGS
@given(tables())
def test_one_group_equals_no_grouping(t):
    design = _design(t, raked=False)
    single = estimate({"y": t["y"], "one": np.zeros(len(t["y"]))}, values=["y"], by=["one"], design=design)
    plain = estimate({"y": t["y"]}, values=["y"], design=design)
    assert np.isclose(single.se[0], plain.se[0], rtol=1e-12)
