"""Sending's resident pages in Chromium at 320 px: the one-click unsubscribe page (axe, reflow,
the button works) and the "turn on notifications" button on the member's page."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import _assert_reflows

pytestmark = pytest.mark.browser


@pytest.fixture
def member(transactional_db):
    from buurtpeil.organisations.services import organisation_upsert
    from buurtpeil.panel.digests import email_digest
    from buurtpeil.panel.models import Identity, PanelMember

    organisation = organisation_upsert(code="GM0518", name="'s-Gravenhage")
    member = PanelMember.objects.create(
        organisation=organisation, status=PanelMember.Status.ACTIVE, age_group="45_65", sex="female"
    )
    email = "lid@example.org"
    Identity.objects.create(
        member=member, organisation=organisation, email=email, email_digest=email_digest(email)
    )
    return member


def test_the_unsubscribe_page_is_accessible_and_its_button_opts_out(phone, axe, member):
    from buurtpeil.distribution.models import OptOut
    from buurtpeil.distribution.unsubscribe import unsubscribe_token

    token = unsubscribe_token(organisation_id=member.organisation_id, member_key=member.key, channel="email")
    phone.set_viewport_size({"width": 320, "height": 640})

    phone.goto(f"/p/GM0518/unsubscribe/{token}")
    assert axe(phone) == []
    _assert_reflows(phone, "unsubscribe")
    assert not OptOut.objects.exists()
    with phone.expect_navigation():
        phone.get_by_role("button", name="Ja, afmelden").click()

    expect(phone.get_by_role("heading", level=1)).to_have_text("U bent afgemeld")
    assert axe(phone) == []
    assert OptOut.objects.filter(member_key=member.key, channel="email").exists()


def test_the_notifications_button_asks_only_when_clicked_and_says_when_blocked(
    phone, axe, member, settings, live_server
):
    from django.contrib.sessions.backends.db import SessionStore

    from buurtpeil.panel.selectors import session_key

    settings.VAPID_PUBLIC_KEY = (
        "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM"
    )
    settings.VAPID_PRIVATE_KEY, settings.VAPID_SUBJECT = "unused-here", "mailto:privacy@example.org"
    store = SessionStore()
    store[session_key(member.organisation)] = member.pk
    store.create()
    phone.context.add_cookies([{"name": "sessionid", "value": store.session_key, "url": live_server.url}])
    phone.set_viewport_size({"width": 320, "height": 640})

    phone.goto("/p/GM0518/me/")
    button = phone.get_by_role("button", name="Meldingen aanzetten")
    expect(button).to_be_visible()  # shown by the script, since this browser has push
    assert axe(phone) == []
    _assert_reflows(phone, "me")
    button.click()  # headless Chromium does not grant notifications without a prompt

    expect(phone.get_by_role("status").filter(has_text="Meldingen")).to_contain_text("geblokkeerd")
    assert phone.console_errors == []
