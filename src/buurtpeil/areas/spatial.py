"""In-process spatial indexes of an organisation's buurten, and the SVG map projection.

Each index is cached per organisation and rebuilt when the buurten change: the cache key is
the number of buurten and their latest ``updated_at``, one cheap indexed query per use, so
every process (and every application server) sees a re-import at its next request.
"""

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import shapely
from django.db import connections, router
from shapely.geometry import shape

from buurtpeil.areas.models import Area

BUURT = Area.Level.NEIGHBOURHOOD
MAP_WIDTH = 1000.0  # SVG user units
MAP_PADDING = 2.0  # room for the outer strokes
MAP_DECIMALS = 1
# The fields a located buurt carries; the geometry columns stay deferred.
LOCATED_FIELDS = [
    "id",
    "organisation_id",
    "level",
    "code",
    "name",
    "parent_id",
    "population",
    "population_year",
]

_cache: dict[tuple[str, int], tuple[tuple, object]] = {}


# Runs on every lookup: plain SQL, because the ORM would take ten times longer than the
# indexed query itself (areas_area_organis_e021d3_idx on organisation_id, level).
STATE_SQL = "SELECT COUNT(*), MAX(updated_at) FROM areas_area WHERE organisation_id = %s AND level = %s"


def state_key(organisation) -> tuple:
    """(number of buurten, latest updated_at): changes whenever a buurt is added, changed or removed."""
    with connections[router.db_for_read(Area)].cursor() as cursor:
        cursor.execute(STATE_SQL, [organisation.pk, str(BUURT)])
        return tuple(cursor.fetchone())


def cached(kind: str, organisation, build: Callable[[object], object]):
    """``build(organisation)``, kept until the organisation's buurten change."""
    key = state_key(organisation)
    entry = _cache.get((kind, organisation.pk))
    if entry is None or entry[0] != key:
        entry = (key, build(organisation))
        _cache[(kind, organisation.pk)] = entry
    return entry[1]


def forget(organisation=None) -> None:
    """Drop cached indexes (of one organisation, or all)."""
    for cache_key in list(_cache):
        if organisation is None or cache_key[1] == organisation.pk:
            _cache.pop(cache_key, None)


@dataclass(frozen=True)
class BuurtLocator:
    tree: shapely.STRtree
    rows: list[tuple]  # LOCATED_FIELDS values, in the order of the tree's geometries
    db: str

    def locate(self, lon: float, lat: float) -> Area | None:
        if not (math.isfinite(lon) and math.isfinite(lat)):
            return None
        hits = self.tree.query(shapely.Point(lon, lat), predicate="intersects")
        if len(hits) == 0:
            return None
        # On a shared border the buurt with the lowest code wins, so the answer is stable.
        return Area.from_db(self.db, LOCATED_FIELDS, self.rows[int(hits.min())])


def build_locator(organisation) -> BuurtLocator:
    queryset = Area.objects.filter(organisation=organisation, level=BUURT).order_by("code")
    records = list(queryset.values_list(*LOCATED_FIELDS, "geometry"))
    geometries = [shape(record[-1]) if record[-1] else shapely.Polygon() for record in records]
    shapely.prepare(geometries)
    return BuurtLocator(
        tree=shapely.STRtree(geometries), rows=[record[:-1] for record in records], db=queryset.db
    )


def build_map(organisation) -> dict:
    records = list(
        Area.objects.filter(organisation=organisation, level=BUURT)
        .order_by("code")
        .values_list("code", "name", "parent__code", "display_geometry")
    )
    geometries = [shape(record[3]) if record[3] else shapely.Polygon() for record in records]
    if not records or all(g.is_empty for g in geometries):
        return {"view_box": "0 0 0 0", "width": 0, "height": 0, "projection": None, "buurten": []}
    lon_min, lat_min, lon_max, lat_max = shapely.total_bounds(geometries)
    k = math.cos(math.radians((lat_min + lat_max) / 2))
    ky = MAP_WIDTH / max((lon_max - lon_min) * k, 1e-9)
    projection = {"lon0": float(lon_min), "lat0": float(lat_max), "kx": ky * k, "ky": ky}
    width = MAP_WIDTH
    height = round((lat_max - lat_min) * ky, MAP_DECIMALS)
    pad = MAP_PADDING
    return {
        "view_box": f"{_num(-pad)} {_num(-pad)} {_num(width + 2 * pad)} {_num(height + 2 * pad)}",
        "width": width,
        "height": height,
        "fill_rule": "evenodd",
        # x = (lon - lon0) * kx and y = (lat0 - lat) * ky, in the viewBox's user units.
        "projection": projection,
        "buurten": [
            {"code": code, "name": name, "wijk_code": wijk_code, "d": svg_path(geometry, projection)}
            for (code, name, wijk_code, _display), geometry in zip(records, geometries, strict=True)
        ],
    }


def lonlat_to_svg(projection: dict, lon: float, lat: float) -> tuple[float, float]:
    return (lon - projection["lon0"]) * projection["kx"], (projection["lat0"] - lat) * projection["ky"]


def svg_to_lonlat(projection: dict, x: float, y: float) -> tuple[float, float]:
    """The inverse of ``lonlat_to_svg``: a point clicked on the map back to WGS84."""
    return projection["lon0"] + x / projection["kx"], projection["lat0"] - y / projection["ky"]


def svg_path(geometry: shapely.Geometry, projection: dict) -> str:
    """``M x y x y … Z`` per ring (implicit line-to), coordinates rounded to keep it small."""
    parts = []
    for polygon in shapely.get_parts(geometry):
        for ring in (polygon.exterior, *polygon.interiors):
            coords = np.asarray(ring.coords)[:-1]
            xy = np.column_stack(lonlat_to_svg(projection, coords[:, 0], coords[:, 1]))
            points: list[str] = []
            for x, y in np.round(xy, MAP_DECIMALS):
                point = f"{_num(x)} {_num(y)}"
                if not points or points[-1] != point:
                    points.append(point)
            if len(points) > 1 and points[0] == points[-1]:
                points.pop()
            if len(points) >= 3:
                parts.append("M" + " ".join(points) + "Z")
    return "".join(parts)


def _num(value: float) -> str:
    text = f"{value:.{MAP_DECIMALS}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
