"""Staff pages: the list of areas (viewer) and the import form (admin)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from buurtpeil.areas.models import Area
from tests.areas.conftest import SMALL_POPULATION, encode, small_cbs, state

pytestmark = pytest.mark.django_db

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def list_url(organisation) -> str:
    return reverse("areas:list", args=[organisation.code])


def upload_url(organisation) -> str:
    return reverse("areas:upload", args=[organisation.code])


@pytest.fixture
def viewer_client(client, organisation, make_staff):
    client.force_login(make_staff(organisation, "viewer"))
    return client


def test_list_shows_wijken_with_their_buurten_to_a_viewer(viewer_client, imported):
    response = viewer_client.get(list_url(imported), **ENGLISH)
    assert response.status_code == 200
    body = response.content.decode()
    assert '<th class="utrecht-table__header-cell" scope="row">Belgisch Park</th>' in body
    assert "BU05180271" in body and "WK051802" in body
    assert "8,245" in body
    assert "44 wijken with 114 buurten." in body
    assert 'scope="col">Inhabitants</th>' in body
    assert body.count("<path d=") == 114
    assert upload_url(imported) not in body  # viewers cannot import


def test_list_offers_the_import_to_an_admin(staff_client, imported):
    body = staff_client.get(list_url(imported), **ENGLISH).content.decode()
    assert upload_url(imported) in body


def test_list_without_areas_says_so(viewer_client, organisation):
    body = viewer_client.get(list_url(organisation), **ENGLISH).content.decode()
    assert "No areas have been imported yet." in body


def test_upload_form_has_labelled_file_fields(staff_client, organisation):
    response = staff_client.get(upload_url(organisation), **ENGLISH)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'enctype="multipart/form-data"' in body
    assert '<label class="utrecht-form-label" for="id_geojson">Area file (GeoJSON)</label>' in body
    assert 'type="file" name="population"' in body
    assert 'class="utrecht-button utrecht-button--primary-action"' in body


def test_upload_imports_and_redirects_to_the_list_with_the_report(staff_client, organisation):
    response = staff_client.post(
        upload_url(organisation),
        {
            "geojson": upload("buurten.geojson", encode(small_cbs())),
            "population": upload("bevolking.csv", SMALL_POPULATION),
            "population_year": "2020",
        },
        follow=True,
        **ENGLISH,
    )
    assert response.redirect_chain == [(list_url(organisation), 302)]
    body = response.content.decode()
    assert "Areas imported: 4 buurten in 2 wijken and 1 gemeente (7 new" in body
    assert "Population 2020: 350 inhabitants in 4 buurten." in body
    assert "2 wijken have no name in the file" in body
    assert Area.objects.filter(organisation=organisation, level="buurt").count() == 4


def test_a_broken_upload_shows_every_error_and_changes_nothing(staff_client, imported):
    document = small_cbs()
    document["features"][0]["geometry"] = None
    document["features"][1]["geometry"] = {
        "type": "LineString",
        "coordinates": [[80000, 455000], [80001, 455001]],
    }
    before = state(imported)
    response = staff_client.post(
        upload_url(imported), {"geojson": upload("buurten.geojson", encode(document))}, **ENGLISH
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert '<div class="utrecht-alert utrecht-alert--error" role="alert" id="error-summary"' in body
    assert "Nothing has been changed." in body
    assert "Feature 1 (BU99990101) has no geometry." in body
    assert "Feature 2 (BU99990102): the geometry is a LineString" in body
    assert state(imported) == before


def test_errors_are_shown_in_dutch_by_default(staff_client, organisation):
    response = staff_client.post(upload_url(organisation), {"geojson": upload("buurten.geojson", b"{kapot")})
    body = response.content.decode()
    assert "Het bestand is geen geldige JSON (regel 1, kolom 2)." in body
    assert "De bestanden zijn niet ingelezen" in body


def test_a_file_of_the_wrong_type_is_refused(staff_client, organisation):
    response = staff_client.post(
        upload_url(organisation),
        {
            "geojson": upload("buurten.shp", b"\x00\x00\x27\x0a"),
            "population": upload("bevolking.xlsx", b"PK"),
        },
        **ENGLISH,
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "“buurten.shp” is not a GeoJSON file (.geojson or .json)." in body
    assert "“bevolking.xlsx” is not a CSV file (.csv)." in body
    assert '<a class="utrecht-link" href="#id_geojson">' in body
    assert not Area.objects.exists()


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(staff_client, organisation, monkeypatch):
    monkeypatch.setattr("buurtpeil.areas.forms.MAX_UPLOAD_BYTES", 1000)
    response = staff_client.post(
        upload_url(organisation), {"geojson": upload("buurten.geojson", b"x" * 1001)}, **ENGLISH
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "The file is 1001\xa0bytes; files up to 1000\xa0bytes can be imported." in body
    assert "not valid JSON" not in body


def test_the_size_limit_is_20_mb():
    from buurtpeil.areas.forms import MAX_UPLOAD_BYTES

    assert MAX_UPLOAD_BYTES == 20 * 1024 * 1024


def test_a_population_year_without_a_population_file_is_a_form_error(staff_client, organisation):
    response = staff_client.post(
        upload_url(organisation),
        {"geojson": upload("buurten.geojson", encode(small_cbs())), "population_year": "2019"},
        **ENGLISH,
    )
    assert response.status_code == 400
    assert "Choose the population file that goes with this year." in response.content.decode()
    assert not Area.objects.exists()


@pytest.mark.parametrize("role", ["viewer", "analyst"])
def test_only_admins_may_import(client, organisation, make_staff, role):
    client.force_login(make_staff(organisation, role))
    assert client.get(upload_url(organisation)).status_code == 403
    response = client.post(upload_url(organisation), {"geojson": upload("b.geojson", encode(small_cbs()))})
    assert response.status_code == 403
    assert not Area.objects.exists()


def test_staff_of_another_organisation_get_404_on_every_areas_page(
    client, imported, other_organisation, make_staff
):
    client.force_login(make_staff(other_organisation, "admin"))
    before = state(imported)
    for url in (list_url(imported), upload_url(imported)):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"geojson": upload("b.geojson", encode(small_cbs()))}).status_code == 404, url
    assert state(imported) == before


def test_anonymous_visitors_are_sent_to_the_login(client, organisation):
    for url in (list_url(organisation), upload_url(organisation)):
        response = client.get(url)
        assert response.status_code == 302 and "/staff/login/" in response["Location"]
