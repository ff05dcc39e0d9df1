"""Perceived safety beside registered crime, per buurt.

Per buurt: the share of residents who feel unsafe (with its interval, from the survey) and the
registered crimes per 1,000 inhabitants (with an exact Poisson interval). Each is compared with
the municipality's value: higher when the whole interval lies above it, lower when below,
otherwise no clear difference. The two directions together give the buurt's class, and each
class calls for a different kind of action:

- feels unsafe, little crime: work on perception (the physical surroundings, contact between
  residents and with the authorities, communication);
- feels safe, much crime: prevention and enforcement, and making residents aware;
- feels unsafe and much crime: both;
- feels safe and little crime: keep it so;
- no clear difference: one or both intervals include the municipal value.

A buurt without a survey figure of its own (suppressed, too few respondents) or without a
population large enough for a rate gets no class.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from scipy import special  # type: ignore[import-untyped]

from buurtpeil.analysis.errors import AnalysisError

PER = 1000.0
MIN_POPULATION = 100  # below this a rate per 1,000 means little (business estates, parks)


class SafetyClass(StrEnum):
    UNSAFE_LITTLE_CRIME = "unsafe_little_crime"
    SAFE_MUCH_CRIME = "safe_much_crime"
    UNSAFE_MUCH_CRIME = "unsafe_much_crime"
    SAFE_LITTLE_CRIME = "safe_little_crime"
    NO_CLEAR_DIFFERENCE = "no_clear_difference"
    NOT_CLASSIFIED = "not_classified"


@dataclass(frozen=True)
class BuurtFigures:
    """What is known of one buurt. ``perceived`` is None when the survey figure is suppressed;
    ``crimes`` None when there are no crime figures."""

    code: str
    perceived: float | None
    perceived_low: float | None
    perceived_high: float | None
    respondents: int | None
    crimes: float | None
    population: int | None


@dataclass(frozen=True)
class BuurtSafety:
    code: str
    perceived: float | None
    perceived_low: float | None
    perceived_high: float | None
    rate: float | None  # crimes per 1,000 inhabitants
    rate_low: float | None
    rate_high: float | None
    perceived_direction: int  # 1 above the municipality, -1 below, 0 no clear difference
    crime_direction: int
    kind: SafetyClass


@dataclass(frozen=True)
class PerceivedVersusRegistered:
    buurten: list[BuurtSafety]
    municipal_perceived: float | None
    municipal_rate: float | None

    def of_kind(self, kind: SafetyClass) -> list[BuurtSafety]:
        return [b for b in self.buurten if b.kind == kind]


def crime_rate_interval(
    crimes: float, population: float, *, per: float = PER, level: float = 0.95
) -> tuple[float, float, float]:
    """(rate, low, high) of ``crimes`` per ``per`` inhabitants, with the exact (Garwood) Poisson
    interval for the count; the population is taken as known. Zero crimes give (0, 0, high)."""
    if not 0 < level < 1:
        raise AnalysisError("a level between 0 and 1", repr(level))
    if population <= 0 or not math.isfinite(population):
        raise AnalysisError("a positive population", repr(population))
    if crimes < 0 or not math.isfinite(crimes):
        raise AnalysisError("a number of crimes of 0 or more", repr(crimes))
    alpha = 1 - level
    # chi2.ppf(q, 2k) / 2 is the gamma quantile with shape k
    low = 0.0 if crimes == 0 else float(special.gammaincinv(crimes, alpha / 2))
    high = float(special.gammaincinv(crimes + 1, 1 - alpha / 2))
    scale = per / population
    return crimes * scale, low * scale, high * scale


def _direction(low: float, high: float, reference: float) -> int:
    if low > reference:
        return 1
    if high < reference:
        return -1
    return 0


def perceived_versus_registered(
    buurten: Sequence[BuurtFigures],
    *,
    municipal_perceived: float | None,
    min_respondents: int,
    min_population: int = MIN_POPULATION,
    level: float = 0.95,
) -> PerceivedVersusRegistered:
    """Each buurt's rate, its directions against the municipality and its class. The municipal
    rate is all crimes over all inhabitants of the buurten with crime figures."""
    counted = [b for b in buurten if b.crimes is not None and b.population]
    population = sum(b.population or 0 for b in counted)
    municipal_rate = sum(b.crimes or 0.0 for b in counted) / population * PER if population else None
    result = []
    for b in buurten:
        rate = low = high = None
        if b.crimes is not None and b.population:
            rate, low, high = crime_rate_interval(b.crimes, b.population, level=level)
        has_survey = (
            b.perceived is not None
            and b.perceived_low is not None
            and b.perceived_high is not None
            and (b.respondents or 0) >= min_respondents
        )
        has_rate = rate is not None and (b.population or 0) >= min_population
        perceived_direction = crime_direction = 0
        if not (has_survey and has_rate and municipal_perceived is not None and municipal_rate is not None):
            kind = SafetyClass.NOT_CLASSIFIED
        else:
            assert b.perceived_low is not None and b.perceived_high is not None
            assert low is not None and high is not None
            perceived_direction = _direction(b.perceived_low, b.perceived_high, municipal_perceived)
            crime_direction = _direction(low, high, municipal_rate)
            kind = {
                (1, -1): SafetyClass.UNSAFE_LITTLE_CRIME,
                (-1, 1): SafetyClass.SAFE_MUCH_CRIME,
                (1, 1): SafetyClass.UNSAFE_MUCH_CRIME,
                (-1, -1): SafetyClass.SAFE_LITTLE_CRIME,
            }.get((perceived_direction, crime_direction), SafetyClass.NO_CLEAR_DIFFERENCE)
        result.append(
            BuurtSafety(
                code=b.code,
                perceived=b.perceived if has_survey else None,
                perceived_low=b.perceived_low if has_survey else None,
                perceived_high=b.perceived_high if has_survey else None,
                rate=rate,
                rate_low=low,
                rate_high=high,
                perceived_direction=perceived_direction,
                crime_direction=crime_direction,
                kind=kind,
            )
        )
    return PerceivedVersusRegistered(
        buurten=result, municipal_perceived=municipal_perceived, municipal_rate=municipal_rate
    )
