"""In Chromium: the API-token page at 320 px with a token just made and one revoked, and the
API's Swagger UI running under the site's strict Content-Security-Policy."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PASSWORD = "a-long-test-password"


def _reflows(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def test_a_token_is_made_shown_once_and_revoked_on_a_phone(phone, axe, transactional_db, django_user_model):
    from buurtpeil.organisations.services import membership_grant, organisation_upsert

    organisation = organisation_upsert(code="GM0518", name="'s-Gravenhage")
    user = django_user_model.objects.create_user(username="advisor", password=PASSWORD)
    membership_grant(user=user, organisation=organisation, role="admin")
    phone.set_viewport_size({"width": 320, "height": 700})
    phone.goto("/staff/login/")
    phone.get_by_label("Gebruikersnaam").fill("advisor")
    phone.get_by_label("Wachtwoord").fill(PASSWORD)
    with phone.expect_navigation():
        phone.keyboard.press("Enter")

    phone.goto("/staff/GM0518/api-tokens/")
    phone.get_by_label("Naam").fill("Dashboard van het beleidsteam")
    with phone.expect_navigation():
        phone.get_by_role("button", name="Token maken").click()

    token = phone.locator("#new-token").inner_text()
    assert re.fullmatch(r"bp_[\w-]{40,}", token)
    assert axe(phone) == []
    assert _reflows(phone) <= 0
    with phone.expect_navigation():
        phone.get_by_role("button", name="Intrekken token Dashboard van het beleidsteam").click()
    expect(phone.get_by_role("status")).to_contain_text("ingetrokken")
    assert token not in phone.content()
    assert axe(phone) == []
    assert _reflows(phone) <= 0


def test_swagger_ui_runs_under_the_content_security_policy(phone, transactional_db):
    phone.goto("/api/v1/docs")
    expect(phone.get_by_text("/peilingen/{id}/aantallen")).to_be_visible(timeout=15_000)
    assert phone.console_errors == []
