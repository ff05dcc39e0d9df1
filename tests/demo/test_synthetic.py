from collections import Counter

import pytest

from buurtpeil.demo.synthetic import AGE_GROUPS, BuurtPopulation, allocate, synthetic_panel

POPULATIONS = [
    BuurtPopulation(
        "BU1", {"15_25": 100, "25_45": 300, "45_65": 300, "65_plus": 300}, {"male": 500, "female": 500}
    ),
    BuurtPopulation(
        "BU2", {"15_25": 300, "25_45": 600, "45_65": 100, "65_plus": 0}, {"male": 500, "female": 500}
    ),
    BuurtPopulation("BU3", {}, {}),  # no inhabitants
]


def test_allocation_is_proportional_to_adults_and_sums_to_size():
    counts = allocate(POPULATIONS, 201)
    assert sum(counts.values()) == 201
    assert counts == {"BU1": 101, "BU2": 100, "BU3": 0}


def test_allocation_refuses_an_empty_municipality():
    with pytest.raises(ValueError, match="no adult population"):
        allocate([POPULATIONS[2]], 10)


def test_panel_over_represents_older_residents():
    members = synthetic_panel(POPULATIONS, 4000, seed=1)
    share = Counter(m.age_group for m in members)
    population = Counter()
    for p in POPULATIONS:
        population.update(p.age)
    assert set(share) <= set(AGE_GROUPS)
    panel_65 = share["65_plus"] / len(members)
    pop_65 = population["65_plus"] / sum(population.values())
    panel_young = share["15_25"] / len(members)
    pop_young = population["15_25"] / sum(population.values())
    assert panel_65 > pop_65 * 1.3
    assert panel_young < pop_young * 0.7


def test_panel_is_reproducible_for_a_seed():
    assert synthetic_panel(POPULATIONS, 50, seed=7) == synthetic_panel(POPULATIONS, 50, seed=7)
    assert synthetic_panel(POPULATIONS, 50, seed=7) != synthetic_panel(POPULATIONS, 50, seed=8)
