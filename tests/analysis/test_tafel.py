"""Tafel van 12 profile: scores, lags, importance and the suggested factors with their reasons."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from buurtpeil.analysis import (
    CellStatus,
    ImportanceMethod,
    SuggestionRule,
    SuppressionRules,
    factor_importance,
    factor_scores,
    suggest_factors,
    tafel_profile,
)
from buurtpeil.analysis.errors import AnalysisError


def _linearised_lag_variance(area: np.ndarray, y: np.ndarray, w: np.ndarray, target: int) -> float:
    """Dense, respondent by respondent: var of (area mean - municipality mean), missing as domain."""
    n = y.shape[0]
    valid = ~np.isnan(y)
    in_area = valid & (area == target)
    w_a, w_m = w[in_area].sum(), w[valid].sum()
    mean_a = (w[in_area] * y[in_area]).sum() / w_a
    mean_m = (w[valid] * y[valid]).sum() / w_m
    z = np.zeros(n)
    for i in range(n):
        if not valid[i]:
            continue
        z[i] = -w[i] * (y[i] - mean_m) / w_m
        if in_area[i]:
            z[i] += w[i] * (y[i] - mean_a) / w_a
    return n / (n - 1) * float(np.sum((z - z.mean()) ** 2))


def test_unweighted_single_area_score_has_the_textbook_se() -> None:
    y = np.array([[4.0], [6.0], [7.0], [5.0], [8.0]])
    result = factor_scores(np.zeros(5, dtype=int), y, np.ones(5), higher_is_better=np.array([True]))
    assert result.score[0, 0] == pytest.approx(6.0)
    assert result.se[0, 0] == pytest.approx(np.std(y, ddof=1) / np.sqrt(5), rel=1e-12)
    # The area is the whole municipality: no lag, and no uncertainty about it.
    assert result.lag[0, 0] == pytest.approx(0.0, abs=1e-12)
    assert result.lag_se[0, 0] == pytest.approx(0.0, abs=1e-12)


def test_weighted_scores_and_lag_se_match_a_respondent_by_respondent_computation() -> None:
    rng = np.random.default_rng(12)
    n, areas = 400, 4
    area = rng.integers(0, areas, n)
    w = rng.uniform(0.3, 3.0, n)
    y = rng.normal(6.0, 1.5, (n, 2)) - 0.8 * (area == 2)[:, None]
    y[rng.uniform(size=(n, 2)) < 0.15] = np.nan
    result = factor_scores(area, y, w, higher_is_better=np.array([True, False]))
    for j, sign in ((0, -1.0), (1, 1.0)):
        for a in range(areas):
            ok = (area == a) & ~np.isnan(y[:, j])
            mean = np.average(y[ok, j], weights=w[ok])
            assert result.score[a, j] == pytest.approx(mean, rel=1e-12)
            assert result.n[a, j] == ok.sum()
            muni = np.average(y[~np.isnan(y[:, j]), j], weights=w[~np.isnan(y[:, j])])
            assert result.lag[a, j] == pytest.approx(sign * (mean - muni), rel=1e-12)
            var = _linearised_lag_variance(area, y[:, j], w, a)
            assert result.lag_se[a, j] == pytest.approx(np.sqrt(var), rel=1e-10)
    # Area 2 scores 0.8 lower: worse where higher is better, better where higher is worse.
    assert result.lagging[2, 0]
    assert not result.lagging[2, 1]
    assert result.lag[2, 1] < 0


def test_a_factor_with_too_few_respondents_is_suppressed_and_never_suggested() -> None:
    rng = np.random.default_rng(5)
    n = 600
    area = np.where(np.arange(n) < 8, 1, 0)  # area 1 has 8 respondents
    y = rng.normal(6.0, 1.0, (n, 4))
    y[area == 1] -= 3.0
    outcome = (y.mean(axis=1) < 5.5).astype(float)
    profile = tafel_profile(
        area, y, np.ones(n), outcome, higher_is_better=np.ones(4, dtype=bool), outcome_higher_is_unsafe=True
    )
    assert np.all(profile.scores.status[1] == CellStatus.SUPPRESSED_SMALL)
    assert np.all(profile.suggestions.factor[1] == -1)
    assert profile.suggestions.insufficient_data(1) == [0, 1, 2, 3]
    assert profile.suggestions.reasons(1) == []


def test_importance_follows_the_orientation_and_one_factor_regression_is_the_correlation() -> None:
    rng = np.random.default_rng(8)
    n = 2000
    x = rng.normal(6.0, 1.5, (n, 1))
    w = rng.uniform(0.5, 2.0, n)
    unsafe = -0.4 * x[:, 0] + rng.normal(0, 1.0, n)  # higher factor score, less unsafe
    regression = factor_importance(
        x, w, unsafe, higher_is_better=np.array([True]), outcome_higher_is_unsafe=True
    )
    correlation = factor_importance(
        x,
        w,
        unsafe,
        higher_is_better=np.array([True]),
        outcome_higher_is_unsafe=True,
        min_complete_cases=n + 1,
    )
    assert regression.method == ImportanceMethod.REGRESSION
    assert correlation.method == ImportanceMethod.CORRELATION
    assert regression.importance[0] > 0.3
    assert regression.importance[0] == pytest.approx(correlation.importance[0], rel=1e-10)
    flipped = factor_importance(
        x, w, -unsafe, higher_is_better=np.array([True]), outcome_higher_is_unsafe=False
    )
    assert flipped.importance[0] == pytest.approx(regression.importance[0], rel=1e-12)
    reversed_factor = factor_importance(
        x, w, unsafe, higher_is_better=np.array([False]), outcome_higher_is_unsafe=True
    )
    assert reversed_factor.importance[0] == pytest.approx(-regression.importance[0], rel=1e-12)


def test_standardised_coefficients_of_the_weighted_regression() -> None:
    rng = np.random.default_rng(9)
    n = 3000
    x = rng.normal(0.0, [1.0, 3.0], (n, 2))
    w = rng.uniform(0.5, 2.0, n)
    y = 1.0 * x[:, 0] + 0.2 * x[:, 1] + rng.normal(0, 0.5, n)
    result = factor_importance(
        x, w, y, higher_is_better=np.array([False, False]), outcome_higher_is_unsafe=True
    )
    # Weighted least squares through the normal equations, then b * sd_x / sd_y.
    design = np.column_stack([np.ones(n), x])
    coef = np.linalg.solve(design.T @ (design * w[:, None]), design.T @ (w * y))
    sd = lambda v: np.sqrt(np.average((v - np.average(v, weights=w)) ** 2, weights=w))  # noqa: E731
    expected = coef[1:] * np.array([sd(x[:, 0]), sd(x[:, 1])]) / sd(y)
    np.testing.assert_allclose(result.importance, expected, rtol=1e-9)


def test_few_complete_cases_fall_back_to_correlations() -> None:
    rng = np.random.default_rng(10)
    n = 300
    y = rng.normal(6, 1, (n, 12))
    y[rng.uniform(size=(n, 12)) < 0.4] = np.nan  # almost nobody answers all twelve
    outcome = rng.normal(size=n)
    result = factor_importance(
        y, np.ones(n), outcome, higher_is_better=np.ones(12, dtype=bool), outcome_higher_is_unsafe=True
    )
    assert result.method == ImportanceMethod.CORRELATION
    assert np.all(result.n_used == (~np.isnan(y)).sum(axis=0))


def test_suggestions_follow_the_rules_in_order() -> None:
    # One area, six factors. Factor 0 and 3 lag significantly, 1 lags a little, 2 does not lag
    # but matters most, 4 has too few respondents, 5 lags significantly but does not matter.
    lag = np.array([[1.0, 0.2, -0.5, 2.0, 3.0, 1.5]])
    se = np.array([[0.2, 0.2, 0.2, 0.2, 0.2, 0.2]])
    n = np.array([[50, 50, 50, 50, 6, 50]])
    importance = np.array([0.3, 0.3, 0.5, 0.1, 0.4, -0.1])
    result = suggest_factors(lag, se, n, importance)
    # priority: factor 0: 1.0 * 0.3 = 0.3; factor 3: 2.0 * 0.1 = 0.2
    assert result.factor[0].tolist() == [0, 3, 1, -1, -1]
    assert result.rule[0].tolist() == [
        SuggestionRule.SIGNIFICANT_LAG,
        SuggestionRule.SIGNIFICANT_LAG,
        SuggestionRule.LAG,
        -1,
        -1,
    ]
    reasons = result.reasons(0)
    assert [r.factor for r in reasons] == [0, 3, 1]
    assert reasons[0].priority == pytest.approx(0.3)
    assert reasons[0].importance == pytest.approx(0.3)
    assert reasons[0].n == 50
    assert result.insufficient_data(0) == [4]
    # Without the small lag the fill-up takes the strongest driver.
    lag[0, 1] = -0.1
    assert suggest_factors(lag, se, n, importance).factor[0].tolist() == [0, 3, 2, -1, -1]


def test_suggestion_bounds_and_bad_arguments() -> None:
    with pytest.raises(AnalysisError, match="min_suggestions"):
        suggest_factors(np.zeros((1, 3)), np.ones((1, 3)), np.full((1, 3), 50), np.ones(3), min_suggestions=6)
    with pytest.raises(AnalysisError, match="one shape"):
        suggest_factors(np.zeros((1, 3)), np.ones((1, 2)), np.full((1, 3), 50), np.ones(3))
    with pytest.raises(AnalysisError, match="higher_is_better"):
        factor_scores(np.zeros(3, dtype=int), np.ones((3, 2)), np.ones(3), higher_is_better=[1, 0])
    with pytest.raises(AnalysisError, match="weights > 0"):
        factor_scores(
            np.zeros(3, dtype=int), np.ones((3, 1)), np.array([1.0, 0.0, 1.0]), higher_is_better=[True]
        )
    with pytest.raises(AnalysisError, match="area codes"):
        factor_scores(np.array([0.5, 1, 0]), np.ones((3, 1)), np.ones(3), higher_is_better=[True])


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 12), st.integers(0, 2**32 - 1), st.integers(1, 5), st.integers(0, 4))
def test_between_the_minimum_and_maximum_of_rankable_factors_significant_ones_first(
    k: int, seed: int, min_s: int, extra: int
) -> None:
    max_s = min_s + extra
    rng = np.random.default_rng(seed)
    areas = 6
    lag = rng.normal(0, 1, (areas, k))
    se = rng.uniform(0.05, 1.0, (areas, k))
    n = rng.integers(0, 60, (areas, k))
    importance = rng.normal(0.1, 0.2, k)
    rules = SuppressionRules()
    result = suggest_factors(
        lag, se, n, importance, min_suggestions=min_s, max_suggestions=max_s, rules=rules
    )
    for a in range(areas):
        chosen = result.factor[a][result.factor[a] >= 0]
        rankable = np.flatnonzero((n[a] >= rules.privacy_minimum) & (importance > 0))
        significant = [j for j in rankable if lag[a, j] > 0 and result.p_value[a, j] < 0.05]
        assert set(chosen) <= set(rankable)
        assert len(chosen) == max(min(len(significant), max_s), min(min_s, len(rankable)))
        # Significant laggards come first, best priority first.
        n_sig = min(len(significant), max_s)
        assert set(chosen[:n_sig]) <= set(significant)
        priorities = result.priority[a, chosen[:n_sig]]
        assert np.all(np.diff(priorities) <= 0)


def test_profile_suggests_the_factors_a_buurt_lags_on_that_drive_feeling_unsafe() -> None:
    rng = np.random.default_rng(2026)
    n, k, areas = 6000, 12, 10
    area = rng.integers(0, areas, n)
    w = rng.uniform(0.5, 2.0, n)
    scores = np.clip(rng.normal(6.5, 1.5, (n, k)), 0, 10)
    decay = 1  # factor 2, "verloedering": higher score = more decay, so higher is worse
    scores[area == 4, decay] += 2.0
    scores[area == 4, 7] -= 1.5  # trust-inspiring supervision lower in buurt 4
    scores[area == 4, 9] -= 1.5  # aftercare lower too, but it does not drive feeling unsafe
    scores[rng.uniform(size=(n, k)) < 0.05] = np.nan
    better = np.ones(k, dtype=bool)
    better[decay] = False
    filled = np.where(np.isnan(scores), 6.5, scores)
    risk = 0.6 * (filled[:, decay] - 6.5) - 0.5 * (filled[:, 7] - 6.5) + rng.normal(0, 1.0, n)
    feels_unsafe = (risk > 0.8).astype(float)
    profile = tafel_profile(
        area, scores, w, feels_unsafe, higher_is_better=better, outcome_higher_is_unsafe=True
    )
    imp = profile.importance
    assert imp.method == ImportanceMethod.REGRESSION
    assert imp.importance[decay] > 0.2 and imp.importance[7] > 0.2
    assert abs(imp.importance[9]) < 0.1
    reasons = profile.suggestions.reasons(4)
    assert 3 <= len(reasons) <= 5
    assert [r.factor for r in reasons[:2]] == [decay, 7]
    assert all(r.rule == SuggestionRule.SIGNIFICANT_LAG for r in reasons[:2])
    assert reasons[0].lag == pytest.approx(profile.scores.lag[4, decay])
    assert reasons[0].lag > 1.5
    assert profile.scores.lagging[4, decay] and profile.scores.lagging[4, 7]


def test_factor_scores_equal_the_package_estimator_for_domain_means() -> None:
    # The estimator is itself checked against R survey; the area scores are its domain means.
    from buurtpeil.analysis import estimate, survey_design

    rng = np.random.default_rng(1)
    n, areas = 500, 5
    area = rng.integers(0, areas, n)
    w = rng.uniform(0.5, 2.0, n)
    y = rng.normal(6.0, 1.5, (n, 2))
    y[rng.uniform(size=(n, 2)) < 0.1] = np.nan
    design = survey_design(weights=w)
    table = {"area": area.astype(float), "f0": y[:, 0], "f1": y[:, 1]}
    by_area = estimate(table, values=["f0", "f1"], design=design, by=["area"])
    overall = estimate(table, values=["f0", "f1"], design=design)
    result = factor_scores(area, y, w, higher_is_better=np.array([True, False]))
    np.testing.assert_allclose(result.score, by_area.estimate.reshape(2, areas).T, rtol=1e-12)
    np.testing.assert_allclose(result.se, by_area.se.reshape(2, areas).T, rtol=1e-12)
    np.testing.assert_array_equal(result.n, by_area.n.reshape(2, areas).T)
    np.testing.assert_allclose(result.municipality, overall.estimate, rtol=1e-12)
    np.testing.assert_allclose(result.municipality_se, overall.se, rtol=1e-12)
