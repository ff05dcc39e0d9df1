"""A choropleth of one figure over the buurten, as data for an inline SVG (pure: no Django).

Drawn from the imported buurt polygons (``areas.selectors.buurt_map``), so no tile server is
needed. At wijk level each buurt takes its wijk's value. Five classes of equal width over the
values in a sequential blue scale that stays readable for colour-blind readers; a model-based
figure (``insights.smallarea``) takes its class colour with a pattern of dots over it, a
suppressed area without one is hatched and an area without respondents is left white, and the
legend says so. Every area carries its value, interval and n (or "model estimate") as text
(the SVG title and the table beside the map), so nothing depends on colour alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from buurtpeil.insights.figures import printed

PALETTE = ("#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c")  # ColorBrewer Blues 5
CLASSES = len(PALETTE)


@dataclass
class MapArea:
    code: str  # the buurt's code (the path)
    name: str
    target: str  # the area whose figure it shows (the buurt, or its wijk)
    target_name: str
    d: str
    fill: str  # a colour, "url(#bp-model-<class>)" (dotted), "url(#bp-hatch)" or "#ffffff"
    state: str  # shown | indicative | model | suppressed | none
    text: str  # "Name: 34% (30% to 38%), n = 120"
    colour: str = ""  # the class colour of an area with a value


@dataclass
class LegendClass:
    fill: str
    low: str
    high: str


def choropleth(
    buurt_map: Mapping[str, Any],
    figures: Mapping[str, Mapping[str, Any]],
    *,
    level: str,
    names: Mapping[str, str],
    percent: bool,
    words: Mapping[str, str],
) -> tuple[list[MapArea], list[LegendClass]]:
    """``figures``: {area code: stored figure}; ``words``: ``suppressed``, ``no_answers``, ``to``,
    ``indicative``, ``model``. The web page defines the patterns ``bp-model-0`` … (a class
    colour with dots) and ``bp-hatch``."""
    values = [f["e"] for f in figures.values() if f.get("e") is not None]
    low, high = (min(values), max(values)) if values else (0.0, 0.0)
    width = (high - low) / CLASSES or 1.0
    legend = [
        LegendClass(PALETTE[k], printed(low + k * width, percent), printed(low + (k + 1) * width, percent))
        for k in range(CLASSES if values else 0)
    ]
    areas = []
    for buurt in buurt_map["buurten"]:
        target = buurt["code"] if level == "buurt" else buurt.get("wijk_code") or ""
        figure = figures.get(target)
        name = names.get(target, target)
        colour = ""
        if figure is None or ("e" not in figure and figure.get("s") != "suppressed"):
            fill, state, text = "#ffffff", "none", f"{name}: {words['no_answers']}"
        elif figure.get("s") == "suppressed":
            fill, state, text = "url(#bp-hatch)", "suppressed", f"{name}: {words['suppressed']}"
        else:
            k = min(int((figure["e"] - low) / width), CLASSES - 1)
            state, colour = figure["s"], PALETTE[k]
            fill = f"url(#bp-model-{k})" if state == "model" else colour
            text = (
                f"{name}: {printed(figure['e'], percent)} ({printed(figure['l'], percent)} "
                f"{words['to']} {printed(figure['h'], percent)}), "
            )
            text += words["model"] if state == "model" else f"n = {figure['n']}"
            if state == "indicative":
                text += f" ({words['indicative']})"
        areas.append(
            MapArea(buurt["code"], buurt["name"], target, name, buurt["d"], fill, state, text, colour)
        )
    return areas, legend
