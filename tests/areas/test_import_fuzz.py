"""Area and population files fuzzed: whatever the bytes, the import succeeds or is refused with
messages a person can read, and a refused import changes nothing."""

import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from buurtpeil.areas.services import AreaImportError, areas_import
from tests.areas.conftest import POPULATION_HEADER, SMALL_POPULATION, encode, small_cbs, state
from tests.fuzzing import fuzz_settings, mutated_json, mutated_table, readable

pytestmark = [pytest.mark.django_db, pytest.mark.fuzz]

SMALL_AREAS = encode(small_cbs())


def _import_or_refusal(organisation, **files) -> None:
    before = state(organisation)
    try:
        areas_import(organisation=organisation, **files)
    except AreaImportError as error:
        assert error.errors and all(readable(message) for message in error.errors), error.errors
        assert state(organisation) == before


@fuzz_settings(60)
@given(data=st.one_of(st.binary(max_size=300), mutated_json(small_cbs())))
def test_any_area_file_is_imported_or_refused_in_words(organisation, data):
    _import_or_refusal(organisation, geojson=data)


@fuzz_settings(60)
@given(
    data=st.one_of(
        st.binary(max_size=300),
        mutated_table(
            POPULATION_HEADER.split(","),
            [line.split(",") for line in SMALL_POPULATION.decode().splitlines()[1:]],
        ),
    )
)
def test_any_population_file_is_imported_or_refused_in_words(organisation, data):
    _import_or_refusal(organisation, geojson=SMALL_AREAS, population_csv=data)


def test_the_upload_page_shows_refusals_found_by_fuzzing_in_dutch(staff_client, organisation):
    areas = encode(small_cbs(BU99990101={"statnaam": "Noord\x00hoek"}))
    population = SMALL_POPULATION.replace(b"BU99990102,200,", b"BU99990102," + b"2" * 5000 + b",")
    response = staff_client.post(
        reverse("areas:upload", args=[organisation.code]),
        {
            "geojson": SimpleUploadedFile("buurten.geojson", areas),
            "population": SimpleUploadedFile("bevolking.csv", population),
        },
    )
    assert response.status_code == 400
    body = html.unescape(response.content.decode())
    assert "Feature 1: een code of naam bevat een teken dat niet kan worden opgeslagen" in body
    assert "Rij 3 (BU99990102): inwoners is geen aannemelijk aantal (22222222222222222222)." in body
    assert state(organisation)["all_areas"] == 0
