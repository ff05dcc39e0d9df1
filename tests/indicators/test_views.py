import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from buurtpeil.indicators.models import AreaFigure

pytestmark = pytest.mark.django_db


def upload(client, organisation, content: bytes, name="cijfers.csv", source="CBS/Politie"):
    return client.post(
        reverse("indicators:upload", args=[organisation.code]),
        {"file": SimpleUploadedFile(name, content, content_type="text/csv"), "source": source},
    )


def test_analyst_uploads_and_sees_the_summary_and_list(client, den_haag, make_staff):
    client.force_login(make_staff(den_haag, "analyst"))
    page = client.get(reverse("indicators:upload", args=[den_haag.code]))
    assert "buurtcode,jaar,indicator,categorie,waarde" in page.content.decode()
    response = upload(
        client,
        den_haag,
        b"buurtcode,jaar,categorie,waarde,maand\nBU05180271,2020,burglary,5,1\nBU09999999,2020,x,1,1\n",
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "De cijfers zijn ingelezen" in text
    assert "BU09999999" in text and "onvolledig jaar" in text
    listing = client.get(reverse("indicators:list", args=[den_haag.code])).content.decode()
    assert "Geregistreerde criminaliteit 2020" in listing
    assert "Onvolledig jaar: alleen 1 maanden." in listing or "Onvolledig jaar" in listing
    assert "CBS/Politie" in listing


def test_broken_upload_shows_the_dutch_message_and_changes_nothing(client, den_haag, make_staff):
    client.force_login(make_staff(den_haag, "admin"))
    response = upload(client, den_haag, b"buurtcode,jaar,categorie,waarde\nBU05180271,2020,burglary,veel\n")
    assert response.status_code == 400
    text = response.content.decode()
    assert "De cijfers zijn niet ingelezen" in text
    assert "Regel 2, kolom waarde" in text
    assert not AreaFigure.objects.exists()


def test_wrong_file_type_is_a_form_error(client, den_haag, make_staff):
    client.force_login(make_staff(den_haag, "admin"))
    response = upload(client, den_haag, b"x", name="cijfers.xlsx")
    assert response.status_code == 400
    assert "is geen CSV-bestand" in response.content.decode()


def test_viewer_sees_the_list_but_may_not_upload(client, den_haag, make_staff):
    client.force_login(make_staff(den_haag, "viewer"))
    assert client.get(reverse("indicators:list", args=[den_haag.code])).status_code == 200
    assert client.get(reverse("indicators:upload", args=[den_haag.code])).status_code == 403
    assert (
        upload(client, den_haag, b"buurtcode,jaar,categorie,waarde\nBU05180271,2020,b,5\n").status_code == 403
    )
    assert not AreaFigure.objects.exists()


def test_staff_of_another_organisation_get_404(client, den_haag, other_organisation, make_staff):
    client.force_login(make_staff(other_organisation, "admin"))
    assert client.get(reverse("indicators:list", args=[den_haag.code])).status_code == 404
