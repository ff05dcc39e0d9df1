"""Charts and maps drawn on the server: Vega-Lite specifications to SVG with vl-convert (the same
specifications the pages draw in the browser), choropleths to SVG from the stored buurt map,
and either SVG to PNG for the OpenDocument text. No network access: vl-convert may load no URL."""

from __future__ import annotations

import io
import re

import numpy as np
import shapely
import vl_convert
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from buurtpeil.reports.council.document import Graphic

PNG_SCALE = 1.5  # pixels per SVG unit in the ODT's images: 1,500 across a map, sharp in print
LEGEND_FONT = 22.0  # map units (the map is 1000 wide)
HATCH_STEP = 11.0  # map units between the lines that hatch hidden areas
DOT_STEP = 14.0  # map units between the dots over model-based areas
DOT_RADIUS = 3.0
_SIZE = re.compile(r'<svg[^>]*?\swidth="([\d.]+)"[^>]*?\sheight="([\d.]+)"')


def chart_svg(spec: dict) -> tuple[str, float, float]:
    locale = "nl-NL" if get_language() == "nl" else "en-GB"
    svg = vl_convert.vegalite_to_svg(spec, allowed_base_urls=[], format_locale=locale)
    found = _SIZE.search(svg)
    width, height = (float(found[1]), float(found[2])) if found else (spec.get("width", 400), 300.0)
    return svg, width, height


def _legend_text(low: str, high: str) -> str:
    text = f"{low} \u2013 {high}"
    return text.replace(".", ",") if get_language() == "nl" else text


def _rings(d: str) -> list[list[tuple[float, float]]]:
    """The rings of an SVG path as the buurt map writes them: "M x y x y … Z" per ring."""
    rings = []
    for part in d.split("Z"):
        numbers = [float(v) for v in part.replace("M", " ").split()]
        if len(numbers) >= 6:
            rings.append(list(zip(numbers[0::2], numbers[1::2], strict=True)))
    return rings


def _union(paths: list[str]) -> shapely.Geometry:
    polygons = []
    for d in paths:
        area = shapely.Polygon()
        for ring in _rings(d):
            area = area.symmetric_difference(shapely.Polygon(ring).buffer(0))
        polygons.append(area)
    return shapely.union_all(polygons)


def _hatch(paths: list[str], x0: float, y0: float, width: float, height: float) -> str:
    """Diagonal line segments over the given areas (even-odd rings), as one SVG path. Cut
    here rather than with a fill pattern or clip path, which renderers draw many times slower."""
    if not paths:
        return ""
    hidden = _union(paths)
    lines = shapely.MultiLineString(
        [
            [(x0 + offset, y0 + height), (x0 + offset + height, y0)]
            for offset in np.arange(-height, width, HATCH_STEP)
        ]
    )
    cut = shapely.intersection(lines, hidden)
    return "".join(
        "M" + "L".join(f"{x:.1f} {y:.1f}" for x, y in line.coords)
        for line in shapely.get_parts(cut)
        if isinstance(line, shapely.LineString) and not line.is_empty
    )


def _dots(paths: list[str], x0: float, y0: float, width: float, height: float) -> str:
    """Small circles on a staggered grid inside the given areas, as one SVG path (for the same
    reason as ``_hatch``)."""
    if not paths:
        return ""
    inside = _union(paths)
    ys = np.arange(y0 + DOT_STEP / 2, y0 + height, DOT_STEP)
    xs = np.arange(x0 + DOT_STEP / 2, x0 + width, DOT_STEP)
    grid_x = (xs[None, :] + (np.arange(ys.size)[:, None] % 2) * DOT_STEP / 2).ravel()
    grid_y = np.repeat(ys, xs.size)
    keep = shapely.contains_xy(inside, grid_x, grid_y)
    r = DOT_RADIUS
    return "".join(
        f"M{x - r:.1f} {y:.1f}a{r} {r} 0 1 0 {2 * r} 0a{r} {r} 0 1 0 {-2 * r} 0"
        for x, y in zip(grid_x[keep], grid_y[keep], strict=True)
    )


def map_svg(the_map: dict, data: dict) -> tuple[str, float, float]:
    """The choropleth with its legend under it (colour classes, dotted, hatched, white)."""
    x0, y0, width, map_height = (float(v) for v in the_map["view_box"].split())
    box, gap = LEGEND_FONT, LEGEND_FONT * 0.6
    model = [a.d for a in data["areas"] if a.state == "model"]
    rows = [
        [(item.fill, _legend_text(item.low, item.high)) for item in data["legend"]],
        [("url(#bp-hatch)", _("too few respondents: not shown")), ("#ffffff", _("no respondents"))],
        [("dots", _("dotted: model estimate (too few respondents for a figure of its own)"))]
        if model
        else [],
    ]
    legend = []
    for r, entries in enumerate(row for row in rows if row):
        column = width / max(len(entries), 2)
        legend += [
            {
                "x": x0 + k * column,
                "y": y0 + map_height + gap + r * (box + gap),
                "fill": fill,
                "text": text,
                "text_x": box * 1.4,
                "text_y": box * 0.8,
            }
            for k, (fill, text) in enumerate(entries)
        ]
    height = legend[-1]["y"] - y0 + box + gap
    svg = render_to_string(
        "reports/council/map.svg",
        {
            "areas": data["areas"],
            "legend": legend,
            "fill_rule": the_map.get("fill_rule", "evenodd"),
            "x0": x0,
            "y0": y0,
            "width": width,
            "height": height,
            "box": box,
            "hatch": _hatch(
                [a.d for a in data["areas"] if a.state == "suppressed"], x0, y0, width, map_height
            ),
            "dots": _dots(model, x0, y0, width, map_height),
            "dot_radius": DOT_RADIUS,
            "half": box / 2,
            "font": LEGEND_FONT,
        },
    )
    return svg, width, height


def draw(graphic: Graphic, the_map: dict) -> None:
    """Fill in the graphic's SVG, PNG and size."""
    if graphic.kind == "chart":
        graphic.svg, graphic.width, graphic.height = chart_svg(graphic.spec or {})
    else:
        graphic.svg, graphic.width, graphic.height = map_svg(the_map, graphic.map or {})
    graphic.png = _small_png(vl_convert.svg_to_png(graphic.svg, scale=PNG_SCALE))


def _small_png(png: bytes) -> bytes:
    """The PNG with at most 64 colours: a map or chart has few, and the ODT gets far smaller."""
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        out = io.BytesIO()
        image.convert("RGB").quantize(colors=64).save(out, "PNG", optimize=True)
    return out.getvalue()
