"""Staff sessions end after 30 minutes without a request and 12 hours after the login; the next
request goes to the login page with a Dutch message. Residents' sessions are left alone.

Time is moved by moving the clocks stored in the session."""

import pytest

from tests.panel.conftest import LINK

IDLE = "U bent uitgelogd omdat u 30 minuten niets hebt gedaan. Log opnieuw in."
LIFETIME = "U bent uitgelogd omdat uw sessie de maximale duur van 12 uur heeft bereikt. Log opnieuw in."


def _move_clocks(client, **seconds_back):
    session = client.session
    for name, seconds in seconds_back.items():
        session[f"_staff_{name}_at"] -= seconds
    session.save()


@pytest.mark.django_db
def test_thirty_minutes_without_a_request_end_the_session(client, organisation, staff_member, log_in):
    log_in("inge")
    page = f"/staff/{organisation.code}/polls/"
    assert client.get(page).status_code == 200
    _move_clocks(client, seen=31 * 60)

    response = client.get(page)
    assert response.status_code == 302 and response["Location"] == f"/staff/login/?next={page}"
    assert IDLE in client.get(response["Location"]).content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_requests_keep_the_session_alive(client, organisation, staff_member, log_in):
    log_in("inge")
    page = f"/staff/{organisation.code}/polls/"
    for _ in range(3):  # an hour and a half, a request every 25 minutes
        _move_clocks(client, seen=25 * 60, auth=25 * 60)
        assert client.get(page).status_code == 200


@pytest.mark.django_db
def test_twelve_hours_after_the_login_the_session_ends_however_busy(
    client, organisation, staff_member, log_in
):
    log_in("inge")
    _move_clocks(client, auth=12 * 3600 + 1)
    response = client.get(f"/staff/{organisation.code}/polls/", follow=True)
    assert LIFETIME in response.content.decode()
    assert response.redirect_chain[-1][0].startswith("/staff/login/")


@pytest.mark.django_db
def test_an_htmx_request_is_sent_to_the_login_page_as_a_whole(client, organisation, staff_member, log_in):
    log_in("inge")
    _move_clocks(client, seen=31 * 60)
    response = client.get(f"/staff/{organisation.code}/polls/", HTTP_HX_REQUEST="true")
    assert response["HX-Redirect"].startswith("/staff/login/")


@pytest.mark.django_db
def test_the_settings_come_from_the_environment(client, organisation, staff_member, log_in, settings):
    settings.STAFF_SESSION_IDLE_MINUTES = 5
    log_in("inge")
    assert client.session.get_expiry_age() == 12 * 3600
    _move_clocks(client, seen=6 * 60)
    assert client.get(f"/staff/{organisation.code}/").status_code == 302


@pytest.mark.django_db
def test_residents_keep_their_long_session(
    client, organisation, mailoutbox, django_capture_on_commit_callbacks
):
    from buurtpeil.areas.services import areas_import
    from buurtpeil.panel.digests import email_digest
    from buurtpeil.panel.models import Identity, PanelMember
    from tests.conftest import DEMO_GEOJSON

    areas_import(organisation=organisation, geojson=DEMO_GEOJSON.read_bytes())
    member = PanelMember.objects.create(
        organisation=organisation, status=PanelMember.Status.ACTIVE, age_group="45_65", sex="female"
    )
    email = "bewoner@example.org"
    Identity.objects.create(
        member=member, organisation=organisation, email=email, email_digest=email_digest(email)
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/p/{organisation.code}/", {"email": email})
    token = LINK.search(mailoutbox[-1].body)["token"]
    response = client.post(f"/p/{organisation.code}/login/{token}/")
    assert response.status_code == 302
    assert client.session.get_expiry_age() == 30 * 24 * 3600
    assert client.get(f"/p/{organisation.code}/me/").status_code == 200
