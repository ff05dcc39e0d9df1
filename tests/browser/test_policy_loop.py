"""The policy loop end to end in Chromium: from a poll's results, adopt factors for a buurt,
write a goal (refused while it is not SMART), add an action with a partner and move it over the
board; close the poll, write the feedback with that goal and action, publish it; the e-mail
reaches a real SMTP server with the link to the public page; the resident opens it on a phone,
logs in with a magic link and finds the poll with its feedback under My polls. Every page free
of WCAG A/AA violations (axe)."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.conftest import import_den_haag
from tests.insights.conftest import BIG, SMALL, SMALL_N, add_responses, make_poll

pytestmark = pytest.mark.browser

FEEDBACK_LINK = re.compile(r"https?://\S+/open/GM0518/feedback/\d+/")
LOGIN_LINK = re.compile(r"https?://\S+/p/GM0518/login/\S+/")
BUURT = "BU05182811"  # Kortenbos
GOAL = "Minder bewoners van Kortenbos voelen zich onveilig in hun buurt"
ACTION = "Extra surveillance in de avond"


@pytest.fixture
def answered_poll(analyst_page, settings, smtp_server):
    """A poll of library modules with computed results (made-up answers in a few buurten), also
    sent by e-mail to two panel members with an address, of whom one answered."""
    from buurtpeil.areas.selectors import buurten
    from buurtpeil.distribution.models import Recipient
    from buurtpeil.distribution.services import distribution_create, recipient_responded
    from buurtpeil.insights.services import poll_results_compute
    from buurtpeil.organisations.selectors import organisation_by_code
    from buurtpeil.panel.digests import email_digest
    from buurtpeil.panel.models import Identity, PanelMember

    settings.QUIET_HOURS = "off"
    organisation = organisation_by_code("GM0518")
    import_den_haag(organisation)
    buurt = buurten(organisation).first()
    members = []
    for address in ("bewoner@example.org", "buurvrouw@example.org"):
        member = PanelMember.objects.create(
            organisation=organisation, buurt=buurt, status="active", age_group="25_45", sex="male"
        )
        Identity.objects.create(
            member=member, organisation=organisation, email=address, email_digest=email_digest(address)
        )
        members.append(member)
    poll, version = make_poll(organisation)
    add_responses(version, {**BIG, SMALL: SMALL_N})
    poll_results_compute(poll=poll)
    now = timezone.now()
    distribution_create(
        poll=poll, target={}, channels=["email"], starts_at=now, ends_at=now + timedelta(days=14)
    )
    smtp_server.wait_for(2)  # the invitations
    recipient_responded(recipient=Recipient.objects.get(member_key=members[0].key))
    smtp_server.messages.clear()
    return poll


def _from_results_to_actions(page, poll, axe):
    """Partner, plan, priorities adopted from a buurt's profile, a goal refused while not SMART,
    an action with its partner, the board and the timeline."""
    violations = {}

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

    page.goto(f"/staff/GM0518/results/{poll.pk}/areas/{BUURT}/")
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
    page.get_by_label("Doel", exact=True).fill(GOAL)
    page.get_by_label("Indicator die het meet").select_option("buurt_unsafe")
    page.get_by_label("Streefwaarde").fill("99")
    deadline = (timezone.localdate() + timedelta(days=700)).isoformat()
    page.get_by_label("Deadline").fill(deadline)
    page.get_by_label("Eigenaar").fill("Wijkregisseur Centrum")
    page.get_by_role("button", name="Doel opslaan").click()
    expect(page.get_by_role("alert")).to_contain_text("geen verbetering")
    check("goal form with errors")
    page.get_by_label("Streefwaarde").fill("5")
    page.get_by_role("button", name="Doel opslaan").click()
    expect(page.get_by_text("Het doel is opgeslagen met de nulmeting.")).to_be_visible()
    expect(page.get_by_role("heading", level=3, name="Kortenbos")).to_be_visible()

    page.get_by_label("Actie", exact=True).fill(ACTION)
    page.get_by_label("Politie Den Haag, basisteam Centrum").check()
    page.get_by_label("Start").fill("2027-01-01")
    page.get_by_label("Einde").fill("2027-06-30")
    page.get_by_role("button", name="Actie opslaan").click()
    expect(page.get_by_text("De actie is opgeslagen.")).to_be_visible()
    expect(page.get_by_role("row", name=ACTION)).to_contain_text("Politie Den Haag")
    check("goal")

    page.goto(page.url.split("/goals/")[0] + "/board/")
    page.get_by_label("Status: Extra surveillance in de avond").select_option(label="Loopt")
    page.get_by_role("button", name=re.compile(f"Wijzigen.*{ACTION}")).click()
    expect(page.get_by_role("region", name="Loopt (1)")).to_contain_text(ACTION)
    check("board")
    page.get_by_role("link", name="Tijdlijn").click()
    expect(page.locator("svg.bp-timeline")).to_contain_text(ACTION)
    check("timeline")
    assert violations == {name: [] for name in violations}


def test_the_policy_loop_from_results_to_feedback_that_reaches_the_resident(
    analyst_page, answered_poll, smtp_server, browser, live_server, axe
):
    poll, page = answered_poll, analyst_page
    _from_results_to_actions(page, poll, axe)
    goal_title, action_title = GOAL, ACTION

    page.goto(f"/staff/GM0518/polls/{poll.pk}/")
    page.get_by_role("button", name="Peiling sluiten").click()
    expect(page.get_by_text("Gesloten", exact=True)).to_be_visible()
    page.locator("main").get_by_role("link", name="Terugkoppeling aan bewoners").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Terugkoppeling op Veiligheid 2026")

    page.get_by_role("textbox", name="Titel", exact=True).fill("Meer licht in het Zuiderpark")
    page.get_by_role("textbox", name="U zei", exact=True).fill(
        "U gaf de veiligheid 's avonds in het park een onvoldoende."
    )
    page.get_by_role("textbox", name="Wij doen", exact=True).fill(
        "We plaatsen dit voorjaar twintig nieuwe lantaarns."
    )
    page.get_by_label("Titel (Engels)").fill("More light in the Zuiderpark")
    page.get_by_role("checkbox", name=f"{goal_title} (Integraal Veiligheidsplan 2027-2030)").check()
    page.get_by_role("checkbox", name=f"{action_title} ({goal_title})").check()
    page.get_by_role("button", name="Opslaan en voorbeeld bekijken").click()
    preview = page.locator("#preview")
    expect(preview.get_by_role("heading", name="Voorbeeld")).to_be_visible()
    expect(preview).to_contain_text("twintig nieuwe lantaarns")
    expect(preview).to_contain_text(goal_title)
    expect(page.get_by_text("geeft de 1 bewoner die antwoordde bericht")).to_be_visible()
    assert axe(page) == []

    page.get_by_role("button", name="Publiceren en bewoners bericht geven").click()
    expect(
        page.get_by_text("De terugkoppeling is gepubliceerd. 1 bewoner die antwoordde krijgt bericht.")
    ).to_be_visible()

    [message] = smtp_server.wait_for(1)
    assert message["To"] == "bewoner@example.org"  # only the member who answered
    assert message["Subject"] == "Wat er met uw antwoorden gebeurt: Veiligheid"  # the title residents saw
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = FEEDBACK_LINK.search(message.get_body(("plain",)).get_content())[0]
    assert link.startswith(live_server.url) and link in message.get_body(("html",)).get_content()

    phone = browser.new_context(viewport={"width": 360, "height": 740}, locale="nl-NL").new_page()
    phone.goto(link)
    expect(phone.get_by_role("heading", level=1)).to_have_text("Meer licht in het Zuiderpark")
    expect(phone.locator("main")).to_contain_text(action_title)
    assert axe(phone) == []

    phone.get_by_role("link", name="Panelleden: de peilingen die u beantwoordde").click()
    phone.get_by_label("E-mailadres").fill("bewoner@example.org")
    phone.get_by_role("button", name="Stuur mij een link").click()
    [login] = smtp_server.wait_for(2)[1:]
    phone.goto(LOGIN_LINK.search(login.get_content())[0])
    phone.get_by_role("button", name="Verder").click()
    phone.wait_for_url("**/p/GM0518/me/")
    phone.get_by_role("link", name="Mijn peilingen", exact=True).click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Mijn peilingen")
    answered = phone.locator("section", has=phone.get_by_role("heading", name="Veiligheid 2026"))
    expect(answered).to_contain_text("U antwoordde op")
    expect(answered.get_by_role("heading", name="Meer licht in het Zuiderpark")).to_be_visible()
    expect(answered).to_contain_text("We plaatsen dit voorjaar twintig nieuwe lantaarns.")
    assert axe(phone) == []
    phone.context.close()

    page.reload()  # editing afterwards: the public page changes, nobody gets a second message
    page.get_by_role("textbox", name="Wij doen", exact=True).fill("We plaatsen dertig nieuwe lantaarns.")
    page.get_by_role("button", name="Wijzigingen opslaan").click()
    expect(page.get_by_text("niemand krijgt opnieuw bericht").first).to_be_visible()
    page.goto(link)
    expect(page.locator("main")).to_contain_text("We plaatsen dertig nieuwe lantaarns.")
    assert len(smtp_server.messages) == 2

    lists = {"/staff/GM0518/feedback/": "1 bewoner kreeg bericht", "/open/GM0518/feedback/": "Meer licht"}
    for url, shown in lists.items():
        page.goto(url)
        expect(page.locator("main")).to_contain_text(shown)
        assert axe(page) == [], url
