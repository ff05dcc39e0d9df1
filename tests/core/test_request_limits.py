"""A body larger than the ceiling is refused before anything reads it, in the user's language,
and nothing is stored."""

import io

import pytest
from django.urls import reverse

from buurtpeil.panel.models import RecruitmentBatch


@pytest.fixture
def small_ceiling(settings):
    settings.MAX_REQUEST_BYTES = 64 * 1024
    return settings.MAX_REQUEST_BYTES


def test_a_too_large_upload_is_refused_in_dutch_and_stores_nothing(staff_client, organisation, small_ceiling):
    upload = io.BytesIO(b"name;address;buurtcode\n" + b"x" * (small_ceiling + 1))
    upload.name = "letters.csv"
    response = staff_client.post(
        reverse("panel_staff:recruitment_upload", args=[organisation.code]),
        {"name": "Voorjaar", "file": upload},
    )
    assert response.status_code == 413
    page = response.content.decode().replace("\xa0", " ")
    assert "Uw verzoek is niet aangenomen" in page and "hoogstens 64,0 KB" in page and 'lang="nl"' in page
    assert not RecruitmentBatch.objects.exists()


def test_in_english_the_refusal_is_english(client, organisation, small_ceiling):
    response = client.post(
        f"/p/{organisation.code}/",
        data=b"x" * (small_ceiling + 1),
        content_type="application/octet-stream",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    page = response.content.decode().replace("\xa0", " ")
    assert response.status_code == 413 and "at most 64.0 KB can be sent at once" in page


def test_under_the_api_the_refusal_is_a_problem_document(client, small_ceiling):
    response = client.post(
        "/api/v1/peilingen", data=b"{" * (small_ceiling + 1), content_type="application/json"
    )
    assert response.status_code == 413
    assert response["Content-Type"].startswith("application/problem+json")
    assert response.json()["status"] == 413


def test_a_body_within_the_ceiling_passes(client, organisation, small_ceiling):
    response = client.post(f"/p/{organisation.code}/", {"email": "x" * 100})
    assert response.status_code != 413
