"""Neighbourhood-watch groups per buurt, as data for an inline SVG (pure: no Django).

Drawn from the imported buurt polygons (``areas.selectors.buurt_map``). Buurten without a group
stay white; with one, two, or three and more groups they take a darker green each. The
number is written in every area's title and link text and in the table beside the map, so
nothing depends on colour alone."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

NONE_FILL = "#ffffff"
PALETTE = ("#c7e9c0", "#74c476", "#238b45")  # ColorBrewer Greens: 1, 2, 3 or more groups


@dataclass
class MapArea:
    code: str
    name: str
    d: str
    fill: str
    count: int
    text: str


@dataclass
class LegendItem:
    fill: str
    count: int  # 0, 1, 2 or 3 (meaning three or more)


def fill_for(count: int) -> str:
    return NONE_FILL if count <= 0 else PALETTE[min(count, len(PALETTE)) - 1]


def group_map(
    buurt_map: Mapping[str, Any], counts: Mapping[str, int], *, describe: Callable[[str, int], str]
) -> tuple[list[MapArea], list[LegendItem]]:
    """``counts``: {buurt code: number of groups}; ``describe(name, count)`` the area's text."""
    areas = [
        MapArea(
            buurt["code"],
            buurt["name"],
            buurt["d"],
            fill_for(counts.get(buurt["code"], 0)),
            counts.get(buurt["code"], 0),
            describe(buurt["name"], counts.get(buurt["code"], 0)),
        )
        for buurt in buurt_map["buurten"]
    ]
    legend = [LegendItem(fill_for(count), count) for count in range(len(PALETTE) + 1)]
    return areas, legend
