"""Fixtures for the areas tests: the real Den Haag files and small files built in place."""

import json

import pytest
from django.utils import translation

from tests.conftest import DEMO_GEOJSON, DEMO_POPULATION


@pytest.fixture(autouse=True)
def english():
    """Messages are checked in English here; tests that check Dutch say so."""
    with translation.override("en"):
        yield


@pytest.fixture(scope="session")
def den_haag_geojson() -> bytes:
    return DEMO_GEOJSON.read_bytes()


@pytest.fixture(scope="session")
def den_haag_population() -> bytes:
    return DEMO_POPULATION.read_bytes()


@pytest.fixture
def imported(organisation, den_haag_geojson, den_haag_population):
    """``organisation`` with the Den Haag areas and population of 2019."""
    from buurtpeil.areas.services import areas_import

    areas_import(
        organisation=organisation,
        geojson=den_haag_geojson,
        population_csv=den_haag_population,
        population_year=2019,
    )
    return organisation


def state(organisation) -> dict:
    """Everything an import may change, to check that a refused import changed nothing."""
    from buurtpeil.areas.models import Area, PopulationCount

    areas = Area.objects.filter(organisation=organisation).order_by("pk")
    return {
        "areas": list(
            areas.values_list(
                "pk", "code", "level", "name", "parent_id", "population", "population_year", "updated_at"
            )
        ),
        "geometry": [a.geometry for a in areas],
        "counts": sorted(
            PopulationCount.objects.filter(area__organisation=organisation).values_list(
                "area_id", "variable", "category", "count"
            )
        ),
        "all_areas": Area.objects.count(),
        "all_counts": PopulationCount.objects.count(),
    }


def square(x: float, y: float, size: float) -> list:
    """A counter-clockwise square ring with its lower left corner at (x, y)."""
    return [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]]


def feature(properties: dict, coordinates: list, kind: str = "Polygon") -> dict:
    return {
        "type": "Feature",
        "properties": properties,
        "geometry": {"type": kind, "coordinates": coordinates},
    }


def collection(features: list, crs: str | None = "urn:ogc:def:crs:EPSG::28992") -> dict:
    document = {"type": "FeatureCollection", "features": features}
    if crs:
        document["crs"] = {"type": "name", "properties": {"name": crs}}
    return document


def small_cbs(**overrides) -> dict:
    """Four buurten of 500 m in two wijken of gemeente GM9999, in RD New near Den Haag."""
    x, y, size = 80_000, 455_000, 500
    buurten = [
        ("BU99990101", "Noordhoek", x, y + size),
        ("BU99990102", "Zuidhoek", x, y),
        ("BU99990201", "Oostkant", x + size, y + size),
        ("BU99990202", "Westkant", x + size, y),
    ]
    features = [
        feature({"statcode": code, "statnaam": name, **overrides.get(code, {})}, square(bx, by, size))
        for code, name, bx, by in buurten
    ]
    return collection(features)


def encode(document) -> bytes:
    return json.dumps(document).encode()


POPULATION_HEADER = ",".join(
    ["buurtcode", "inwoners", "mannen", "vrouwen"]
    + [f"leeftijd_{group}" for group in ("0_15", "15_25", "25_45", "45_65", "65_plus")]
)


def population_csv(rows: list[str], header: str = POPULATION_HEADER) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode()


SMALL_POPULATION = population_csv(
    [
        "BU99990101,100,50,50,20,20,20,20,20",
        "BU99990102,200,100,100,40,40,40,40,40",
        "BU99990201,0,0,0,0,0,0,0,0",
        "BU99990202,50,25,25,10,10,10,10,10",
    ]
)
