"""The exports page: formats with download buttons for analysts and administrators, the reason
for viewers, downloads by POST with CSRF, and bad input answered in words."""

import csv
import io

import pytest
from django.test import Client

from buurtpeil.organisations.models import AuditEvent


def url(poll) -> str:
    return f"/staff/{poll.organisation.code}/polls/{poll.pk}/exports/"


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize("role", ["analyst", "admin"])
def test_the_page_lists_every_format_with_a_download_button(client, answered, make_staff, role):
    client.force_login(make_staff(answered.organisation, role))
    page = client.get(url(answered), HTTP_ACCEPT_LANGUAGE="nl")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Antwoorden exporteren: Veiligheid" in text
    assert "3 respondenten hebben hun antwoorden verstuurd" in text
    assert "Gepseudonimiseerde gegevens" in text
    for name in ("CSV (.csv)", "Excel (.xlsx)", "SPSS (.sav)"):
        assert f"{name} downloaden" in text
    assert 'name="csrfmiddlewaretoken"' in text and 'method="post"' in text
    assert not AuditEvent.objects.exists()  # looking is not exporting


@pytest.mark.parametrize(
    ("fmt", "content_type"),
    [
        ("csv", "text/csv; charset=utf-8"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("sav", "application/x-spss-sav"),
    ],
)
def test_a_button_downloads_the_file_and_records_it(answered, make_staff, fmt, content_type):
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_staff(answered.organisation, "analyst"))
    page = client.get(url(answered))
    token = page.cookies["csrftoken"].value
    response = client.post(url(answered), {"format": fmt, "language": "en", "csrfmiddlewaretoken": token})
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert (
        response["Content-Disposition"] == f'attachment; filename="veiligheid-{answered.pk}-answers-en.{fmt}"'
    )
    assert response["Cache-Control"] == "no-store"
    data = body(response)
    assert len(data) > 100
    assert AuditEvent.objects.get().subject.endswith(f"in en, {fmt.upper()}, 3 rows")


def test_the_csv_download_streams(client, answered, make_staff):
    client.force_login(make_staff(answered.organisation, "analyst"))
    response = client.post(url(answered), {"format": "csv", "language": "nl"})
    assert response.streaming
    records = list(csv.DictReader(io.StringIO(body(response).decode("utf-8-sig")), delimiter=";"))
    assert len(records) == 3


def test_a_download_needs_the_csrf_token(answered, make_staff):
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_staff(answered.organisation, "analyst"))
    assert client.post(url(answered), {"format": "csv", "language": "nl"}).status_code == 403
    assert not AuditEvent.objects.exists()


def test_a_viewer_sees_why_and_cannot_download(client, answered, make_staff):
    client.force_login(make_staff(answered.organisation, "viewer"))
    page = client.get(url(answered), HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 403
    text = page.content.decode()
    assert "Only analysts and administrators may export the answers of individual respondents." in text
    assert "Download" not in text
    refused = client.post(url(answered), {"format": "csv", "language": "nl"}, HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 403 and not refused.streaming
    assert "Only analysts and administrators" in refused.content.decode()
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"format": "pdf", "language": "nl"}, "Onbekend exportformaat “pdf”: kies uit csv, xlsx, sav."),
        ({"format": "csv", "language": "de"}, "Kies een van de talen van de peiling."),
        ({"language": "nl"}, "Kies een exportformaat: csv, xlsx, sav."),
    ],
)
def test_bad_input_is_answered_in_the_users_language(client, answered, make_staff, data, message):
    client.force_login(make_staff(answered.organisation, "analyst"))
    response = client.post(url(answered), data, HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not AuditEvent.objects.exists()


def test_a_poll_of_another_organisation_or_none_at_all_is_not_found(
    client, answered, make_staff, other_organisation
):
    client.force_login(make_staff(answered.organisation, "admin"))
    assert client.get(f"/staff/{answered.organisation.code}/polls/999999/exports/").status_code == 404
    client.force_login(make_staff(other_organisation, "admin"))
    assert client.get(f"/staff/{other_organisation.code}/polls/{answered.pk}/exports/").status_code == 404


def test_the_poll_page_links_to_the_exports_once_published(client, answered, make_staff):
    client.force_login(make_staff(answered.organisation, "viewer"))
    page = client.get(f"/staff/{answered.organisation.code}/polls/{answered.pk}/", HTTP_ACCEPT_LANGUAGE="nl")
    assert f'href="{url(answered)}"' in page.content.decode()
    assert "Antwoorden exporteren" in page.content.decode()
