"""The partner network in Chromium: a partner answers the network poll on a phone through the
link in its e-mail (real SMTP), and staff see the drawn network with its measures; every page
free of WCAG A/AA violations (axe)."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
LINK = re.compile(r"https?://\S+/p/GM0518/network/\S+/")


@pytest.fixture
def partners(analyst_page):
    from buurtpeil.organisations.selectors import organisation_by_code
    from buurtpeil.partners.models import Partner

    organisation = organisation_by_code("GM0518")
    rows = [
        ("Politie basisteam Centrum", "police", "politie@example.org"),
        ("Gemeente, team veiligheid", "municipality", "gemeente@example.org"),
        ("Haag Wonen", "housing", ""),
        ("Basisschool De Vlinder", "school", ""),
    ]
    for name, sector, email in rows:
        Partner.objects.create(organisation=organisation, name=name, sector=sector, contact_email=email)


def test_a_partner_answers_the_network_poll_and_staff_see_the_network(
    analyst_page, partners, smtp_server, browser, axe
):
    page = analyst_page
    page.goto("/staff/GM0518/partners/network/")
    assert axe(page) == []
    page.get_by_label("Titel").fill("Netwerkpeiling 2026")
    page.get_by_role("button", name="De netwerkpeiling naar de partners sturen").click()
    expect(page.get_by_text("De netwerkpeiling is verstuurd naar 2 partners.")).to_be_visible()

    messages = smtp_server.wait_for(2)
    [mail] = [m for m in messages if m["To"] == "politie@example.org"]
    link = LINK.search(mail.get_content())[0]
    phone = browser.new_context(viewport={"width": 360, "height": 740}, locale="nl-NL").new_page()
    phone.goto(link)
    police_asks = phone.get_by_role("group", name="Gemeente, team veiligheid (Gemeente)")
    police_asks.get_by_label("Hoe vaak werkt u samen?").select_option(label="Wekelijks")
    police_asks.get_by_label("Casussen en personen (casusoverleg)").check()
    phone.get_by_role("group", name="Haag Wonen (Woningcorporatie)").get_by_label(
        "Hoe vaak werkt u samen?"
    ).select_option(label="Maandelijks")
    phone.get_by_role("button", name="Antwoord versturen").click()
    expect(phone.get_by_text("Dank u wel. Uw antwoord is opgeslagen")).to_be_visible()
    assert axe(phone) == []
    phone.context.close()

    page.reload()
    expect(page.get_by_text("1 van 2 partners hebben geantwoord.")).to_be_visible()
    expect(page.locator("svg.bp-network line")).to_have_count(2)
    school = page.get_by_role("row", name=re.compile("Basisschool De Vlinder"))
    expect(school).to_contain_text("geïsoleerd")
    expect(page.get_by_role("row", name=re.compile("Politie basisteam Centrum"))).to_contain_text("centraal")
    expect(page.locator("main")).to_contain_text("Woningcorporatie \u2013 School")
    assert axe(page) == []
