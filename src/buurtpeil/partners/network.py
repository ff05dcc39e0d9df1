"""Measures of the partners' collaboration network (pure: networkx, no Django).

A tie between two partners exists when either names the other in the network poll (the usual
rule for small organisational networks, where one missing answer should not erase a tie); its
weight is the more frequent of the two answers. Measured:

- **density**: the share of all possible pairs that work together;
- **central** partners: the highest degree centrality (most direct ties);
- **bridging** partners: articulation points (without them the network falls apart) and the
  highest betweenness centrality (on many shortest paths between others);
- **isolated** partners: no tie at all;
- **sector gaps**: pairs of sectors, both present, with no tie between any of their partners
  (for example schools and housing corporations), for the whole network or the partners of one
  wijk;
- **change** between two rounds: density, ties gained and lost, partners no longer isolated.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import combinations

import networkx as nx

TOP = 3  # how many central and bridging partners to name


@dataclass(frozen=True)
class Measures:
    partners: int
    ties: int
    density: float
    degree: dict[int, float]
    betweenness: dict[int, float]
    central: list[int]
    bridging: list[int]
    isolated: list[int]
    sector_gaps: list[tuple[str, str]]
    positions: dict[int, tuple[float, float]] = field(default_factory=dict)


def network(sectors: Mapping[int, str], answers: Iterable[tuple[int, int, int]]) -> nx.Graph:
    """The undirected network: ``sectors`` {partner: sector}; ``answers`` (partner, named
    partner, frequency > 0). A tie keeps its highest frequency; self-ties and unknown partners
    are ignored."""
    graph = nx.Graph()
    for partner, sector in sectors.items():
        graph.add_node(partner, sector=sector)
    for a, b, frequency in answers:
        if a == b or a not in sectors or b not in sectors or frequency <= 0:
            continue
        if graph.has_edge(a, b):
            graph[a][b]["weight"] = max(graph[a][b]["weight"], frequency)
        else:
            graph.add_edge(a, b, weight=frequency)
    return graph


def sector_gaps(graph: nx.Graph, nodes: Iterable[int] | None = None) -> list[tuple[str, str]]:
    """Pairs of sectors present among ``nodes`` (default: all) with no tie between them."""
    sub = graph.subgraph(list(nodes) if nodes is not None else graph.nodes)
    present = sorted({data["sector"] for _n, data in sub.nodes(data=True)})
    linked = {tuple(sorted((sub.nodes[a]["sector"], sub.nodes[b]["sector"]))) for a, b in sub.edges}
    return [pair for pair in combinations(present, 2) if pair not in linked]


def measures(graph: nx.Graph, *, layout_seed: int | None = 7) -> Measures:
    n = graph.number_of_nodes()
    degree = nx.degree_centrality(graph) if n > 1 else dict.fromkeys(graph.nodes, 0.0)
    betweenness = nx.betweenness_centrality(graph) if n > 2 else dict.fromkeys(graph.nodes, 0.0)

    def top(values: Mapping[int, float]) -> list[int]:
        ranked = sorted((node for node in values if values[node] > 0), key=lambda node: (-values[node], node))
        return ranked[:TOP]

    bridging = sorted(set(nx.articulation_points(graph)) | set(top(betweenness)))
    positions = {}
    if layout_seed is not None and n:
        positions = {
            node: (float(x), float(y)) for node, (x, y) in nx.spring_layout(graph, seed=layout_seed).items()
        }
    return Measures(
        partners=n,
        ties=graph.number_of_edges(),
        density=nx.density(graph) if n > 1 else 0.0,
        degree=degree,
        betweenness=betweenness,
        central=top(degree),
        bridging=bridging,
        isolated=sorted(nx.isolates(graph)),
        sector_gaps=sector_gaps(graph),
        positions=positions,
    )


@dataclass(frozen=True)
class Change:
    density: float  # after minus before
    gained: list[tuple[int, int]]
    lost: list[tuple[int, int]]
    no_longer_isolated: list[int]
    newly_isolated: list[int]


def change(before: nx.Graph, after: nx.Graph) -> Change:
    """What changed between two rounds, over the partners in both."""
    common = set(before.nodes) & set(after.nodes)
    b, a = before.subgraph(common), after.subgraph(common)

    def edges(g: nx.Graph) -> set[tuple[int, int]]:
        return {(min(x, y), max(x, y)) for x, y in g.edges}

    isolated_before, isolated_after = set(nx.isolates(b)), set(nx.isolates(a))
    return Change(
        density=(nx.density(a) - nx.density(b)) if len(common) > 1 else 0.0,
        gained=sorted(edges(a) - edges(b)),
        lost=sorted(edges(b) - edges(a)),
        no_longer_isolated=sorted(isolated_before - isolated_after),
        newly_isolated=sorted(isolated_after - isolated_before),
    )


def scaled(positions: Mapping[int, tuple[float, float]], width: float, height: float, margin: float):
    """Layout positions (about -1..1) scaled into a drawing of ``width`` by ``height``."""
    if not positions:
        return {}
    xs, ys = [p[0] for p in positions.values()], [p[1] for p in positions.values()]
    span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    return {
        node: (
            round(margin + (x - min(xs)) / span_x * (width - 2 * margin), 1),
            round(margin + (y - min(ys)) / span_y * (height - 2 * margin), 1),
        )
        for node, (x, y) in positions.items()
    }
