"""The policy loop in Chromium: from a poll's results, adopt factors for a buurt, write a goal
(refused while it is not SMART), add actions with partners and move them over the board; every
page free of WCAG 2.2 A/AA violations (axe)."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.test_results import results  # noqa: F401  (fixture)

pytestmark = pytest.mark.browser
BUURT = "BU05182811"  # Kortenbos


def test_from_results_to_a_smart_goal_with_actions_and_partners(results, analyst_page, axe):  # noqa: F811
    page, violations = analyst_page, {}

    def check(name):
        violations[name] = axe(page)

    page.goto("/staff/GM0518/partners/")
    page.get_by_label("Naam").fill("Politie Den Haag, basisteam Centrum")
    page.get_by_label("Sector").select_option(label="Politie")
    page.get_by_role("button", name="Partner toevoegen").click()
    expect(page.get_by_text("De partner is opgeslagen.")).to_be_visible()
    check("partners")

    page.goto("/staff/GM0518/plans/")
    page.get_by_label("Titel").fill("Integraal Veiligheidsplan 2027-2030")
    page.get_by_label("Start").fill("2027-01-01")
    page.get_by_label("Einde").fill("2030-12-31")
    page.get_by_role("button", name="Plan maken").click()
    expect(page.get_by_role("heading", level=1, name="Integraal Veiligheidsplan 2027-2030")).to_be_visible()

    page.goto(f"/staff/GM0518/results/{results.pk}/areas/{BUURT}/")
    page.get_by_role(
        "link", name="Prioritaire factoren voor dit gebied vaststellen in het veiligheidsplan"
    ).click()
    expect(page.get_by_role("heading", level=1, name="Prioriteiten voor Kortenbos")).to_be_visible()
    check("adopt")
    suggested = page.locator("input[type=checkbox]:checked").count()
    assert suggested >= 1
    page.get_by_role("button", name="Vaststellen als prioriteiten").click()
    expect(page.get_by_text("De prioriteiten zijn vastgesteld.")).to_be_visible()
    expect(page.locator("table").first.locator("tbody tr")).to_have_count(suggested)
    check("plan")

    page.get_by_role("link", name="Een doel schrijven").first.click()
    page.get_by_label("Doel", exact=True).fill(
        "Minder bewoners van Kortenbos voelen zich onveilig in hun buurt"
    )
    page.get_by_label("Indicator die het meet").select_option("buurt_unsafe")
    page.get_by_label("Streefwaarde").fill("99")
    deadline = (timezone.localdate() + datetime.timedelta(days=700)).isoformat()
    page.get_by_label("Deadline").fill(deadline)
    page.get_by_label("Eigenaar").fill("Wijkregisseur Centrum")
    page.get_by_role("button", name="Doel opslaan").click()
    expect(page.get_by_role("alert")).to_contain_text("geen verbetering")
    check("goal form with errors")
    page.get_by_label("Streefwaarde").fill("5")
    page.get_by_role("button", name="Doel opslaan").click()
    expect(page.get_by_text("Het doel is opgeslagen met de nulmeting.")).to_be_visible()
    expect(page.get_by_role("heading", level=3, name="Kortenbos")).to_be_visible()

    page.get_by_label("Actie", exact=True).fill("Extra surveillance in de avond")
    page.get_by_label("Politie Den Haag, basisteam Centrum").check()
    page.get_by_label("Start").fill("2027-01-01")
    page.get_by_label("Einde").fill("2027-06-30")
    page.get_by_role("button", name="Actie opslaan").click()
    expect(page.get_by_text("De actie is opgeslagen.")).to_be_visible()
    expect(page.get_by_role("row", name="Extra surveillance in de avond")).to_contain_text("Politie Den Haag")
    check("goal")

    page.goto(page.url.split("/goals/")[0] + "/board/")
    page.get_by_label("Status: Extra surveillance in de avond").select_option(label="Loopt")
    page.get_by_role("button", name=re.compile("Wijzigen.*Extra surveillance in de avond")).click()
    expect(page.get_by_role("region", name="Loopt (1)")).to_contain_text("Extra surveillance in de avond")
    check("board")
    page.get_by_role("link", name="Tijdlijn").click()
    expect(page.locator("svg.bp-timeline")).to_contain_text("Extra surveillance in de avond")
    check("timeline")
    assert violations == {name: [] for name in violations}
