"""The sharing pages in Chromium: a region's members side by side, a municipality's sharing page,
the comparison, and the practice library, free of WCAG 2.2 A/AA violations (axe) and without
sideways scrolling at 320 px; a member withdraws and the region no longer sees its figure."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import _assert_reflows
from tests.practices.test_practices import _action
from tests.regions.conftest import member_with_results

pytestmark = pytest.mark.browser

PASSWORD = "a-long-test-password"


@pytest.fixture
def page(browser, live_server, settings, transactional_db):
    settings.SITE_URL = live_server.url
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="nl-NL", base_url=live_server.url
    )
    yield context.new_page()
    context.close()


def _log_in(page, username):
    page.goto("/staff/login/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_sharing_pages_are_accessible_and_withdrawal_hides_at_once(page, axe, django_user_model):
    from buurtpeil.organisations.services import membership_grant, organisation_upsert
    from buurtpeil.practices.services import practice_draft_save, practice_publish
    from buurtpeil.regions.services import region_member_request

    region = organisation_upsert(code="VR15", name="Veiligheidsregio Haaglanden", kind="region")
    delft = member_with_results("GM0503", "Delft", estimate=0.312)
    rijswijk = member_with_results("GM0603", "Rijswijk", estimate=0.271)
    membership = region_member_request(region=region, member=delft, actor=None)
    region_member_request(region=region, member=rijswijk, actor=None)
    user = django_user_model.objects.create_user(username="advisor", password=PASSWORD)
    for organisation in (region, delft):
        membership_grant(user=user, organisation=organisation, role="admin")
    action = _action(delft)
    practice = practice_draft_save(
        organisation=delft,
        action=action,
        actor=None,
        fields={"title": "Verlichting", "problem": "Donkere stegen", "factor": 2, "approach": "Lampen"},
    )
    practice_publish(practice=practice, actor=None)
    _log_in(page, "advisor")

    page.goto("/staff/GM0503/sharing/")
    page.get_by_role("button", name=re.compile("Instemmen met delen")).click()
    expect(page.get_by_text("ziet uw resultaten nu")).to_be_visible()
    page.goto("/staff/VR15/region/")
    expect(page.get_by_role("cell", name=re.compile("31%"))).to_be_visible()

    pages = [
        "/staff/VR15/region/",
        "/staff/GM0503/sharing/",
        "/staff/GM0503/comparison/",
        "/staff/GM0503/practices/",
        "/staff/GM0503/practices/publish/",
        f"/staff/GM0503/practices/publish/{action.pk}/",
        f"/staff/GM0503/practices/{practice.pk}/",
    ]
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 900})
        for url in pages:
            response = page.goto(url)
            assert response.status == 200, url
            assert axe(page) == [], f"{url} at {width}px"
            if width == 320:
                _assert_reflows(page, url)

    page.goto("/staff/GM0503/sharing/")
    page.get_by_role("button", name=re.compile("Instemming intrekken")).click()
    expect(page.get_by_text("ziet uw resultaten niet meer")).to_be_visible()
    page.goto("/staff/VR15/region/")
    expect(page.get_by_text("31%")).to_have_count(0)
    membership.refresh_from_db()
    assert membership.withdrawn_at is not None
