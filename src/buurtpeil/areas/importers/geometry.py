"""Projections, reprojection to WGS84, coverage simplification and GeoJSON output."""

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import shapely
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from pyproj import Transformer

METRES_PER_DEGREE = 111_320.0
# Generalised CBS boundaries have vertices tens of metres apart; 20 m keeps their shape while
# dropping the detail of full-resolution files that a city-wide map cannot show.
DISPLAY_TOLERANCE_M = 20.0
FULL_DECIMALS = 7  # about 1 cm
DISPLAY_DECIMALS = 6  # about 10 cm


@dataclass(frozen=True)
class Projection:
    epsg: int
    name: str
    x_range: tuple[float, float]
    y_range: tuple[float, float]

    @property
    def label(self) -> str:
        return f"{self.name} (EPSG:{self.epsg})"

    def contains(self, bounds: tuple[float, float, float, float]) -> bool:
        xmin, ymin, xmax, ymax = bounds
        return (
            self.x_range[0] <= xmin
            and xmax <= self.x_range[1]
            and self.y_range[0] <= ymin
            and ymax <= self.y_range[1]
        )


WGS84 = Projection(4326, "WGS84", (-180.0, 180.0), (-90.0, 90.0))
RD_NEW = Projection(28992, "RD New", (-7_000.0, 300_000.0), (289_000.0, 629_000.0))
PROJECTIONS = {
    p.epsg: p
    for p in (
        WGS84,
        RD_NEW,
        Projection(31370, "Belgian Lambert 72", (0.0, 320_000.0), (0.0, 320_000.0)),
        Projection(3812, "Belgian Lambert 2008", (500_000.0, 820_000.0), (500_000.0, 820_000.0)),
    )
}
# Files without a crs member: GeoJSON's default (WGS84) or the Dutch national grid.
DETECTABLE = (WGS84, RD_NEW)

# EPSG codes have at most 6 digits; a longer number names no projection.
_EPSG = re.compile(r"EPSG(?::+|/\d+/)(?:[\d.]+:)?(\d{1,9})\s*$", re.IGNORECASE)


def epsg_from_crs_member(crs) -> int | None:
    """The EPSG code named by a GeoJSON (2008) ``crs`` member; None when unrecognised."""
    if not isinstance(crs, dict) or not isinstance(crs.get("properties"), dict):
        return None
    properties = crs["properties"]
    code = str(properties.get("code", ""))
    if str(crs.get("type", "")).upper() == "EPSG" and code.isdecimal() and len(code) <= 9:
        return int(code)
    name = str(properties.get("name", "")).strip()
    if name.upper().endswith("CRS84"):
        return 4326
    match = _EPSG.search(name)
    return int(match.group(1)) if match else None


def describe_crs(crs) -> str:
    if isinstance(crs, dict) and isinstance(crs.get("properties"), dict):
        return str(crs["properties"].get("name") or crs["properties"].get("code") or crs)[:100]
    return str(crs)[:100]


@lru_cache(maxsize=8)
def _transformer(epsg: int) -> Transformer:
    return Transformer.from_crs(epsg, 4326, always_xy=True)


def to_wgs84(geometries: np.ndarray, epsg: int) -> np.ndarray:
    if epsg == 4326:
        return geometries
    transformer = _transformer(epsg)

    def project(coords: np.ndarray) -> np.ndarray:
        lon, lat = transformer.transform(coords[:, 0], coords[:, 1])
        return np.column_stack([lon, lat])

    return shapely.transform(geometries, project)


def simplify_coverage(geometries: np.ndarray, tolerance_m: float = DISPLAY_TOLERANCE_M) -> np.ndarray:
    """Topology-preserving simplification of WGS84 polygons, with the tolerance in metres.

    Works in a local equirectangular plane (longitude scaled by cos of the mean latitude), so
    that the tolerance is the same in both directions; shared edges stay shared.
    """
    if len(geometries) == 0:
        return geometries
    _xmin, ymin, _xmax, ymax = shapely.total_bounds(geometries)
    k = math.cos(math.radians((ymin + ymax) / 2))
    plane = shapely.transform(geometries, lambda c: c * np.array([k, 1.0]))
    simplified = shapely.coverage_simplify(plane, tolerance_m / METRES_PER_DEGREE)
    return shapely.transform(simplified, lambda c: c / np.array([k, 1.0]))


def polygonal(geometry: shapely.Geometry) -> shapely.Geometry:
    """Only the polygons of a union result (which may hold stray lines or points)."""
    if geometry.geom_type in ("Polygon", "MultiPolygon"):
        return geometry
    parts = [g for g in shapely.get_parts(geometry) if g.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if parts else shapely.Polygon()


def dissolve(geometries: list[shapely.Geometry]) -> shapely.Geometry:
    return polygonal(shapely.union_all(geometries))


def geojson(geometry: shapely.Geometry, decimals: int) -> dict:
    """A GeoJSON geometry dict: exterior rings counter-clockwise, coordinates rounded."""
    rounded = shapely.transform(shapely.orient_polygons(geometry), lambda c: np.round(c, decimals))
    if not rounded.is_valid and geometry.is_valid:
        rounded = shapely.make_valid(rounded)  # rounding collapsed a sliver
        rounded = polygonal(rounded)
    return json.loads(shapely.to_geojson(rounded))


# GEOS's reasons for invalidity, said in the user's language.
_PROBLEMS = {
    "Self-intersection": gettext_lazy("its boundary crosses itself"),
    "Ring Self-intersection": gettext_lazy("a ring touches itself"),
    "Too few points in geometry component": gettext_lazy("a ring has too few points"),
    "Hole lies outside shell": gettext_lazy("a hole lies outside the outer ring"),
    "Nested holes": gettext_lazy("a hole lies inside another hole"),
    "Interior is disconnected": gettext_lazy("its interior falls apart in pieces"),
    "Nested shells": gettext_lazy("one part lies inside another part"),
    "Duplicate Rings": gettext_lazy("a ring occurs twice"),
}
_REASON = re.compile(r"^(?P<problem>[^\[]+)\[(?P<x>\S+) (?P<y>\S+)\]$")


def invalidity(geometry: shapely.Geometry) -> str:
    reason = shapely.is_valid_reason(geometry)
    match = _REASON.match(reason)
    if match is None:
        return reason
    return _("%(problem)s near (%(x)s, %(y)s)") % {
        "problem": _PROBLEMS.get(match["problem"], match["problem"]),
        "x": f"{float(match['x']):g}",
        "y": f"{float(match['y']):g}",
    }
