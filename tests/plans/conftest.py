"""Computed waves of a poll in Den Haag: a baseline, and a later wave in which one buurt
(TREATED) feels much safer than before while the others stay as they were."""

import pytest

from tests.insights.conftest import BIG, SMALL, SMALL_N, add_responses, make_poll

TREATED = "BU05182811"
INDICATOR = "buurt_unsafe"  # share of residents who feel unsafe in their own buurt (lower is better)


def computed_wave(organisation, title, lean_treated, seed):
    from buurtpeil.insights.services import poll_results_compute

    poll, version = make_poll(organisation)
    poll.title = title
    poll.save(update_fields=["title"])
    add_responses(version, {TREATED: BIG[TREATED]}, seed=seed, lean=lean_treated)
    add_responses(version, {**{b: n for b, n in BIG.items() if b != TREATED}, SMALL: SMALL_N}, seed=seed + 1)
    poll_results_compute(poll=poll)
    return poll


@pytest.fixture
def baseline_wave(den_haag):
    return computed_wave(den_haag, "Veiligheid 2025", 0.0, seed=11)


@pytest.fixture
def later_wave(baseline_wave):
    """TREATED answers "often or sometimes unsafe" far less than in the baseline."""
    return computed_wave(baseline_wave.organisation, "Veiligheid 2026", 1.5, seed=23)


@pytest.fixture
def plan(den_haag):
    import datetime

    from buurtpeil.plans.models import Plan

    return Plan.objects.create(
        organisation=den_haag,
        title="IVP 2027-2030",
        starts=datetime.date(2027, 1, 1),
        ends=datetime.date(2030, 12, 31),
    )


def area(organisation, code):
    from buurtpeil.areas.models import Area

    return Area.objects.get(organisation=organisation, code=code)


def stored_figure(poll, code, indicator=INDICATOR):
    from buurtpeil.insights.selectors import poll_results, result_parts

    key = f"cell:{code}::"
    return result_parts(poll_results(poll), [key])[key]["columns"][f"i.{indicator}"]
