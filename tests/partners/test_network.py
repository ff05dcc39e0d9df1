"""Network measures on a small constructed network whose values are known by hand."""

import pytest

from buurtpeil.partners.network import change, measures, network, sector_gaps

SECTORS = {1: "police", 2: "municipality", 3: "housing", 4: "school", 5: "youth_work", 6: "care"}
# 1 and 2 both name each other (monthly and weekly); 4 names 5 but 5 forgot 4; 6 works with nobody.
ANSWERS = [(1, 2, 2), (2, 1, 3), (2, 3, 1), (2, 5, 2), (4, 5, 1), (3, 3, 3), (1, 99, 2), (6, 1, 0)]


def test_the_measures_of_a_known_network():
    graph = network(SECTORS, ANSWERS)
    assert sorted(graph.edges) == [(1, 2), (2, 3), (2, 5), (4, 5)]
    assert graph[1][2]["weight"] == 3  # the more frequent answer
    result = measures(graph)
    assert result.density == pytest.approx(4 / 15)
    assert result.degree[2] == pytest.approx(3 / 5) and result.degree[6] == 0
    assert result.betweenness[2] == pytest.approx(5 / 10)  # on 5 of the 10 pairs' shortest paths
    assert result.betweenness[5] == pytest.approx(3 / 10)
    assert result.central[:2] == [2, 5]
    assert result.bridging == [2, 5]  # articulation points, and the highest betweenness
    assert result.isolated == [6]
    assert set(result.positions) == set(SECTORS)


def test_sector_gaps_name_sectors_present_without_a_tie_also_per_wijk():
    graph = network(SECTORS, ANSWERS)
    gaps = sector_gaps(graph)
    assert ("housing", "school") in gaps and ("municipality", "police") not in gaps
    assert len(gaps) == 15 - 4
    assert sector_gaps(graph, nodes=[3, 4, 5]) == [("housing", "school"), ("housing", "youth_work")]


def test_the_change_between_two_rounds():
    before = network(SECTORS, ANSWERS)
    after = network(SECTORS, [(1, 2, 2), (2, 5, 2), (4, 5, 1), (6, 2, 1)])
    result = change(before, after)
    assert result.gained == [(2, 6)] and result.lost == [(2, 3)]
    assert result.no_longer_isolated == [6] and result.newly_isolated == [3]
    assert result.density == pytest.approx(0)
