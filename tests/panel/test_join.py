"""Joining: the same answer for known and unknown addresses, double opt-in, the profile."""

import re

import pytest
from django.test import Client

from buurtpeil.panel.models import Identity, MagicLink, PanelMember
from buurtpeil.panel.services import CONSENT_VERSION

pytestmark = pytest.mark.django_db

VOLATILE = re.compile(r'(csrfmiddlewaretoken" value="|nonce=")[^"]+')


def _page(response) -> str:
    return VOLATILE.sub(r"\1…", response.content.decode())


def test_known_and_unknown_addresses_get_the_same_answer(
    organisation, make_member, mailoutbox, django_capture_on_commit_callbacks
):
    make_member(organisation, "known@example.org")
    pages = []
    for email in ("known@example.org", "unknown@example.org"):
        browser = Client()
        with django_capture_on_commit_callbacks(execute=True):
            response = browser.post(f"/p/{organisation.code}/", {"email": email})
        assert response.status_code == 302
        pages.append((response["Location"], _page(browser.get(response["Location"]))))
    assert pages[0] == pages[1]
    assert "known@example.org" not in pages[0][1]
    assert len(mailoutbox) == 2  # each address gets its own mail: login resp. join


def test_link_requests_from_one_address_are_limited(
    organisation, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.RESIDENT_LINK_REQUESTS_MAX = 3
    browser = Client()
    with django_capture_on_commit_callbacks(execute=True):
        answers = [
            browser.post(f"/p/{organisation.code}/", {"email": f"resident{n}@example.org"}).status_code
            for n in range(4)
        ]
    assert answers == [302, 302, 302, 429]
    assert len(mailoutbox) == 3 and MagicLink.objects.count() == 3
    refused = browser.post(f"/p/{organisation.code}/", {"email": "resident9@example.org"})
    assert "Te veel aanvragen" in refused.content.decode()
    # Another connection still gets its link.
    other = Client(REMOTE_ADDR="192.0.2.9").post(f"/p/{organisation.code}/", {"email": "other@example.org"})
    assert other.status_code == 302


def test_an_unconfirmed_address_never_becomes_a_member(client, organisation, request_link):
    token = request_link(organisation, "maybe@example.org")
    assert not PanelMember.objects.exists() and not Identity.objects.exists()
    client.post(f"/p/{organisation.code}/login/{token}/")
    member = PanelMember.objects.get()
    assert member.status == PanelMember.Status.PENDING and member.source == PanelMember.Source.SELF
    assert member.identity.email == "maybe@example.org"
    assert MagicLink.objects.get().email == ""  # the waiting address is wiped on use


def test_an_invalid_address_gets_a_clear_message_in_the_users_language(client, organisation):
    response = client.post(f"/p/{organisation.code}/", {"email": "not-an-address"})
    assert response.status_code == 200
    body = response.content.decode()
    assert 'aria-invalid="true"' in body and 'role="alert"' in body
    assert "naam@voorbeeld.nl" in body
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    body = client.post(f"/p/{organisation.code}/", {"email": "not-an-address"}).content.decode()
    assert "name@example.nl" in body
    assert not MagicLink.objects.exists()


def test_oversized_requests_are_refused_without_writing(client, organisation, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    response = client.post(f"/p/{organisation.code}/", {"email": "a@example.org", "x": "y" * 20_000})
    assert response.status_code == 400
    fields = {f"f{i}": "1" for i in range(1100)}
    assert client.post(f"/p/{organisation.code}/", {"email": "a@example.org", **fields}).status_code == 400
    assert not MagicLink.objects.exists()


def test_an_unknown_organisation_is_404(client, db):
    assert client.get("/p/GM9999/").status_code == 404
    assert client.get("/p/GM9999/privacy/").status_code == 404


def _profile(buurt, **extra):
    return {"buurt": buurt.code, "age_group": "25_45", "sex": "male", "household": "", **extra}


def test_joining_completes_with_buurt_traits_and_consent(client, organisation, buurt, request_link):
    token = request_link(organisation, "joiner@example.org")
    client.post(f"/p/{organisation.code}/login/{token}/")
    page = client.get(f"/p/{organisation.code}/profile/").content.decode()
    assert "<optgroup" in page and 'data-code="BU05180271"' in page and "panel-map.js" in page

    response = client.post(f"/p/{organisation.code}/profile/", _profile(buurt))
    assert response.status_code == 200 and "consent" in response.content.decode()
    assert PanelMember.objects.get().status == PanelMember.Status.PENDING

    response = client.post(f"/p/{organisation.code}/profile/", _profile(buurt, consent="on"))
    assert response["Location"] == f"/p/{organisation.code}/me/"
    member = PanelMember.objects.get()
    assert member.status == PanelMember.Status.ACTIVE
    assert (member.buurt, member.age_group, member.sex) == (buurt, "25_45", "male")
    assert member.consent_version == CONSENT_VERSION and member.consent_at is not None
    me = client.get(f"/p/{organisation.code}/me/").content.decode()
    assert "joiner@example.org" in me and buurt.name in me


def test_a_double_submitted_profile_saves_once(client, organisation, buurt, request_link):
    token = request_link(organisation, "twice@example.org")
    client.post(f"/p/{organisation.code}/login/{token}/")
    client.post(f"/p/{organisation.code}/profile/", _profile(buurt, consent="on"))
    first = PanelMember.objects.values().get()
    response = client.post(f"/p/{organisation.code}/profile/", _profile(buurt, consent="on"))
    assert response.status_code == 302
    assert PanelMember.objects.values().get() == first


def test_a_member_changes_the_profile(client, organisation, buurten, make_member, login_as):
    member = make_member(organisation, buurt=buurten["BU05180271"], consent_version=CONSENT_VERSION)
    login_as(member)
    page = client.get(f"/p/{organisation.code}/profile/").content.decode()
    assert 'name="consent"' not in page  # asked once per version of the privacy statement
    new_buurt = buurten["BU05180170"]
    response = client.post(
        f"/p/{organisation.code}/profile/",
        {"buurt": new_buurt.code, "age_group": "65_plus", "sex": "female", "household": "single"},
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.buurt, member.age_group, member.household) == (new_buurt, "65_plus", "single")


def test_a_buurt_of_another_organisation_is_refused(
    client, organisation, other_organisation, buurt, make_member, login_as
):
    from buurtpeil.areas.services import areas_import
    from tests.conftest import DEMO_GEOJSON

    areas_import(organisation=other_organisation, geojson=DEMO_GEOJSON.read_bytes())
    member = make_member(other_organisation, buurt=other_organisation.areas.filter(level="buurt").first())
    login_as(member)
    # Same code, but the other organisation's own buurt is meant: only its own areas are valid.
    client.post(f"/p/{other_organisation.code}/profile/", _profile(buurt, consent="on"))
    member.refresh_from_db()
    assert member.buurt.organisation == other_organisation


def test_locate_returns_the_buurt_at_a_point(client, organisation, buurt, make_member, login_as):
    from shapely.geometry import shape

    from buurtpeil.areas.models import Area

    login_as(make_member(organisation))
    point = shape(Area.objects.get(pk=buurt.pk).geometry).representative_point()
    response = client.post(f"/p/{organisation.code}/locate/", {"lon": point.x, "lat": point.y})
    assert response.json() == {"code": buurt.code, "name": buurt.name}
    response = client.post(f"/p/{organisation.code}/locate/", {"lon": 0, "lat": 0})
    assert response.status_code == 404 and "error" in response.json()
    assert client.post(f"/p/{organisation.code}/locate/", {"lon": "nan", "lat": 1}).status_code == 400


def test_locate_needs_a_resident_session(client, organisation, buurten):
    response = client.post(f"/p/{organisation.code}/locate/", {"lon": 4.3, "lat": 52.08})
    assert response.status_code == 302


def test_a_new_address_counts_once_confirmed(client, organisation, make_member, login_as, request_link):
    member = make_member(organisation, "old@example.org")
    login_as(member)
    token = request_link(organisation, "new@example.org", via=f"/p/{organisation.code}/me/email/")
    assert Identity.objects.get().email == "old@example.org"
    client.post(f"/p/{organisation.code}/login/{token}/")
    identity = Identity.objects.get()
    assert identity.email == "new@example.org" and identity.member == member


def test_a_new_address_that_belongs_to_another_member_is_refused(
    client, organisation, make_member, login_as, request_link
):
    member = make_member(organisation, "mine@example.org")
    make_member(organisation, "theirs@example.org")
    login_as(member)
    token = request_link(organisation, "theirs@example.org", via=f"/p/{organisation.code}/me/email/")
    response = client.post(f"/p/{organisation.code}/login/{token}/")
    assert response.status_code == 409
    assert Identity.objects.get(member=member).email == "mine@example.org"


def test_logout_ends_the_resident_session(client, organisation, make_member, login_as):
    login_as(make_member(organisation))
    assert client.get(f"/p/{organisation.code}/me/").status_code == 200
    assert client.post(f"/p/{organisation.code}/logout/").status_code == 302
    assert client.get(f"/p/{organisation.code}/me/").status_code == 302


def test_the_privacy_statement_names_retention_and_contact(client, organisation):
    organisation.retention_months = 36
    organisation.privacy_contact = "privacy@denhaag.example"
    organisation.save()
    body = client.get(f"/p/{organisation.code}/privacy/").content.decode()
    assert "36" in body and 'href="mailto:privacy@denhaag.example"' in body
