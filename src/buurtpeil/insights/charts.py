"""Vega-Lite specifications of the results charts (pure: no Django).

The same specification is drawn in the page by vega-embed and rendered to SVG for reports.
Charts do not rely on colour: one colour, the value printed beside each bar, the interval
drawn as a line, and the table with the same figures under each chart.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
BAR = "#1a5c8c"  # 7.3:1 against white
INTERVAL = "#222222"
WIDTH = 420


def _base(description: str, rows: Sequence[dict[str, Any]], height: int) -> dict[str, Any]:
    return {
        "$schema": SCHEMA,
        "description": description,
        "width": WIDTH,
        "height": height,
        "data": {"values": list(rows)},
        "config": {"font": "system-ui, sans-serif", "view": {"stroke": None}},
    }


def bar_chart(
    description: str,
    rows: Sequence[dict[str, Any]],
    *,
    axis_title: str,
    percent: bool,
    domain: tuple[float, float] | None = None,
) -> dict[str, Any]:
    """Horizontal bars with intervals; each row has ``label``, ``value``, ``low``, ``high`` and
    ``text`` (the value as printed). Rows keep their order."""
    y = {"field": "label", "type": "nominal", "sort": None, "title": None, "axis": {"labelLimit": 220}}
    x_axis: dict[str, Any] = {"format": ".0%"} if percent else {}
    x: dict[str, Any] = {"field": "value", "type": "quantitative", "title": axis_title, "axis": x_axis}
    if domain:
        x["scale"] = {"domain": list(domain)}
    tooltip = [{"field": "label", "title": " "}, {"field": "tooltip", "title": axis_title}]
    spec = _base(description, rows, max(40, 26 * len(rows)))
    spec["encoding"] = {"y": y}
    spec["layer"] = [
        {"mark": {"type": "bar", "color": BAR, "height": 16}, "encoding": {"x": x, "tooltip": tooltip}},
        {
            "mark": {"type": "rule", "color": INTERVAL, "strokeWidth": 1.5},
            "encoding": {"x": {"field": "low", "type": "quantitative"}, "x2": {"field": "high"}},
        },
        {
            "mark": {"type": "text", "align": "left", "dx": 5, "color": INTERVAL},
            "encoding": {"x": {"field": "high", "type": "quantitative"}, "text": {"field": "text"}},
        },
    ]
    return spec


def factor_chart(description: str, rows: Sequence[dict[str, Any]], *, axis_title: str) -> dict[str, Any]:
    """The Tafel van 12 profile: per factor the area's score (bar, 0-10) with its interval and
    the municipality's score (a tick). Rows: ``label`` (naming a suggested factor as such),
    ``value``, ``low``, ``high``, ``municipality`` and ``text``."""
    spec = bar_chart(description, rows, axis_title=axis_title, percent=False, domain=(0, 10))
    spec["layer"].insert(
        2,
        {
            "mark": {"type": "tick", "color": INTERVAL, "thickness": 3, "size": 22},
            "encoding": {"x": {"field": "municipality", "type": "quantitative"}},
        },
    )
    return spec


def trend_chart(
    description: str, rows: Sequence[dict[str, Any]], *, axis_title: str, percent: bool
) -> dict[str, Any]:
    """An indicator over waves: a point per wave with its interval, joined by a line; rows have
    ``wave``, ``value``, ``low``, ``high``, ``text``."""
    spec = _base(description, rows, 160)
    x = {"field": "wave", "type": "ordinal", "sort": None, "title": None}
    y_axis = {"format": ".0%"} if percent else {}
    spec["encoding"] = {"x": x}
    spec["layer"] = [
        {
            "mark": {"type": "line", "color": BAR, "point": {"filled": True, "size": 60, "color": BAR}},
            "encoding": {
                "y": {"field": "value", "type": "quantitative", "title": axis_title, "axis": y_axis}
            },
        },
        {
            "mark": {"type": "rule", "color": INTERVAL},
            "encoding": {"y": {"field": "low", "type": "quantitative"}, "y2": {"field": "high"}},
        },
        {
            "mark": {"type": "text", "dy": -12, "color": INTERVAL},
            "encoding": {"y": {"field": "value", "type": "quantitative"}, "text": {"field": "text"}},
        },
    ]
    return spec


SHAPES = ["triangle-up", "diamond", "square", "circle", "cross"]
KIND_COLOURS = ["#b3261e", "#1a5c8c", "#6a3d9a", "#2e7d32", "#555555"]


def scatter_chart(
    description: str,
    rows: Sequence[dict[str, Any]],
    *,
    x_title: str,
    y_title: str,
    kinds: Sequence[str],
    reference: tuple[float | None, float | None],
) -> dict[str, Any]:
    """One point per area with a horizontal and a vertical interval, its class shown by shape and
    colour (with a legend), and the municipal values as dashed lines. Rows have ``label``,
    ``kind``, ``rate``, ``rate_low``, ``rate_high``, ``perceived``, ``perceived_low``,
    ``perceived_high`` and ``text``."""
    spec = _base(description, rows, 360)
    x = {"field": "rate", "type": "quantitative", "title": x_title}
    y = {"field": "perceived", "type": "quantitative", "title": y_title, "axis": {"format": ".0%"}}
    kind = {
        "field": "kind",
        "type": "nominal",
        "title": None,
        "scale": {"domain": list(kinds), "range": SHAPES[: len(kinds)]},
        "legend": {"orient": "bottom", "columns": 1, "labelLimit": 400},
    }
    colour = {**kind, "scale": {"domain": list(kinds), "range": KIND_COLOURS[: len(kinds)]}}
    tooltip = [
        {"field": "label", "title": " "},
        {"field": "kind", "title": " "},
        {"field": "text", "title": " "},
    ]
    layers: list[dict[str, Any]] = [
        {
            "mark": {"type": "rule", "color": INTERVAL, "opacity": 0.5},
            "encoding": {
                "x": {"field": "rate_low", "type": "quantitative"},
                "x2": {"field": "rate_high"},
                "y": y,
            },
        },
        {
            "mark": {"type": "rule", "color": INTERVAL, "opacity": 0.5},
            "encoding": {
                "y": {"field": "perceived_low", "type": "quantitative"},
                "y2": {"field": "perceived_high"},
                "x": x,
            },
        },
        {
            "mark": {"type": "point", "filled": True, "size": 80, "opacity": 1},
            "encoding": {"x": x, "y": y, "shape": kind, "color": colour, "tooltip": tooltip},
        },
    ]
    rate, perceived = reference
    if rate is not None:
        layers.append(
            {
                "data": {"values": [{"value": rate}]},
                "mark": {"type": "rule", "strokeDash": [4, 4], "color": INTERVAL},
                "encoding": {"x": {"field": "value", "type": "quantitative"}},
            }
        )
    if perceived is not None:
        layers.append(
            {
                "data": {"values": [{"value": perceived}]},
                "mark": {"type": "rule", "strokeDash": [4, 4], "color": INTERVAL},
                "encoding": {"y": {"field": "value", "type": "quantitative"}},
            }
        )
    spec["layer"] = layers
    return spec
