"""A dialogue meeting end to end in Chromium: an analyst plans a police café for Kortenbos and
invites its panel; a resident opens the personal link from a real e-mail on a phone, registers
with one click and sends a question (a phone number in it is masked); the analyst sees the
question under its theme, records an agreement and turns it into an action of the plan with
one click. Every page free of WCAG 2.2 A/AA violations (axe)."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.conftest import import_den_haag

pytestmark = pytest.mark.browser

INVITATION_LINK = re.compile(r"https?://\S+/p/GM0518/meetings/i/\S+/")
GOAL = "Minder bewoners van Kortenbos voelen zich onveilig"


@pytest.fixture
def kortenbos_panel(analyst_page, settings, smtp_server):
    """Den Haag's areas, a panel member with an address in Kortenbos and a plan with a goal."""
    from buurtpeil.areas.models import Area
    from buurtpeil.organisations.selectors import organisation_by_code
    from buurtpeil.panel.digests import email_digest
    from buurtpeil.panel.models import Identity, PanelMember
    from buurtpeil.plans.models import Goal, Plan

    settings.QUIET_HOURS = "off"
    organisation = organisation_by_code("GM0518")
    import_den_haag(organisation)
    kortenbos = Area.objects.get(organisation=organisation, code="BU05182811")
    member = PanelMember.objects.create(
        organisation=organisation, buurt=kortenbos, status="active", age_group="25_45", sex="male"
    )
    address = "bewoner@example.org"
    Identity.objects.create(
        member=member, organisation=organisation, email=address, email_digest=email_digest(address)
    )
    end = datetime.date(2030, 12, 31)
    plan = Plan.objects.create(
        organisation=organisation, title="IVP 2026-2030", starts=datetime.date(2026, 1, 1), ends=end
    )
    goal = Goal.objects.create(
        plan=plan,
        title=GOAL,
        factor=1,
        indicator="buurt_unsafe",
        target=0.2,
        deadline=end,
        owner="Wijkregisseur",
    )
    goal.areas.set([kortenbos])
    return goal


def test_a_meeting_is_planned_attended_asked_and_its_agreement_becomes_an_action(
    analyst_page, phone, smtp_server, axe, kortenbos_panel
):
    page, violations = analyst_page, {}

    def check(name, on=None):
        violations[name] = axe(on or page)

    page.goto("/staff/GM0518/")
    page.get_by_role("link", name="Bijeenkomsten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bijeenkomsten")
    check("list")
    page.get_by_role("link", name="Bijeenkomst plannen").click()
    starts = timezone.localtime() + datetime.timedelta(days=2)
    page.get_by_label("Soort").select_option(label="Politiecafé")
    page.get_by_label("Onderwerp").fill("Politiecafé Kortenbos")
    page.get_by_label("Gebied").select_option(label="Kortenbos (Buurt)")
    page.get_by_label("Plaats", exact=True).fill("Buurthuis De Mussen")
    page.get_by_label("Begint").fill(starts.strftime("%Y-%m-%dT19:00"))
    page.get_by_label("Eindigt").fill(starts.strftime("%Y-%m-%dT18:00"))
    page.get_by_role("button", name="Bijeenkomst opslaan").click()
    expect(page.get_by_text("De bijeenkomst moet eindigen na het begin.").first).to_be_visible()
    check("form with an error")
    page.get_by_label("Eindigt").fill(starts.strftime("%Y-%m-%dT21:00"))
    page.get_by_role("spinbutton", name="Aantal plaatsen").fill("40")
    page.get_by_role("button", name="Bijeenkomst opslaan").click()
    expect(page.get_by_text("De bijeenkomst is opgeslagen.")).to_be_visible()
    page.get_by_role("button", name="Uitnodigingen versturen").click()
    expect(page.get_by_text("1 uitnodiging verstuurd.")).to_be_visible()
    check("meeting")

    (message,) = smtp_server.wait_for(1)
    assert message["Subject"] == "Uitnodiging: Politiecafé Kortenbos"
    link = INVITATION_LINK.search(message.get_body(("plain",)).get_content()).group(0)
    phone.goto(link)
    expect(phone.get_by_role("heading", level=1)).to_have_text("Politiecafé Kortenbos")
    expect(phone.get_by_text("U bent uitgenodigd als lid van het panel")).to_be_visible()
    check("resident's meeting page", phone)
    phone.get_by_role("button", name="Aanmelden voor deze bijeenkomst").click()
    expect(phone.get_by_text("U bent aangemeld. Tot dan!")).to_be_visible()
    phone.get_by_role("button", name="Vraag versturen").click()
    expect(phone.get_by_role("alert")).to_contain_text("Dit veld is vereist.")
    check("question with an error", phone)
    phone.get_by_label("Uw vraag of onderwerp").fill(
        "Bij het speelveld wordt gedeald, ik ben bereikbaar op 0612345678. Wat doet de politie?"
    )
    phone.get_by_role("button", name="Vraag versturen").click()
    expect(phone.get_by_text("Dank u. Uw vraag is naar de organisatoren gestuurd.")).to_be_visible()
    expect(phone.locator("#meeting-registered")).to_have_text("U bent aangemeld voor deze bijeenkomst.")
    check("registered", phone)
    phone.get_by_role("link", name="Meer bijeenkomsten").click()
    expect(phone.get_by_role("heading", level=2, name="Binnenkort in Kortenbos")).to_be_visible()
    expect(phone.get_by_role("link", name="Politiecafé Kortenbos")).to_be_visible()
    check("meetings of the buurt", phone)

    page.reload()
    expect(page.locator("#meeting-registered")).to_have_text("1 van 40 plaatsen")
    expect(page.locator("#meeting-themes")).to_contain_text("1")
    expect(page.get_by_text("Wat doet de politie?")).to_be_visible()
    expect(page.get_by_text("0612345678")).to_have_count(0)
    page.get_by_label("Afspraak", exact=True).fill("Wijkagent loopt 's avonds langs het speelveld")
    page.get_by_label("Wie", exact=True).fill("Politie, wijkagent")
    page.get_by_label("Wanneer klaar").fill("2027-06-30")
    page.get_by_role("button", name="Afspraak toevoegen").click()
    expect(page.get_by_text("De afspraak is toegevoegd.")).to_be_visible()
    page.get_by_label("Onder het doel").select_option(label=f"{GOAL} (IVP 2026-2030)")
    page.get_by_role("button", name="Maak actie").click()
    expect(page.get_by_text("De afspraak is nu een actie van het plan.")).to_be_visible()
    expect(page.get_by_role("button", name="Maak actie")).to_have_count(0)
    check("agreement with its action")
    page.get_by_role("link", name="Wijkagent loopt 's avonds langs het speelveld").click()
    expect(page.get_by_label("Actie", exact=True)).to_have_value(
        "Wijkagent loopt 's avonds langs het speelveld"
    )
    assert kortenbos_panel.actions.get().ends == datetime.date(2027, 6, 30)
    assert violations == {name: [] for name in violations}
    refused = "status of 400"  # the form answers with 400 Bad Request when it shows an error
    assert [error for error in phone.console_errors if refused not in error] == []
