"""Importing again updates areas in place; areas still in use are never removed."""

import json

import pytest

from buurtpeil.areas.models import Area, PopulationCount
from buurtpeil.areas.services import AreaImportError, areas_import
from buurtpeil.panel.models import Invitation, PanelMember, RecruitmentBatch
from tests.areas.conftest import encode, state

pytestmark = pytest.mark.django_db


def without(document: dict, *codes: str) -> dict:
    return {
        **document,
        "features": [f for f in document["features"] if f["properties"]["statcode"] not in codes],
    }


def test_reimport_keeps_primary_keys_and_applies_changed_names(imported, den_haag_geojson):
    pks = dict(Area.objects.filter(organisation=imported).values_list("code", "pk"))
    document = json.loads(den_haag_geojson)
    document["features"][1]["properties"]["statnaam"] = "Belgisch Park-Noord"
    document["features"][2]["properties"]["statnaam"] = "Westbroekpark en Duttendel"

    report = areas_import(organisation=imported, geojson=encode(document))

    assert dict(Area.objects.filter(organisation=imported).values_list("code", "pk")) == pks
    assert Area.objects.get(code="BU05180271").name == "Belgisch Park-Noord"
    assert Area.objects.get(code="BU05180373").name == "Westbroekpark en Duttendel"
    assert (report.buurten.created, report.buurten.updated, report.buurten.unchanged) == (0, 2, 112)
    assert (report.wijken.total, report.gemeenten.total, report.buurten.removed) == (44, 1, 0)
    assert Area.objects.filter(organisation=imported, level="buurt").count() == 114
    # Population was not part of this import and is kept.
    assert Area.objects.get(code="BU05180271").population == 8245
    assert PopulationCount.objects.filter(area__organisation=imported, area__level="buurt").count() == 114 * 7


def test_reimport_of_the_same_file_changes_nothing(imported, den_haag_geojson):
    before = state(imported)
    report = areas_import(organisation=imported, geojson=den_haag_geojson)
    assert report.buurten.unchanged == 114 and report.buurten.updated == 0
    after = state(imported)
    assert after["areas"] == before["areas"]  # updated_at included: nothing was written


def test_a_buurt_that_moves_to_another_wijk_keeps_its_key(imported, den_haag_geojson):
    pk = Area.objects.get(code="BU05180271").pk
    document = json.loads(den_haag_geojson)
    document["features"][1]["properties"]["wijkcode"] = "WK051803"
    areas_import(organisation=imported, geojson=encode(document))
    buurt = Area.objects.get(code="BU05180271")
    assert (buurt.pk, buurt.parent.code) == (pk, "WK051803")
    assert not Area.objects.filter(code="WK051802").exists()  # its only buurt left


def test_areas_missing_from_the_new_file_are_removed_when_unused(imported, den_haag_geojson):
    document = without(json.loads(den_haag_geojson), "BU05180170", "BU05180271")
    report = areas_import(organisation=imported, geojson=encode(document))
    assert (report.buurten.removed, report.wijken.removed) == (
        2,
        2,
    )  # WK051801 and WK051802 had one buurt each
    assert not Area.objects.filter(code__in=["BU05180170", "WK051801"]).exists()
    assert Area.objects.filter(organisation=imported, level="buurt").count() == 112


def test_areas_in_use_are_not_removed_and_nothing_is_imported(imported, den_haag_geojson):
    buurt = Area.objects.get(code="BU05180271")
    PanelMember.objects.create(organisation=imported, buurt=buurt)
    PanelMember.objects.create(organisation=imported, buurt=buurt)
    batch = RecruitmentBatch.objects.create(organisation=imported, name="Brieven")
    Invitation.objects.create(organisation=imported, batch=batch, code="ABCDEFGH", buurt=buurt)
    document = without(json.loads(den_haag_geojson), "BU05180170", "BU05180271")
    document["features"][0]["properties"]["statnaam"] = "Andere naam"
    before = state(imported)

    with pytest.raises(AreaImportError) as caught:
        areas_import(organisation=imported, geojson=encode(document))

    assert state(imported) == before
    assert caught.value.errors[0] == (
        "BU05180271 Belgisch Park is not in the new file, but cannot be removed: it is still in use "
        "(2 panel members, 1 invitation)."
    )
    assert len(caught.value.errors) == 2  # the unused BU05180170 is not named


def test_a_new_population_file_replaces_the_figures(imported, den_haag_geojson, den_haag_population):
    csv = den_haag_population.replace(
        b"BU05180271,Belgisch Park,WK051802,8245,4035,4210",
        b"BU05180271,Belgisch Park,WK051802,8250,4040,4210",
    )
    report = areas_import(
        organisation=imported, geojson=den_haag_geojson, population_csv=csv, population_year=2019
    )
    buurt = Area.objects.get(code="BU05180271")
    assert buurt.population == 8250
    assert buurt.population_counts.get(variable="sex", category="male").count == 4040
    assert buurt.parent.population == 8250
    assert report.buurten.updated == 1
    assert Area.objects.get(code="GM0518").population == 537_530
