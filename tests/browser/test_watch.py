"""Neighbourhood watch in Chromium: an analyst registers a group, sees it on the map of groups
per buurt and sends the check-in; the coordinator answers it on a phone through the link in a
real e-mail (a wrong number refused first); the group's page then shows the warnings. Every page
free of WCAG 2.2 A/AA violations (axe)."""

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import import_den_haag

pytestmark = pytest.mark.browser


def test_a_group_is_registered_mapped_checked_in_and_warned(analyst_page, phone, smtp_server, axe):
    from buurtpeil.organisations.selectors import organisation_by_code

    import_den_haag(organisation_by_code("GM0518"))
    page, violations = analyst_page, {}

    def check(name, on=None):
        violations[name] = axe(on or page)

    page.goto("/staff/GM0518/")
    page.get_by_role("link", name="Buurtpreventie").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Buurtpreventie")
    page.get_by_role("link", name="Alle groepen").click()
    page.get_by_role("link", name="Groep toevoegen").click()
    page.get_by_label("Naam").fill("Buurtapp Kortenbos")
    page.get_by_label("Soort").select_option(label="Buurtapp (WhatsApp of andere app)")
    page.get_by_label("Buurten").select_option(label="Kortenbos (BU05182811)")
    page.get_by_label("Leden (ongeveer)").fill("85")
    page.get_by_label("Coördinator", exact=True).fill("Fatima de Vries")
    page.get_by_label("E-mailadres van de coördinator").fill("fatima@example.org")
    page.get_by_label("Gedragscode ondertekend op").fill("2099-01-01")
    page.get_by_role("button", name="Groep opslaan").click()
    expect(page.get_by_text("Deze datum ligt in de toekomst.")).to_be_visible()
    check("form with an error")
    page.get_by_label("Gedragscode ondertekend op").fill("2025-06-01")
    page.get_by_role("button", name="Groep opslaan").click()
    expect(page.get_by_text("De groep is opgeslagen.")).to_be_visible()
    expect(page.get_by_text("Fatima de Vries")).to_have_count(0)  # contact details only on request
    check("group")

    page.get_by_role("link", name="Kaart van buurtpreventie").click()
    expect(page.get_by_role("row", name=re.compile("Kortenbos"))).to_contain_text("Buurtapp Kortenbos")
    assert page.locator("svg.bp-choropleth path").count() == 114
    check("overview")

    page.get_by_role("link", name="Alle groepen").click()
    page.get_by_role("button", name="Check-in nu versturen (1 groep)").click()
    expect(page.get_by_text("De check-in is verstuurd naar 1 coördinator.")).to_be_visible()
    check("list")
    (message,) = smtp_server.wait_for(1)
    link = re.search(r"http://\S+/p/GM0518/watch/\S+/", message.get_content()).group(0)

    phone.goto(link)
    expect(phone.get_by_role("heading", level=1)).to_have_text("Check-in: Buurtapp Kortenbos")
    check("check-in", phone)
    phone.get_by_label("Hoe vaak hebben leden").fill("4")
    phone.get_by_label("En hoeveel van die meldingen").fill("5")

    def choose(question, answer):
        phone.get_by_role("group", name=question).get_by_label(answer, exact=True).check()

    choose("Hebben leden zelf mensen aangesproken, tegengehouden of gevolgd?", "Nooit")
    choose("Zijn mensen als verdacht gemeld om hoe ze eruitzien?", "Eén keer")
    choose("Houden leden bij wanneer buren komen en gaan?", "Nooit")
    choose("Worden er foto's van mensen gedeeld in de groep?", "Nooit")
    choose("Hoe is de toon in de groepsapp?", "Vriendelijk")
    choose("Houden leden zich aan de afspraken van de gedragscode?", "Ja")
    choose("Had de groep in deze periode contact met de wijkagent?", "Ja, regelmatig")
    phone.get_by_role("button", name="Check-in versturen").click()
    expect(phone.get_by_role("alert")).to_contain_text("Dit kan niet meer zijn dan het aantal meldingen.")
    check("check-in with an error", phone)
    phone.get_by_label("En hoeveel van die meldingen").fill("3")
    phone.get_by_role("button", name="Check-in versturen").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Bedankt")
    check("thanks", phone)
    assert phone.console_errors == []

    page.reload()
    expect(page.get_by_role("row", name=re.compile("Buurtapp Kortenbos"))).to_contain_text(
        "Belt te snel de politie"
    )
    page.get_by_role("link", name="Buurtapp Kortenbos").click()
    expect(page.get_by_text("Verdacht om hoe ze eruitzien")).to_be_visible()
    expect(page.get_by_text(re.compile("Bespreek met de wijkagent wanneer u 112 belt"))).to_be_visible()
    check("group with warnings")
    assert violations == {name: [] for name in violations}
