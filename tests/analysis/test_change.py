"""Change between waves and comparison with the municipality."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from buurtpeil.analysis import (
    compare_change_with_reference,
    compare_with_reference,
    difference_in_differences,
    estimate,
    survey_design,
    wave_change,
)
from buurtpeil.analysis.errors import AnalysisError


def test_change_of_a_proportion_by_hand() -> None:
    # 30% (SE 2 pp) in wave 1, 36% (SE 3 pp) in wave 2, independent samples.
    result = wave_change(0.30, 0.02, 0.36, 0.03)
    se = math.sqrt(0.02**2 + 0.03**2)
    z = 0.06 / se
    assert result.difference == pytest.approx(0.06, rel=1e-12)
    assert result.se == pytest.approx(se, rel=1e-12)
    assert result.z == pytest.approx(z, rel=1e-12)
    assert result.p_value == pytest.approx(2 * stats.norm.sf(z), rel=1e-10)
    assert not result.significant  # z = 1.66 < 1.96
    assert result.direction == 0
    assert result.ci_low == pytest.approx(0.06 - stats.norm.ppf(0.975) * se, rel=1e-10)
    at_90 = wave_change(0.30, 0.02, 0.36, 0.03, level=0.90)
    assert at_90.significant
    assert at_90.direction == 1


def test_panel_overlap_narrows_the_change_se() -> None:
    with_rho = wave_change(0.30, 0.02, 0.36, 0.03, correlation=0.5)
    assert with_rho.se == pytest.approx(math.sqrt(0.0013 - 2 * 0.5 * 0.02 * 0.03), rel=1e-12)
    with_cov = wave_change(0.30, 0.02, 0.36, 0.03, covariance=0.5 * 0.02 * 0.03)
    assert with_cov.se == pytest.approx(with_rho.se, rel=1e-12)
    assert with_rho.significant  # z = 0.06 / 0.0265 = 2.27


def test_vectorised_over_areas_with_missing_ones() -> None:
    e1 = np.array([7.1, 6.5, np.nan, 7.0])
    e2 = np.array([7.4, 6.0, 7.0, 7.0])
    se = np.array([0.1, 0.1, 0.1, 0.0])
    result = wave_change(e1, se, e2, se)
    assert result.direction.tolist() == [1, -1, 0, 0]
    assert np.isnan(result.p_value[2])
    assert result.p_value[3] == 1.0  # a constant figure with SE 0 did not change


def test_an_exact_change_with_zero_se_is_significant() -> None:
    result = wave_change(np.array([1.0]), np.array([0.0]), np.array([2.0]), np.array([0.0]))
    assert result.z[0] == np.inf
    assert result.p_value[0] == 0.0
    assert result.significant[0]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.floats(-100, 100),
            st.floats(0, 10),
            st.floats(-100, 100),
            st.floats(0, 10),
            st.floats(-1, 1),
        ),
        min_size=1,
        max_size=20,
    )
)
def test_swapping_the_waves_flips_the_sign_and_keeps_the_test(
    rows: list[tuple[float, float, float, float, float]],
) -> None:
    e1, s1, e2, s2, rho = (np.array(col) for col in zip(*rows, strict=True))
    forward = wave_change(e1, s1, e2, s2, correlation=rho)
    backward = wave_change(e2, s2, e1, s1, correlation=rho)
    np.testing.assert_array_equal(forward.difference, -backward.difference)
    np.testing.assert_array_equal(forward.se, backward.se)
    np.testing.assert_array_equal(forward.p_value, backward.p_value)
    np.testing.assert_array_equal(forward.z, -backward.z)
    np.testing.assert_array_equal(forward.direction, -backward.direction)
    assert np.all((forward.p_value >= 0) & (forward.p_value <= 1))


def test_area_against_municipality_accounts_for_the_area_being_part_of_it() -> None:
    # The municipality m = s * area + (1 - s) * rest, area and rest independent:
    # area - m = (1 - s)(area - rest), var = (1 - s)^2 (se_a^2 + se_rest^2).
    share, se_area, se_rest = 0.25, 0.04, 0.01
    se_municipality = math.sqrt(share**2 * se_area**2 + (1 - share) ** 2 * se_rest**2)
    result = compare_with_reference(0.40, se_area, 0.32, se_municipality, area_share=share)
    assert result.se == pytest.approx((1 - share) * math.hypot(se_area, se_rest), rel=1e-12)
    independent = compare_with_reference(0.40, se_area, 0.32, se_municipality)
    assert independent.se > result.se


def test_area_change_against_the_municipal_change() -> None:
    areas = wave_change(np.array([0.20, 0.30]), 0.02, np.array([0.30, 0.33]), 0.02)
    municipality = wave_change(0.25, 0.005, 0.28, 0.005)
    result = compare_change_with_reference(areas, municipality)
    np.testing.assert_allclose(result.difference, [0.07, 0.0], atol=1e-12)
    np.testing.assert_allclose(result.se, np.sqrt(2 * 0.02**2 + 2 * 0.005**2), rtol=1e-12)
    assert result.significant.tolist() == [True, False]
    overlap = compare_change_with_reference(
        areas, municipality, area_share_1=0.05, se_1=0.02, area_share_2=0.05, se_2=0.02
    )
    np.testing.assert_allclose(
        overlap.se, np.sqrt(2 * 0.02**2 + 2 * 0.005**2 - 2 * 2 * 0.05 * 0.02**2), rtol=1e-12
    )


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"correlation": 0.5, "covariance": 0.0}, "either correlation or covariance"),
        ({"correlation": 1.5}, "between -1 and 1"),
        ({"covariance": 0.01}, "covariance that leaves a variance >= 0"),
        ({"level": 95.0}, "confidence level"),
    ],
)
def test_bad_arguments_are_refused(kwargs: dict[str, float], fragment: str) -> None:
    with pytest.raises(AnalysisError, match=fragment):
        wave_change(0.3, 0.02, 0.4, 0.03, **kwargs)  # type: ignore[arg-type]


def test_negative_se_and_unpaired_shares_are_refused() -> None:
    with pytest.raises(AnalysisError, match="standard errors >= 0"):
        wave_change(0.3, -0.02, 0.4, 0.03)
    change = wave_change(0.3, 0.02, 0.4, 0.03)
    with pytest.raises(AnalysisError, match="one of a pair"):
        compare_change_with_reference(change, change, area_share_1=0.1)
    with pytest.raises(AnalysisError, match="area_share between 0 and 1"):
        compare_with_reference(0.3, 0.02, 0.3, 0.01, area_share=1.2)


def test_difference_in_differences_of_exact_figures() -> None:
    # Every area rises by 2 points; the two treated areas fall 3 points more.
    before = np.array([0.30, 0.40, 0.35, 0.25, 0.50])
    after = before + 0.02 - np.array([0.03, 0.03, 0.0, 0.0, 0.0])
    zero = np.zeros(5)
    result = difference_in_differences(before, zero, after, zero, [True, True, False, False, False])
    assert result.effect.difference[0] == pytest.approx(-0.03)
    assert result.treated_change == pytest.approx(-0.01)
    assert result.comparison_change == pytest.approx(0.02)
    assert (result.n_treated, result.n_comparison) == (2, 3)


def test_difference_in_differences_recovers_a_known_effect_from_survey_samples() -> None:
    """Areas with a common trend of +3 points; actions lower the treated areas by 6 points.
    Estimated from simulated survey answers with the estimator, the effect's interval covers the
    true -6 points in about 95% of repetitions, and its mean is close to it."""
    rng = np.random.default_rng(7)
    areas, per_area, effect, trend = 30, 150, -0.06, 0.03
    true_before = rng.uniform(0.2, 0.5, areas)
    treated = np.arange(areas) < 10
    true_after = true_before + trend + np.where(treated, effect, 0.0)
    area = np.repeat(np.arange(areas).astype(str), per_area)
    design = survey_design(areas * per_area)
    estimates, covered = [], 0
    repetitions = 200
    for _ in range(repetitions):
        waves = []
        for truth in (true_before, true_after):
            answers = (rng.random(areas * per_area) < np.repeat(truth, per_area)).astype(float)
            result = estimate({"y": answers, "area": area}, values=["y"], design=design, by=["area"])
            order = np.argsort(result.groups["area"].astype(int))
            waves.append((result.estimate[order], result.se[order]))
        (e1, s1), (e2, s2) = waves
        did = difference_in_differences(e1, s1, e2, s2, treated)
        estimates.append(did.effect.difference[0])
        covered += did.effect.ci_low[0] <= effect <= did.effect.ci_high[0]
    assert np.mean(estimates) == pytest.approx(effect, abs=0.005)
    assert 0.90 <= covered / repetitions <= 0.99


def test_difference_in_differences_leaves_out_areas_missing_a_wave_and_needs_both_groups() -> None:
    result = difference_in_differences(
        [0.3, np.nan, 0.3, 0.3], [0.01] * 4, [0.2, 0.2, 0.3, np.nan], [0.01] * 4, [True, True, False, False]
    )
    assert (result.n_treated, result.n_comparison) == (1, 1)
    assert result.effect.difference[0] == pytest.approx(-0.1)
    assert result.effect.se[0] == pytest.approx(0.02)
    with pytest.raises(AnalysisError, match="comparison area"):
        difference_in_differences([0.3, 0.3], [0.01] * 2, [0.2, np.nan], [0.01] * 2, [True, False])
