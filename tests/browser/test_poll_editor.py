"""The poll editor in Chromium: a poll built from a library module, a question edited through
the form, and the poll published as version 1."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_a_poll_is_built_from_a_module_edited_and_published(analyst_page):
    from buurtpeil.polls.models import Poll

    page = analyst_page
    page.goto("/staff/GM0518/")
    page.get_by_role("link", name="Peilingen").click()
    page.get_by_role("link", name="Nieuwe peiling").click()
    page.get_by_label("Titel").fill("Veilig in de wijk 2026")
    page.get_by_role("button", name="Peiling maken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Veilig in de wijk 2026")

    page.get_by_role("link", name="Module uit de bibliotheek toevoegen").click()
    page.locator("#module-victimisation").get_by_role("button", name="Aan de peiling toevoegen").click()
    expect(page.locator("main")).to_contain_text("De module is aan de peiling toegevoegd.")
    expect(page.locator("#question-victim_reported")).to_contain_text("victim = yes")

    page.get_by_role("link", name="Wijzigen victim_reported").click()
    page.get_by_label("Vraagtekst (nl)").fill("Heeft u dit aan de politie gemeld?")
    page.get_by_label("Alleen tonen als eerdere vraag").select_option("victim_types")
    page.get_by_label(re.compile(r"^Voorwaarde")).select_option("selected")
    page.get_by_label(re.compile(r"^Waarde")).fill("burglary")
    page.get_by_role("button", name="Vraag opslaan").click()
    expect(page.locator("main")).to_contain_text("De vraag is opgeslagen.")
    expect(page.locator("#question-victim_reported")).to_contain_text("Heeft u dit aan de politie gemeld?")
    expect(page.locator("#question-victim_reported")).to_contain_text("victim_types bevat burglary")

    page.get_by_role("button", name="Publiceren").click()
    expect(page.locator("main")).to_contain_text("Gepubliceerd als versie 1.")
    expect(page.locator("main")).to_contain_text(re.compile(r"Status: Open"))

    poll = Poll.objects.get(title="Veilig in de wijk 2026")
    question = poll.versions.get(number=1).definition["groups"][0]["questions"][2]
    assert question["text"]["nl"] == "Heeft u dit aan de politie gemeld?"
    assert question["condition"] == {"question": "victim_types", "op": "selected", "value": "burglary"}
