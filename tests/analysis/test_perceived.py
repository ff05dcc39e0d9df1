"""Perceived safety against registered crime, on constructed buurten."""

import math

import pytest

from buurtpeil.analysis import (
    AnalysisError,
    BuurtFigures,
    SafetyClass,
    crime_rate_interval,
    perceived_versus_registered,
)

# The municipality: 30% feel unsafe. Buurten of 10,000 inhabitants each, except where said.
MUNICIPAL = 0.30


def buurt(code, perceived, crimes, population=10_000, respondents=200, half=0.04):
    if perceived is None:
        return BuurtFigures(code, None, None, None, None, crimes, population)
    return BuurtFigures(code, perceived, perceived - half, perceived + half, respondents, crimes, population)


def classify(buurten, min_respondents=10):
    result = perceived_versus_registered(
        buurten, municipal_perceived=MUNICIPAL, min_respondents=min_respondents
    )
    return result, {b.code: b for b in result.buurten}


def test_the_four_classes_and_no_clear_difference():
    # municipal rate: (200 + 200 + 1000 + 1000 + 600) / 50,000 * 1000 = 60 per 1,000
    result, by_code = classify(
        [
            buurt("A", 0.45, 200),  # feels unsafe, little crime (20 per 1,000)
            buurt("B", 0.15, 1000),  # feels safe, much crime (100 per 1,000)
            buurt("C", 0.45, 1000),  # both high
            buurt("D", 0.15, 200),  # both low
            buurt("E", 0.31, 600),  # both at the municipal value
        ]
    )
    assert result.municipal_rate == pytest.approx(60.0)
    assert by_code["A"].kind == SafetyClass.UNSAFE_LITTLE_CRIME
    assert by_code["B"].kind == SafetyClass.SAFE_MUCH_CRIME
    assert by_code["C"].kind == SafetyClass.UNSAFE_MUCH_CRIME
    assert by_code["D"].kind == SafetyClass.SAFE_LITTLE_CRIME
    assert by_code["E"].kind == SafetyClass.NO_CLEAR_DIFFERENCE
    assert (by_code["A"].perceived_direction, by_code["A"].crime_direction) == (1, -1)
    assert by_code["A"].rate == pytest.approx(20.0)
    assert [b.code for b in result.of_kind(SafetyClass.SAFE_MUCH_CRIME)] == ["B"]


def test_an_interval_that_includes_the_municipal_value_is_no_clear_difference():
    # Perceived clearly higher, but a small buurt's crime interval includes the municipal rate.
    result, by_code = classify(
        [buurt("big", 0.30, 6000, population=100_000), buurt("small", 0.45, 4, population=150)]
    )
    small = by_code["small"]
    assert small.rate < result.municipal_rate < small.rate_high
    assert small.perceived_direction == 1
    assert small.crime_direction == 0
    assert small.kind == SafetyClass.NO_CLEAR_DIFFERENCE


def test_wide_survey_interval_is_no_clear_difference():
    _result, by_code = classify([buurt("A", 0.40, 200, half=0.15), buurt("B", 0.30, 1000)])
    assert by_code["A"].perceived_direction == 0
    assert by_code["A"].kind == SafetyClass.NO_CLEAR_DIFFERENCE


def test_zero_crimes_has_a_rate_of_zero_with_an_upper_bound():
    rate, low, high = crime_rate_interval(0, 2000)
    assert (rate, low) == (0.0, 0.0)
    # exact Poisson: the 97.5% upper bound for zero events is -ln(0.025) = 3.69 events
    assert high == pytest.approx(-math.log(0.025) / 2000 * 1000, rel=1e-6)
    _result, by_code = classify([buurt("A", 0.45, 0, population=5000), buurt("B", 0.30, 1000)])
    assert by_code["A"].kind == SafetyClass.UNSAFE_LITTLE_CRIME


def test_poisson_interval_matches_known_values():
    # Garwood interval for 10 events: 4.795 to 18.390
    rate, low, high = crime_rate_interval(10, 1000)
    assert rate == pytest.approx(10.0)
    assert low == pytest.approx(4.7954, abs=1e-3)
    assert high == pytest.approx(18.3904, abs=1e-3)


def test_zero_or_small_population_gets_no_rate_or_no_class():
    result, by_code = classify(
        [buurt("empty", 0.45, 12, population=0), buurt("tiny", 0.45, 3, population=40), buurt("B", 0.3, 600)]
    )
    assert by_code["empty"].rate is None
    assert by_code["empty"].kind == SafetyClass.NOT_CLASSIFIED
    assert by_code["tiny"].rate == pytest.approx(75.0)  # shown, but not classified
    assert by_code["tiny"].kind == SafetyClass.NOT_CLASSIFIED
    # the empty buurt's crimes count for no one; the tiny one's count in the municipal rate
    assert result.municipal_rate == pytest.approx((3 + 600) / 10_040 * 1000)


def test_suppressed_or_few_respondents_get_no_class_and_no_figure():
    _result, by_code = classify(
        [buurt("hidden", None, 1000), buurt("few", 0.5, 1000, respondents=5), buurt("B", 0.3, 200)]
    )
    assert by_code["hidden"].kind == SafetyClass.NOT_CLASSIFIED
    assert by_code["hidden"].rate == pytest.approx(100.0)
    assert by_code["few"].kind == SafetyClass.NOT_CLASSIFIED
    assert by_code["few"].perceived is None


def test_no_crime_figures_at_all():
    result, by_code = classify([buurt("A", 0.45, None)])
    assert result.municipal_rate is None
    assert by_code["A"].kind == SafetyClass.NOT_CLASSIFIED


def test_bad_input_is_refused():
    with pytest.raises(AnalysisError):
        crime_rate_interval(-1, 100)
    with pytest.raises(AnalysisError):
        crime_rate_interval(1, 0)
