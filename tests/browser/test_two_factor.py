"""In Chromium: a staff member sets up two-step verification after the password (QR code, key
as text, a code, recovery codes) and later logs in with a code; both pages free of WCAG 2.2
A/AA violations and without sideways scrolling on a phone."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PASSWORD = "a-long-test-password"


def _reflows(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def _password_step(page):
    page.goto("/staff/login/")
    page.get_by_label("Gebruikersnaam").fill("inge")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_set_up_and_log_in_with_an_authenticator_app(
    phone, axe, settings, transactional_db, django_user_model
):
    from buurtpeil.organisations import totp
    from buurtpeil.organisations.services import membership_grant, organisation_upsert

    settings.STAFF_2FA_REQUIRED = True
    organisation = organisation_upsert(code="GM0518", name="'s-Gravenhage")
    user = django_user_model.objects.create_user(username="inge", password=PASSWORD)
    membership_grant(user=user, organisation=organisation, role="analyst")

    _password_step(phone)
    expect(phone.get_by_role("heading", level=1)).to_have_text("Tweestapsverificatie instellen")
    expect(phone.get_by_role("img", name="QR-code voor uw authenticatie-app")).to_be_visible()
    assert axe(phone) == []
    assert _reflows(phone) <= 0
    secret = phone.locator("#totp-secret").inner_text().replace(" ", "")
    phone.get_by_label("Code uit de app").fill(totp.code_at(secret, totp.step_at()))
    with phone.expect_navigation():
        phone.get_by_role("button", name="Bevestigen").click()

    expect(phone.get_by_role("heading", level=1)).to_have_text("Uw herstelcodes")
    expect(phone.locator("#recovery-codes li")).to_have_count(10)
    assert axe(phone) == []
    assert _reflows(phone) <= 0
    with phone.expect_navigation():
        phone.get_by_role("link", name="Ik heb ze bewaard, verder").click()
    expect(phone).to_have_url(re.compile(r"/staff/GM0518/$"))
    with phone.expect_navigation():
        phone.get_by_role("button", name="Afmelden").click()

    _password_step(phone)
    expect(phone.get_by_role("heading", level=1)).to_have_text("Verificatiecode")
    phone.get_by_label("Code").fill("000000")
    with phone.expect_navigation():
        phone.get_by_role("button", name="Bevestigen").click()
    expect(phone.get_by_text("Deze code klopt niet, of is al gebruikt.")).to_be_visible()
    assert axe(phone) == []
    assert _reflows(phone) <= 0
    phone.get_by_label("Code").fill(totp.code_at(secret, totp.step_at() + 1))
    with phone.expect_navigation():
        phone.keyboard.press("Enter")
    expect(phone).to_have_url(re.compile(r"/staff/GM0518/$"))
    assert phone.console_errors == []
