"""Importing areas: the real Den Haag files, other projections and Statbel sectors."""

import json

import pytest
import shapely
from pyproj import Transformer
from shapely.geometry import shape

from buurtpeil.areas.models import Area, PopulationCount
from buurtpeil.areas.services import areas_import
from tests.areas.conftest import SMALL_POPULATION, collection, encode, feature, small_cbs, square

pytestmark = pytest.mark.django_db


def test_den_haag_import_builds_114_buurten_in_44_wijken_of_one_gemeente(
    organisation, den_haag_geojson, den_haag_population
):
    report = areas_import(
        organisation=organisation,
        geojson=den_haag_geojson,
        population_csv=den_haag_population,
        population_year=2019,
    )

    areas = Area.objects.filter(organisation=organisation)
    assert areas.filter(level="buurt").count() == 114
    assert areas.filter(level="wijk").count() == 44
    assert areas.filter(level="gemeente").count() == 1
    assert (report.buurten.created, report.wijken.created, report.gemeenten.created) == (114, 44, 1)
    assert report.mapping == "cbs"
    assert report.projection == "RD New (EPSG:28992)"

    gemeente = areas.get(level="gemeente")
    assert (gemeente.code, gemeente.name, gemeente.parent) == ("GM0518", "'s-Gravenhage", None)
    buurt = areas.get(code="BU05180271")
    assert buurt.name == "Belgisch Park"
    assert buurt.parent.code == "WK051802"
    assert buurt.parent.parent == gemeente
    # The file names no wijken: they are named after their code.
    assert buurt.parent.name == "Wijk 02"
    assert len(report.generated_wijk_names) == 44


def test_den_haag_population_adds_up_and_zero_buurten_are_reported(imported):
    buurten = Area.objects.filter(organisation=imported, level="buurt")
    assert sum(b.population for b in buurten) == 537_525
    assert {b.population_year for b in buurten} == {2019}
    assert buurten.get(code="BU05180170").population == 0
    gemeente = Area.objects.get(organisation=imported, level="gemeente")
    assert gemeente.population == 537_525
    counts = PopulationCount.objects.filter(area__organisation=imported, area__level="buurt")
    assert sum(c.count for c in counts if c.variable == "sex") == 266_515 + 270_845
    assert sum(c.count for c in counts if c.variable == "age_group") == 537_705
    belgisch_park = {(c.variable, c.category): c.count for c in counts if c.area.code == "BU05180271"}
    assert belgisch_park == {
        ("sex", "male"): 4035,
        ("sex", "female"): 4210,
        ("age_group", "0_15"): 1230,
        ("age_group", "15_25"): 1210,
        ("age_group", "25_45"): 1780,
        ("age_group", "45_65"): 2350,
        ("age_group", "65_plus"): 1680,
    }
    # Wijken carry the sums of their buurten, for weighting at wijk level.
    wijk = Area.objects.get(organisation=imported, code="WK051803")
    wijk_counts = {(c.variable, c.category): c.count for c in wijk.population_counts.all()}
    assert wijk.population == 930 + 1075
    assert wijk_counts[("sex", "female")] == 505 + 585


def test_den_haag_report_names_rounding_differences_and_empty_buurten(
    organisation, den_haag_geojson, den_haag_population
):
    report = areas_import(
        organisation=organisation, geojson=den_haag_geojson, population_csv=den_haag_population
    )
    assert report.population_rows == 114
    assert report.population_total == 537_525
    assert report.population_year is None  # the file has no "jaar" column and none was given
    assert report.rounding_differences == 73
    assert report.empty_buurten == ["BU05180170", "BU05184107", "BU05184209"]
    assert any("BU05180170" in warning for warning in report.warnings)


def test_den_haag_geometry_is_wgs84_within_the_city(imported):
    for area in Area.objects.filter(organisation=imported):
        full, display = shape(area.geometry), shape(area.display_geometry)
        assert full.is_valid and display.is_valid, area.code
        lon_min, lat_min, lon_max, lat_max = full.bounds
        assert lon_min >= 4.18 and lon_max <= 4.43, area.code
        assert lat_min >= 52.0 and lat_max <= 52.13, area.code
        assert display.symmetric_difference(full).area < 0.05 * full.area, area.code


def test_display_geometry_is_rounded_to_six_decimals(imported):
    buurt = Area.objects.get(organisation=imported, code="BU05180271")
    for lon, lat in buurt.display_geometry["coordinates"][0]:
        assert round(lon, 6) == lon and round(lat, 6) == lat


def test_dissolved_wijken_and_gemeente_cover_their_buurten_exactly(imported):
    areas = {a.code: a for a in Area.objects.filter(organisation=imported)}
    gemeente = shape(areas["GM0518"].geometry)
    assert gemeente.geom_type == "Polygon"  # one outline, no slivers between buurten
    for wijk in (a for a in areas.values() if a.level == "wijk"):
        buurten = [shape(a.geometry) for a in areas.values() if a.parent_id == wijk.pk]
        union = shapely.union_all(buurten)
        assert union.symmetric_difference(shape(wijk.geometry)).area < 1e-10, wijk.code
    total = sum(shape(a.geometry).area for a in areas.values() if a.level == "buurt")
    assert gemeente.area == pytest.approx(total, rel=1e-6)


def test_wgs84_file_without_crs_gives_the_same_areas(organisation, other_organisation, den_haag_geojson):
    document = json.loads(den_haag_geojson)
    transformer = Transformer.from_crs(28992, 4326, always_xy=True)
    for item in document["features"]:
        ring = item["geometry"]["coordinates"][0]
        item["geometry"]["coordinates"][0] = [list(transformer.transform(x, y)) for x, y in ring]
    del document["crs"]

    report = areas_import(organisation=other_organisation, geojson=encode(document))
    areas_import(organisation=organisation, geojson=den_haag_geojson)

    assert report.projection == "WGS84 (EPSG:4326)"
    from_wgs84 = {a.code: shape(a.geometry) for a in Area.objects.filter(organisation=other_organisation)}
    from_rd = {a.code: shape(a.geometry) for a in Area.objects.filter(organisation=organisation)}
    assert from_wgs84.keys() == from_rd.keys()
    for code, geometry in from_rd.items():
        assert geometry.equals_exact(from_wgs84[code], tolerance=1e-6), code


@pytest.mark.parametrize(
    "crs",
    ["urn:ogc:def:crs:OGC:1.3:CRS84", "EPSG:4326", "http://www.opengis.net/def/crs/EPSG/0/4326"],
)
def test_wgs84_is_recognised_by_its_crs_names(organisation, crs):
    document = collection(
        [feature({"statcode": "BU99990101", "statnaam": "Hoek"}, square(4.3, 52.07, 0.01))], crs
    )
    report = areas_import(organisation=organisation, geojson=encode(document))
    assert report.projection == "WGS84 (EPSG:4326)"
    assert Area.objects.get(code="BU99990101").geometry["coordinates"][0][0] == [4.3, 52.07]


def test_rd_file_without_crs_is_recognised_by_its_coordinates(organisation, den_haag_geojson):
    document = json.loads(den_haag_geojson)
    del document["crs"]
    report = areas_import(organisation=organisation, geojson=encode(document))
    assert report.projection == "RD New (EPSG:28992)"
    assert Area.objects.filter(organisation=organisation, level="buurt").count() == 114


def test_wijk_features_in_the_file_give_wijk_names_and_outlines(organisation):
    document = small_cbs()
    document["features"].append(
        feature({"statcode": "WK999901", "statnaam": "Hoeken"}, square(80_000, 455_000, 500))
    )
    document["features"][0]["geometry"]["coordinates"] = square(80_000, 455_500, 500)
    report = areas_import(
        organisation=organisation, geojson=encode(document), population_csv=SMALL_POPULATION
    )

    wijken = {a.code: a for a in Area.objects.filter(organisation=organisation, level="wijk")}
    assert wijken["WK999901"].name == "Hoeken"
    assert wijken["WK999902"].name == "Wijk 02"
    assert report.generated_wijk_names == ["WK999902"]
    assert shape(wijken["WK999901"].geometry).area < shape(wijken["WK999902"].geometry).area
    assert wijken["WK999901"].population == 300
    gemeente = Area.objects.get(organisation=organisation, level="gemeente")
    assert (gemeente.code, gemeente.name) == ("GM9999", organisation.name)
    assert gemeente.population == 350


def test_wijk_names_on_buurt_features_are_used(organisation):
    document = small_cbs(BU99990101={"wijknaam": "Het Noorden"}, BU99990102={"wijknaam": "Het Noorden"})
    areas_import(organisation=organisation, geojson=encode(document))
    assert Area.objects.get(code="WK999901").name == "Het Noorden"


def test_statbel_sectors_become_buurten_in_sub_municipalities(organisation):
    def sector(code, name, sub, sub_name, x, y):
        return feature(
            {
                "CD_SECTOR": code,
                "T_SEC_NL": name,
                "CD_SUB_MUNTY": sub,
                "T_SUB_MUNTY_NL": sub_name,
                "CD_MUNTY_REFNIS": 24062,
                "T_MUN_NL": "Leuven",
            },
            square(x, y, 400),
        )

    x, y = 173_000, 174_000  # Leuven in Belgian Lambert 72
    document = collection(
        [
            sector("24062A001", "Centrum", "24062A", "Leuven", x, y),
            sector("24062A002", "Vaartkom", "24062A", "Leuven", x, y + 400),
            sector("24062B101", "Heverlee-Centrum", "24062B", "Heverlee", x + 400, y),
        ],
        crs="urn:ogc:def:crs:EPSG::31370",
    )
    report = areas_import(organisation=organisation, geojson=encode(document))

    assert report.mapping == "statbel"
    assert report.projection == "Belgian Lambert 72 (EPSG:31370)"
    areas = {a.code: a for a in Area.objects.filter(organisation=organisation)}
    assert areas["24062"].level == "gemeente" and areas["24062"].name == "Leuven"
    assert areas["24062B"].level == "wijk" and areas["24062B"].name == "Heverlee"
    assert areas["24062A002"].parent == areas["24062A"]
    lon, lat = shape(areas["24062A001"].geometry).centroid.coords[0]
    assert 4.6 < lon < 4.8 and 50.8 < lat < 50.95


def test_statbel_sector_name_may_come_from_the_description_field(organisation):
    document = collection(
        [
            feature(
                {"CD_SECTOR": "24062A001", "TX_SECTOR_DESCR_NL": "Centrum", "CD_SUB_MUNTY": "24062A"},
                square(4.70, 50.87, 0.01),
            )
        ],
        crs=None,
    )
    areas_import(organisation=organisation, geojson=encode(document))
    assert Area.objects.get(code="24062A001").name == "Centrum"
    assert Area.objects.get(code="24062").level == "gemeente"  # derived from the sector code


def test_multipolygon_buurten_are_accepted(organisation):
    document = small_cbs()
    document["features"][0]["geometry"] = {
        "type": "MultiPolygon",
        "coordinates": [square(80_000, 455_500, 500), square(79_000, 455_500, 200)],
    }
    areas_import(organisation=organisation, geojson=encode(document))
    assert Area.objects.get(code="BU99990101").geometry["type"] == "MultiPolygon"
    assert Area.objects.get(code="WK999901").geometry["type"] == "MultiPolygon"


def test_a_byte_order_mark_before_the_json_is_accepted(organisation):
    areas_import(organisation=organisation, geojson=b"\xef\xbb\xbf" + encode(small_cbs()))
    assert Area.objects.filter(organisation=organisation, level="buurt").count() == 4


def test_a_file_for_another_gemeente_is_imported_with_a_warning(other_organisation, den_haag_geojson):
    report = areas_import(organisation=other_organisation, geojson=den_haag_geojson)
    assert any("GM0518" in w and "GM0344" in w for w in report.warnings)


def test_areas_of_other_organisations_are_left_alone(organisation, other_organisation, den_haag_geojson):
    areas_import(organisation=other_organisation, geojson=den_haag_geojson)
    before = list(Area.objects.filter(organisation=other_organisation).values_list("pk", "updated_at"))
    areas_import(organisation=organisation, geojson=encode(small_cbs()))
    assert (
        list(Area.objects.filter(organisation=other_organisation).values_list("pk", "updated_at")) == before
    )
