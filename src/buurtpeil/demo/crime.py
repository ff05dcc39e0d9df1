"""Synthetic registered crime for the demo municipality, clearly labelled as such.

The real police figures for Den Haag carry no licence, so the demo makes its own: per buurt a
rate per 1,000 inhabitants drawn from a generator seeded with the buurt's code (so every run
gives the same figures), times its population, split over a few categories; for the two
years before the demo's current poll."""

import random

from buurtpeil.areas.selectors import buurten
from buurtpeil.indicators.services import Figure, area_figures_synthetic_create

SOURCE = "Synthetisch (demo)"
CATEGORIES = (  # (code, label, share of all crimes)
    ("burglary", "Woninginbraak (synthetisch)", 0.10),
    ("bicycle_theft", "Fietsdiefstal (synthetisch)", 0.20),
    ("violence", "Geweld (synthetisch)", 0.15),
    ("vandalism", "Vernieling (synthetisch)", 0.20),
    ("shoplifting", "Winkeldiefstal (synthetisch)", 0.10),
    ("other", "Overig (synthetisch)", 0.25),
)
MEAN_RATE = 55.0  # registered crimes per 1,000 inhabitants, about the level of a large Dutch city


def demo_crime_figures(organisation, years: tuple[int, ...] = (2024, 2025)) -> int:
    """Replace the demo's synthetic crime figures; returns the number of figures."""
    figures = []
    for buurt in buurten(organisation).only("code", "population"):
        if not buurt.population:
            continue
        level = random.Random(buurt.code).lognormvariate(0, 0.55)  # the buurt's own level
        for year in years:
            rng = random.Random(f"{buurt.code}-{year}")
            expected = buurt.population * MEAN_RATE / 1000 * level * (1 - 0.03 * (year - years[0]))
            for code, label, share in CATEGORIES:
                count = max(0, round(rng.gauss(expected * share, (expected * share) ** 0.5)))
                figures.append(Figure(buurt.code, "crime", code, label, year, float(count), 12))
    area_figures_synthetic_create(organisation=organisation, source=SOURCE, figures=figures)
    return len(figures)
