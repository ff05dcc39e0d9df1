"""One organisation's staff and residents get nothing of another's panel."""

import pytest
from django.urls import URLPattern, reverse

from buurtpeil.panel import staff_urls
from buurtpeil.panel.models import Invitation, RecruitmentBatch

pytestmark = pytest.mark.django_db


@pytest.fixture
def batch_of_b(other_organisation):
    from buurtpeil.areas.services import areas_import
    from tests.conftest import DEMO_GEOJSON

    areas_import(organisation=other_organisation, geojson=DEMO_GEOJSON.read_bytes())
    batch = RecruitmentBatch.objects.create(organisation=other_organisation, name="B")
    Invitation.objects.create(
        organisation=other_organisation,
        batch=batch,
        code="BBBBCCCC",
        buurt=other_organisation.areas.filter(level="buurt").first(),
    )
    return batch


def _staff_urls(organisation, batch) -> list[str]:
    urls = []
    for pattern in staff_urls.urlpatterns:
        assert isinstance(pattern, URLPattern)
        kwargs = {"org_code": organisation.code}
        if "batch_id" in pattern.pattern.converters:
            kwargs["batch_id"] = batch.pk
        urls.append(reverse(f"panel_staff:{pattern.name}", kwargs=kwargs))
    return urls


@pytest.mark.parametrize("role", ["viewer", "analyst", "admin"])
def test_staff_of_another_organisation_get_404_on_every_panel_staff_url(
    client, organisation, other_organisation, make_staff, batch_of_b, role
):
    client.force_login(make_staff(organisation, role))
    urls = _staff_urls(other_organisation, batch_of_b)
    assert len(urls) == len(staff_urls.urlpatterns) >= 5
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert client.post(url).status_code == 404, url


def test_a_batch_of_another_organisation_is_404_under_ones_own_code(staff_client, organisation, batch_of_b):
    for name in ("letters", "codes_csv"):
        url = reverse(
            f"panel_staff:{name}", kwargs={"org_code": organisation.code, "batch_id": batch_of_b.pk}
        )
        assert staff_client.get(url).status_code == 404


def test_a_resident_of_one_organisation_has_no_access_to_anothers_pages(
    client, organisation, other_organisation, make_member, login_as
):
    member = make_member(organisation, "resident.a@example.org")
    login_as(member)
    assert client.get(f"/p/{organisation.code}/me/").status_code == 200
    for page in ("me", "profile", "leave", "erase", "me/email"):
        response = client.get(f"/p/{other_organisation.code}/{page}/")
        assert response.status_code == 302, page
        assert response["Location"] == f"/p/{other_organisation.code}/"
    home = client.get(f"/p/{other_organisation.code}/").content.decode()
    assert "resident.a@example.org" not in home
    assert f"/p/{other_organisation.code}/logout/" not in home  # not shown as logged in


def test_a_member_id_under_another_organisations_session_key_is_ignored(
    client, organisation, other_organisation, make_member
):
    from buurtpeil.panel.selectors import session_key

    member = make_member(organisation)
    session = client.session
    session[session_key(other_organisation)] = member.pk
    session.save()
    assert client.get(f"/p/{other_organisation.code}/me/").status_code == 302
