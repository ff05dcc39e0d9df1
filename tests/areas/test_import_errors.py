"""A broken area file is refused with messages that name the feature, and changes nothing."""

import json

import pytest

from buurtpeil.areas.services import AreaImportError, areas_import
from tests.areas.conftest import collection, encode, feature, small_cbs, square, state

pytestmark = pytest.mark.django_db


@pytest.fixture
def existing(organisation, den_haag_geojson, den_haag_population):
    """An organisation with areas already imported, which a refused import must leave intact."""
    areas_import(organisation=organisation, geojson=den_haag_geojson, population_csv=den_haag_population)
    return organisation


def refused(organisation, data: bytes, **kwargs) -> list[str]:
    before = state(organisation)
    with pytest.raises(AreaImportError) as caught:
        areas_import(organisation=organisation, geojson=data, **kwargs)
    assert state(organisation) == before
    return caught.value.errors


def with_feature(index: int, **changes) -> bytes:
    document = small_cbs()
    document["features"][index].update(changes)
    return encode(document)


def with_geometry(index: int, geometry) -> bytes:
    return with_feature(index, geometry=geometry)


BOW_TIE = {
    "type": "Polygon",
    "coordinates": [[[80000, 455000], [80500, 455500], [80500, 455000], [80000, 455500], [80000, 455000]]],
}


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(b"", "The file is empty.", id="empty-file"),
        pytest.param(b"  \n", "The file is empty.", id="blank-file"),
        pytest.param(
            b'{"type": "FeatureCollection", "features": [',
            "The file is not valid JSON (line 1",
            id="not-json",
        ),
        pytest.param(b"PK\x03\x04rest-of-a-zip", "ZIP archive (a shapefile?)", id="zip-archive"),
        pytest.param(b'{"type": "\xe9t\xe9"}', "not UTF-8", id="not-utf8"),
        pytest.param(
            encode({"type": "Feature", "properties": {}, "geometry": None}),
            "not a GeoJSON FeatureCollection (its type is “Feature”)",
            id="single-feature",
        ),
        pytest.param(b"[1, 2]", "not a GeoJSON FeatureCollection (its type is “list”)", id="json-list"),
        pytest.param(encode(collection([])), "The file contains no features.", id="no-features"),
        pytest.param(
            encode({**small_cbs(), "crs": {"type": "name", "properties": {"name": "EPSG:3857"}}}),
            "EPSG:3857, which is not supported",
            id="unsupported-projection",
        ),
        pytest.param(
            encode({**small_cbs(), "crs": {"type": "name", "properties": {"name": "Amersfoort"}}}),
            "crs member “Amersfoort” names no projection",
            id="unreadable-crs",
        ),
        pytest.param(
            encode(
                collection([feature({"statcode": "BU99990101", "statnaam": "X"}, square(4.3, 52.0, 0.01))])
            ),
            "Feature 1 (BU99990101): the coordinates (x 4.3 to 4.31, y 52 to 52.01) lie outside the range "
            "of RD New",
            id="wgs84-coordinates-in-an-rd-file",
        ),
        pytest.param(
            encode(
                collection(
                    [feature({"statcode": "BU99990101", "statnaam": "X"}, square(900_000, 900_000, 10))],
                    crs=None,
                )
            ),
            "The projection of the file cannot be determined",
            id="unknown-coordinates-without-crs",
        ),
        pytest.param(
            with_geometry(1, {"type": "Point", "coordinates": [80000, 455000]}),
            "Feature 2 (BU99990102): the geometry is a Point; only Polygon and MultiPolygon are accepted.",
            id="point-geometry",
        ),
        pytest.param(with_geometry(2, None), "Feature 3 (BU99990201) has no geometry.", id="no-geometry"),
        pytest.param(
            with_geometry(0, {"type": "Polygon", "coordinates": [[[80000, 455000], [80500, 455000]]]}),
            "Feature 1 (BU99990101): the coordinates of the Polygon cannot be read.",
            id="ring-of-two-points",
        ),
        pytest.param(
            with_geometry(0, BOW_TIE),
            "Feature 1 (BU99990101): the polygon is invalid: its boundary crosses itself "
            "near (80250, 455250).",
            id="self-intersecting-polygon",
        ),
        pytest.param(
            with_feature(2, properties={"statcode": "BU99990101", "statnaam": "Tweemaal"}),
            "Feature 3: the code BU99990101 also occurs in feature 1.",
            id="duplicate-code",
        ),
        pytest.param(
            with_feature(1, properties={"statnaam": "Naamloos", "gemeentenaam": "X", "statcode": ""}),
            "Feature 2: the field “statcode” is missing or empty.",
            id="missing-code",
        ),
        pytest.param(
            with_feature(3, properties={"statcode": "BU99990202"}),
            "Feature 4 (BU99990202): the field “statnaam” is missing or empty.",
            id="missing-name",
        ),
        pytest.param(
            with_feature(0, properties={"statcode": "XX123", "statnaam": "Raar"}),
            "Feature 1: “XX123” is not a CBS code",
            id="malformed-cbs-code",
        ),
        pytest.param(
            encode(
                collection(
                    [
                        feature(
                            {
                                "CD_SECTOR": "24062A001" + "9" * 20,
                                "T_SEC_NL": "Lang",
                                "CD_SUB_MUNTY": "24062A",
                            },
                            square(4.7, 50.87, 0.01),
                        )
                    ],
                    crs=None,
                )
            ),
            "Feature 1: the code “24062A00199999999999999999999” is longer than 20 characters.",
            id="code-too-long",
        ),
        pytest.param(
            encode(collection([feature({"naam": "Centrum", "id": 3}, square(80000, 455000, 10))])),
            "The features have no fields that say which area they are",
            id="unknown-fields",
        ),
        pytest.param(
            encode(
                collection(
                    [feature({"CD_SECTOR": "24062A001", "T_SEC_NL": "Centrum"}, square(4.7, 50.87, 0.01))],
                    crs=None,
                )
            ),
            "Feature 1 (24062A001): the sector has no sub-municipality code (CD_SUB_MUNTY), "
            "so it cannot be placed in a wijk.",
            id="buurt-without-wijk-code",
        ),
        pytest.param(
            encode(
                {
                    **small_cbs(),
                    "features": [
                        *small_cbs()["features"],
                        feature({"statcode": "WK999903", "statnaam": "Leeg"}, square(82000, 455000, 10)),
                    ],
                }
            ),
            "Feature 5 (WK999903): this wijk contains no buurt of the file.",
            id="wijk-without-buurten",
        ),
        pytest.param(
            encode(
                collection(
                    [feature({"statcode": "WK999901", "statnaam": "Alleen"}, square(80000, 455000, 10))]
                )
            ),
            "The file contains no buurten",
            id="wijken-only",
        ),
    ],
)
def test_broken_area_file_is_refused_and_changes_nothing(existing, data, expected):
    errors = refused(existing, data)
    assert any(expected in error for error in errors), errors


def test_wgs84_coordinates_in_an_rd_file_get_a_hint(existing):
    document = collection([feature({"statcode": "BU99990101", "statnaam": "X"}, square(4.3, 52.0, 0.01))])
    errors = refused(existing, encode(document))
    assert (
        errors[-1]
        == "The coordinates look like WGS84 (EPSG:4326), but the file's crs member says RD New (EPSG:28992)."
    )


def test_every_broken_feature_is_reported_not_only_the_first(existing):
    document = small_cbs()
    document["features"][0]["geometry"] = None
    document["features"][1]["properties"] = {"statcode": "BU99990102"}
    document["features"][3]["geometry"] = BOW_TIE
    errors = refused(existing, encode(document))
    assert [error.split(":")[0].split(" has")[0] for error in errors] == [
        "Feature 1 (BU99990101)",
        "Feature 2 (BU99990102)",
        "Feature 4 (BU99990202)",
    ]


def test_the_number_of_messages_is_capped(existing):
    document = collection([feature({"statcode": f"BU9999{i:04d}", "statnaam": "X"}, None) for i in range(60)])
    for item in document["features"]:
        item["geometry"] = None
    errors = refused(existing, encode(document))
    assert len(errors) == 51
    assert errors[-1] == "… and 10 more errors."


def test_errors_in_both_files_are_reported_together(existing):
    population = b"buurtcode,inwoners\nBU99990101,10\n"
    errors = refused(existing, with_geometry(0, None), population_csv=population)
    assert "Feature 1 (BU99990101) has no geometry." in errors
    assert any("lacks the column(s) mannen" in error for error in errors)


def test_nan_coordinates_are_refused(existing):
    data = encode(small_cbs()).replace(b"[80000, 455000]", b"[NaN, 455000]", 1)
    errors = refused(existing, data)
    assert errors == ["The file is not valid JSON."]


def test_a_population_year_without_a_population_file_is_refused(existing):
    errors = refused(existing, encode(small_cbs()), population_year=2019)
    assert errors == ["A population year was given without a population file."]


def test_existing_import_is_intact_after_a_refused_reimport(existing, den_haag_geojson):
    document = json.loads(den_haag_geojson)
    document["features"][5]["properties"]["statnaam"] = "Nieuwe naam"
    document["features"][7]["geometry"] = BOW_TIE
    refused(existing, encode(document))
    assert existing.areas.get(code=document["features"][5]["properties"]["statcode"]).name != "Nieuwe naam"


def test_messages_are_in_the_users_language(existing):
    from django.utils import translation

    document = small_cbs()
    document["features"][1]["geometry"] = BOW_TIE
    with translation.override("nl"):
        errors = refused(existing, encode(document))
    assert errors == [
        "Feature 2 (BU99990102): de polygoon is ongeldig: de grens snijdt zichzelf bij (80250, 455250)."
    ]


UNSTORABLE = (
    "Feature 1: a code or name contains a character that cannot be stored "
    "(a NUL character or half of a character)."
)


@pytest.mark.parametrize("field", ["statnaam", "wijknaam", "gemeentenaam"])
@pytest.mark.parametrize("text", ["Noord\x00hoek", "Noord\ud800hoek"], ids=["nul", "half-a-character"])
def test_a_name_that_cannot_be_stored_is_refused(existing, field, text):
    data = json.dumps(small_cbs(BU99990101={field: text})).encode()
    assert refused(existing, data) == [UNSTORABLE]


def test_a_statbel_code_that_cannot_be_stored_is_refused(existing):
    properties = {
        "CD_SECTOR": "21004A00-",
        "T_SEC_NL": "Sector",
        "CD_SUB_MUNTY": "21004A",
        "CD_REFNIS": "2\x00",
    }
    document = collection([feature(properties, square(150_000, 170_000, 500))], "urn:ogc:def:crs:EPSG::31370")
    assert refused(existing, encode(document)) == [UNSTORABLE]


@pytest.mark.parametrize(
    "crs",
    [
        {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::" + "9" * 5000}},
        {"type": "EPSG", "properties": {"code": "9" * 5000}},
    ],
    ids=["name", "code"],
)
def test_a_crs_with_thousands_of_digits_names_no_projection(existing, crs):
    document = small_cbs()
    document["crs"] = crs
    errors = refused(existing, encode(document))
    assert len(errors) == 1 and "names no projection that can be read" in errors[0]


def test_a_coordinate_too_large_for_a_number_is_refused(existing):
    data = with_geometry(
        0, {"type": "Polygon", "coordinates": [[[10**400, 0], [1, 0], [1, 1], [10**400, 0]]]}
    )
    assert refused(existing, data) == [
        "Feature 1 (BU99990101): the coordinates of the Polygon cannot be read."
    ]


def test_json_nested_too_deeply_is_refused(existing):
    errors = refused(existing, b"[" * 5000 + b"]" * 5000)
    assert errors == ["The file is nested too deeply to be a GeoJSON file."]


def test_coordinates_at_the_limit_of_a_number_are_refused_in_words_without_warnings(existing):
    bow_tie = [[[0, 0], [1e308, 1e308], [1e308, 0], [0, 1e308], [0, 0]]]
    errors = refused(existing, with_geometry(0, {"type": "Polygon", "coordinates": bow_tie}))
    assert errors[0].startswith("Feature 1 (BU99990101): the polygon is invalid"), errors
