"""Reads of the areas app. Other apps import from here and from ``services`` only.

Querysets here leave out the geometry columns (they are large); ``locate_point`` and
``buurt_map`` use in-process indexes that follow every change of the buurten.
"""

from django.db.models import Prefetch, QuerySet, Sum

from buurtpeil.areas import spatial
from buurtpeil.areas.models import Area, PopulationCount
from buurtpeil.areas.spatial import lonlat_to_svg, svg_to_lonlat

__all__ = [
    "area_tree",
    "buurt_by_code",
    "buurt_geometries",
    "buurt_map",
    "buurt_populations",
    "buurten",
    "locate_point",
    "lonlat_to_svg",
    "svg_to_lonlat",
    "wijken_with_buurten",
]

GEOMETRY_FIELDS = ("geometry", "display_geometry")


def buurten(organisation) -> QuerySet[Area]:
    """The organisation's buurten by code, without their geometry."""
    return (
        Area.objects.filter(organisation=organisation, level=Area.Level.NEIGHBOURHOOD)
        .defer(*GEOMETRY_FIELDS)
        .order_by("code")
    )


def wijken_with_buurten(organisation) -> list[Area]:
    """The wijken by code, each with ``.buurten``: its buurten by code. Two queries."""
    children = Area.objects.filter(level=Area.Level.NEIGHBOURHOOD).defer(*GEOMETRY_FIELDS).order_by("code")
    return list(
        Area.objects.filter(organisation=organisation, level=Area.Level.DISTRICT)
        .defer(*GEOMETRY_FIELDS)
        .order_by("code")
        .prefetch_related(Prefetch("children", queryset=children, to_attr="buurten"))
    )


def gemeenten(organisation) -> QuerySet[Area]:
    return (
        Area.objects.filter(organisation=organisation, level=Area.Level.MUNICIPALITY)
        .defer(*GEOMETRY_FIELDS)
        .order_by("code")
    )


def buurt_by_code(organisation, code: str) -> Area | None:
    return buurten(organisation).filter(code=str(code).strip().upper()).first()


def locate_point(*, organisation, lon: float, lat: float) -> Area | None:
    """The buurt (without geometry) that contains the WGS84 point, or None outside all buurten."""
    locator = spatial.cached("locator", organisation, spatial.build_locator)
    return locator.locate(float(lon), float(lat))


def buurt_map(organisation) -> dict:
    """What a page needs to draw the buurten as an inline SVG, with no script library.

    ``{"view_box", "width", "height", "fill_rule", "projection": {"lon0", "lat0", "kx", "ky"},
    "buurten": [{"code", "name", "wijk_code", "d"}]}``. A point maps to
    ``x = (lon - lon0) * kx``, ``y = (lat0 - lat) * ky`` (equirectangular, longitude scaled by
    the cosine of the middle latitude, y downwards); ``svg_to_lonlat`` inverts it, and a
    script can do the same with the numbers in ``projection``.
    """
    cached = spatial.cached("map", organisation, spatial.build_map)
    projection = dict(cached["projection"]) if cached["projection"] else None
    return {**cached, "projection": projection, "buurten": [dict(buurt) for buurt in cached["buurten"]]}


def area_tree(organisation) -> list[tuple[str, str, str, str | None]]:
    """(code, name, level, parent code) of every area, municipality first, then wijken, buurten."""
    order = {Area.Level.MUNICIPALITY: 0, Area.Level.DISTRICT: 1, Area.Level.NEIGHBOURHOOD: 2}
    rows = Area.objects.filter(organisation=organisation).values_list("code", "name", "level", "parent__code")
    return sorted(rows, key=lambda row: (order[row[2]], row[0]))


def buurt_populations(organisation) -> dict[str, tuple[str, dict[str, int], dict[str, int]]]:
    """{buurt code: (wijk code, {age group: count}, {sex: count})} from the imported population."""
    found: dict[str, tuple[str, dict[str, int], dict[str, int]]] = {
        code: (wijk or "", {}, {}) for code, wijk in buurten(organisation).values_list("code", "parent__code")
    }
    counts = PopulationCount.objects.filter(
        area__organisation=organisation, area__level=Area.Level.NEIGHBOURHOOD
    ).values_list("area__code", "variable", "category", "count")
    for code, variable, category, count in counts:
        if variable in ("age_group", "sex"):
            found[code][1 if variable == "age_group" else 2][category] = count
    return found


def buurt_geometries(organisation) -> dict[str, tuple[str, dict | None]]:
    """{buurt code: (name, simplified WGS84 geometry)} for maps and GeoJSON exports."""
    rows = Area.objects.filter(organisation=organisation, level=Area.Level.NEIGHBOURHOOD).order_by("code")
    return {
        code: (name, geometry)
        for code, name, geometry in rows.values_list("code", "name", "display_geometry")
    }


def organisation_populations(organisation_ids) -> dict[int, int]:
    """{organisation id: inhabitants, the sum of its buurten's population}. One query."""
    rows = (
        Area.objects.filter(organisation_id__in=list(organisation_ids), level=Area.Level.NEIGHBOURHOOD)
        .values("organisation_id")
        .annotate(total=Sum("population"))
        .values_list("organisation_id", "total")
    )
    return {org: int(total or 0) for org, total in rows}
