"""Reads: buurten and wijken, the point-in-buurt lookup and the SVG map."""

import json
import re

import pytest
from shapely.geometry import shape

from buurtpeil.areas.models import Area
from buurtpeil.areas.selectors import (
    buurt_by_code,
    buurt_map,
    buurten,
    locate_point,
    lonlat_to_svg,
    svg_to_lonlat,
    wijken_with_buurten,
)
from buurtpeil.areas.services import areas_import
from tests.areas.conftest import encode, small_cbs

pytestmark = pytest.mark.django_db

NORTH_SEA = (4.20, 52.12)  # off Scheveningen
UTRECHT = (5.12, 52.09)


def representative_points(organisation) -> dict[str, tuple[float, float]]:
    return {
        area.code: shape(area.geometry).representative_point().coords[0]
        for area in Area.objects.filter(organisation=organisation, level="buurt")
    }


def test_buurten_are_the_organisations_buurten_by_code_without_geometry(imported, other_organisation):
    areas_import(organisation=other_organisation, geojson=encode(small_cbs()))
    result = list(buurten(imported))
    assert len(result) == 114
    assert [b.code for b in result] == sorted(b.code for b in result)
    assert {"geometry", "display_geometry"} <= result[0].get_deferred_fields()


def test_wijken_come_with_their_buurten_in_two_queries(imported, django_assert_num_queries):
    with django_assert_num_queries(2):
        wijken = wijken_with_buurten(imported)
        pairs = [(wijk.code, [b.code for b in wijk.buurten]) for wijk in wijken]
    assert len(pairs) == 44
    assert sum(len(codes) for _, codes in pairs) == 114
    assert ("WK051803", ["BU05180373", "BU05180374"]) in pairs


def test_buurt_by_code_finds_only_buurten_of_the_organisation(imported, other_organisation):
    assert buurt_by_code(imported, "BU05180271").name == "Belgisch Park"
    assert buurt_by_code(imported, " bu05180271 ").name == "Belgisch Park"
    assert buurt_by_code(imported, "WK051802") is None
    assert buurt_by_code(other_organisation, "BU05180271") is None


def test_every_buurt_contains_its_own_representative_point(imported):
    for code, (lon, lat) in representative_points(imported).items():
        found = locate_point(organisation=imported, lon=lon, lat=lat)
        assert found is not None and found.code == code, code


def test_points_outside_the_buurten_give_none(imported):
    assert locate_point(organisation=imported, lon=NORTH_SEA[0], lat=NORTH_SEA[1]) is None
    assert locate_point(organisation=imported, lon=UTRECHT[0], lat=UTRECHT[1]) is None
    assert locate_point(organisation=imported, lon=float("nan"), lat=52.08) is None


def test_a_located_buurt_is_a_usable_area_without_geometry(imported):
    found = locate_point(organisation=imported, lon=4.2955, lat=52.1087)  # Belgisch Park
    assert (found.code, found.name, found.level, found.population) == (
        "BU05180271",
        "Belgisch Park",
        "buurt",
        8245,
    )
    assert found.parent.code == "WK051802"
    assert "geometry" in found.get_deferred_fields()


def test_lookup_costs_one_query_once_the_index_is_built(imported, django_assert_num_queries):
    locate_point(organisation=imported, lon=4.3, lat=52.08)
    with django_assert_num_queries(1):
        locate_point(organisation=imported, lon=4.31, lat=52.07)


def test_the_lookup_follows_a_reimport(imported, den_haag_geojson):
    lon, lat = representative_points(imported)["BU05180271"]
    assert locate_point(organisation=imported, lon=lon, lat=lat).code == "BU05180271"

    document = json.loads(den_haag_geojson)
    document["features"] = [f for f in document["features"] if f["properties"]["statcode"] != "BU05180271"]
    areas_import(organisation=imported, geojson=encode(document))
    assert locate_point(organisation=imported, lon=lon, lat=lat) is None

    areas_import(organisation=imported, geojson=den_haag_geojson)
    assert locate_point(organisation=imported, lon=lon, lat=lat).code == "BU05180271"


def test_the_lookup_follows_a_renamed_buurt(imported, den_haag_geojson):
    lon, lat = representative_points(imported)["BU05180271"]
    locate_point(organisation=imported, lon=lon, lat=lat)
    document = json.loads(den_haag_geojson)
    document["features"][1]["properties"]["statnaam"] = "Belgisch Park-Noord"
    areas_import(organisation=imported, geojson=encode(document))
    assert locate_point(organisation=imported, lon=lon, lat=lat).name == "Belgisch Park-Noord"


def test_each_organisation_has_its_own_index(imported, other_organisation):
    areas_import(organisation=other_organisation, geojson=encode(small_cbs()))
    lon, lat = representative_points(other_organisation)["BU99990101"]
    assert locate_point(organisation=other_organisation, lon=lon, lat=lat).code == "BU99990101"
    found = locate_point(organisation=imported, lon=lon, lat=lat)
    assert found is None or found.organisation_id == imported.pk


def test_buurt_map_draws_every_buurt_in_under_20_kb(imported):
    result = buurt_map(imported)
    assert len(result["buurten"]) == 114
    assert sum(len(b["d"]) for b in result["buurten"]) < 20_000
    assert result["width"] == 1000
    assert 700 < result["height"] < 1000  # Den Haag is about 15.5 km wide and 12.3 km high
    assert result["view_box"] == f"-2 -2 1004 {result['height'] + 4:g}"
    belgisch_park = next(b for b in result["buurten"] if b["code"] == "BU05180271")
    assert belgisch_park["name"] == "Belgisch Park" and belgisch_park["wijk_code"] == "WK051802"
    assert re.fullmatch(r"(M[-\d. ]+Z)+", belgisch_park["d"])
    numbers = [float(n) for b in result["buurten"] for n in re.findall(r"-?[\d.]+", b["d"])]
    assert min(numbers) >= 0 and max(numbers) <= 1000


def test_a_point_on_the_map_converts_back_to_its_buurt(imported):
    projection = buurt_map(imported)["projection"]
    assert set(projection) == {"lon0", "lat0", "kx", "ky"}
    for code, (lon, lat) in representative_points(imported).items():
        x, y = lonlat_to_svg(projection, lon, lat)
        assert 0 <= x <= 1000
        back = svg_to_lonlat(projection, round(x, 1), round(y, 1))  # what a click can deliver
        assert back == pytest.approx((lon, lat), abs=2e-5)
        assert locate_point(organisation=imported, lon=back[0], lat=back[1]).code == code
        assert svg_to_lonlat(projection, x, y) == pytest.approx((lon, lat), abs=1e-12)


def test_buurt_map_of_an_organisation_without_areas_is_empty(organisation):
    assert buurt_map(organisation)["buurten"] == []


def test_buurt_map_callers_cannot_change_the_cached_map(imported):
    first = buurt_map(imported)
    first["buurten"][0]["d"] = "changed"
    first["projection"]["kx"] = 0
    second = buurt_map(imported)
    assert second["buurten"][0]["d"] != "changed"
    assert second["projection"]["kx"] != 0


def test_the_freshness_query_counts_the_organisations_buurten(imported, other_organisation):
    from buurtpeil.areas import spatial

    areas_import(organisation=other_organisation, geojson=encode(small_cbs()))
    assert spatial.state_key(imported)[0] == 114
    assert spatial.state_key(other_organisation)[0] == 4
