"""Pages in Chromium free of WCAG 2.2 A/AA violations (axe) and without sideways scrolling at
320 px (reflow): the public resident pages, and every staff page after a keyboard login and a
CSV upload that makes letters."""

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import DEMO_GEOJSON, DEMO_POPULATION

pytestmark = pytest.mark.browser

PASSWORD = "a-long-test-password"


@pytest.fixture
def staff_page(browser, live_server, settings, transactional_db, django_user_model):
    from buurtpeil.areas.services import areas_import
    from buurtpeil.organisations.services import membership_grant, organisation_upsert

    settings.SITE_URL = live_server.url
    organisation = organisation_upsert(code="GM0518", name="'s-Gravenhage")
    areas_import(
        organisation=organisation,
        geojson=DEMO_GEOJSON.read_bytes(),
        population_csv=DEMO_POPULATION.read_bytes(),
        population_year=2019,
    )
    user = django_user_model.objects.create_user(username="advisor", password=PASSWORD)
    membership_grant(user=user, organisation=organisation, role="admin")
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="nl-NL", base_url=live_server.url
    )
    page = context.new_page()
    yield page
    context.close()


def _log_in_with_the_keyboard(page):
    page.goto("/staff/login/")
    expect(page.get_by_label("Gebruikersnaam")).to_be_focused()  # autofocus
    page.keyboard.type("advisor")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/staff/GM0518/$"))


def test_staff_pages_are_accessible_and_letters_are_made_from_a_csv(staff_page, axe, tmp_path):
    page = staff_page
    _log_in_with_the_keyboard(page)
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    csv = tmp_path / "adressen.csv"
    csv.write_text(
        "name;address;buurtcode\nJ. Jansen;Spui 70, 2511 BT Den Haag;BU05182811\n", encoding="utf-8"
    )
    page.goto("/staff/GM0518/recruitment/upload/")
    page.get_by_label("Naam", exact=False).first.fill("Steekproef voorjaar")
    page.set_input_files("input[type=file]", str(csv))
    with page.expect_navigation():
        page.locator("main button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("Spui 70")
    expect(page.locator("main svg").first).to_be_visible()  # the QR code
    letters_url = page.url.removeprefix(page.url.split("/staff/")[0])
    distribution = _distribution_sent()
    poll = _poll_with_a_module()

    pages = [
        "/staff/GM0518/",
        "/staff/GM0518/areas/",
        "/staff/GM0518/areas/import/",
        "/staff/GM0518/recruitment/",
        "/staff/GM0518/recruitment/upload/",
        letters_url,
        "/staff/GM0518/audit/",
        "/staff/GM0518/settings/",
        "/staff/GM0518/api-tokens/",
        "/staff/GM0518/sending/",
        "/staff/GM0518/sending/new/",
        f"/staff/GM0518/sending/{distribution.pk}/",
        "/staff/GM0518/polls/",
        "/staff/GM0518/polls/new/",
        "/staff/GM0518/polls/library/",
        f"/staff/GM0518/polls/{poll.pk}/",
        f"/staff/GM0518/polls/{poll.pk}/library/",
        f"/staff/GM0518/polls/{poll.pk}/settings/",
        f"/staff/GM0518/polls/{poll.pk}/groups/new/",
        f"/staff/GM0518/polls/{poll.pk}/questions/victim_types/",
        f"/staff/GM0518/polls/{poll.pk}/translations/",
        f"/staff/GM0518/polls/{poll.pk}/translations/en/",
        "/staff/GM0518/meetings/",
        "/staff/GM0518/meetings/new/",
    ]
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 900})
        for url in pages:
            response = page.goto(url)
            assert response.status == 200, url
            assert axe(page) == [], f"{url} at {width}px"
            if width == 320:
                _assert_reflows(page, url)


def _poll_with_a_module():
    """A poll with the victimisation module (choices, conditions) and one text missing in English."""
    from buurtpeil.organisations.selectors import organisation_by_code
    from buurtpeil.polls.services import poll_create, poll_module_add

    poll = poll_create(
        organisation=organisation_by_code("GM0518"),
        title="Veiligheid in de buurt",
        definition={"languages": ["nl", "en"], "title": {"nl": "Veiligheid in de buurt"}, "groups": []},
    )
    poll_module_add(poll=poll, module_code="victimisation")
    return poll


def _distribution_sent():
    """A published poll sent to two members, so the sending pages show progress and a monitor."""
    from django.utils import timezone

    from buurtpeil.distribution.services import distribution_create
    from buurtpeil.organisations.selectors import organisation_by_code
    from buurtpeil.panel.models import PanelMember
    from buurtpeil.polls.services import poll_create, poll_publish
    from tests.distribution.conftest import DEFINITION

    organisation = organisation_by_code("GM0518")
    for buurt in organisation.areas.filter(level="buurt").order_by("code")[:2]:
        PanelMember.objects.create(organisation=organisation, buurt=buurt, status=PanelMember.Status.ACTIVE)
    poll = poll_create(organisation=organisation, title="Veiligheid 2026", definition=DEFINITION)
    poll_publish(poll=poll)
    now = timezone.now()
    return distribution_create(
        poll=poll, target={}, channels=["email"], starts_at=now, ends_at=now + timezone.timedelta(days=14)
    )


def _assert_reflows(page, url):
    """WCAG 1.4.10: at 320 CSS pixels the page itself does not scroll sideways."""
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    culprits = page.evaluate(
        "() => [...document.body.querySelectorAll('*')]"
        ".filter(e => e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 0 && e.tagName !== 'HTML')"
        ".map(e => e.tagName + ' ' + (e.textContent || '').trim().slice(0, 60))"
    )
    assert overflow <= 0, f"{url} scrolls sideways by {overflow}px at 320px: {culprits}"


def test_public_resident_pages_are_accessible_at_320px(phone, axe, transactional_db):
    from buurtpeil.organisations.services import organisation_upsert

    organisation_upsert(code="GM0518", name="'s-Gravenhage", privacy_contact="privacy@denhaag.example")
    phone.set_viewport_size({"width": 320, "height": 640})
    for url in ["/", "/p/GM0518/", "/p/GM0518/code/", "/p/GM0518/privacy/", "/p/GM0518/sent/"]:
        response = phone.goto(url)
        assert response.status == 200, url
        assert axe(phone) == [], url
        _assert_reflows(phone, url)
