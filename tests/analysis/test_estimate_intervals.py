"""Intervals for shares near 0 or 1, against R survey's svyciprop.

Reference values: R 4.2.2, survey 4.1.1 (Debian bookworm r-cran-survey 4.1-1-1), computed
2026-11-23 with

    data(api)
    ds <- svydesign(ids=~1, strata=~stype, fpc=~fpc, weights=~pw, data=apistrat)
    svyciprop(~I(awards=="No"), ds, method="logit")   # and method="beta"
    degf(ds)   # 197; nrow(ds) is 200

The share, its standard error and the degrees of freedom are R's too, so these tests check the
interval formulas alone; the estimate and its standard error are checked elsewhere.
"""

from __future__ import annotations

import numpy as np
import pytest

from buurtpeil.analysis import (
    AnalysisError,
    korn_graubard_interval,
    logit_interval,
    proportion_interval,
    wald_interval,
)

SHARE = 0.3610639359494218
SE = 0.0344059179972689
DF = 197
ROWS = 200


def test_logit_interval_matches_svyciprop_logit():
    low, high = logit_interval(SHARE, SE, 0.95, df=DF)
    assert low == pytest.approx(0.2963242206317437, rel=1e-9)
    assert high == pytest.approx(0.4312789011319530, rel=1e-9)


def test_korn_graubard_interval_matches_svyciprop_beta():
    low, high = korn_graubard_interval(SHARE, SE, ROWS, 0.95, df=DF)
    assert low == pytest.approx(0.2936452169855406, rel=1e-9)
    assert high == pytest.approx(0.4327812985202510, rel=1e-9)


def test_intervals_stay_within_zero_and_one():
    p = np.array([0.0, 0.01, 0.5, 0.99, 1.0])
    se = np.array([0.0, 0.02, 0.1, 0.02, 0.0])
    for method in ("logit", "korn-graubard"):
        low, high = proportion_interval(p, se, method=method, n=np.full(5, 40))
        assert np.all(low >= 0) and np.all(high <= 1) and np.all(low <= p) and np.all(p <= high)
    wald_low, _ = wald_interval(p, se)
    assert wald_low[1] < 0  # the reason for the other two


def test_korn_graubard_gives_a_share_of_zero_an_upper_bound_from_the_respondents():
    low, high = korn_graubard_interval(0.0, 0.0, 40)
    assert low == 0.0
    assert high == pytest.approx(1 - 0.025 ** (1 / 40), rel=1e-12)  # Clopper-Pearson, 0 out of 40


def test_an_unknown_method_is_refused():
    with pytest.raises(AnalysisError, match="korn-graubard"):
        proportion_interval(0.5, 0.1, method="wilson")
