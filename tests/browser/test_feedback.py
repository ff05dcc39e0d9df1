"""Feedback end to end: staff close a poll, write the feedback with a goal of the safety plan,
preview and publish it; the e-mail reaches a real SMTP server with the link to the public page;
the resident opens it on a phone, logs in with a magic link and finds the poll with its
feedback under My polls. Every page free of WCAG A/AA violations."""

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from tests.conftest import import_den_haag

pytestmark = pytest.mark.browser

FEEDBACK_LINK = re.compile(r"https?://\S+/open/GM0518/feedback/\d+/")
LOGIN_LINK = re.compile(r"https?://\S+/p/GM0518/login/\S+/")


@pytest.fixture
def answered_poll(analyst_page, settings, smtp_server):
    """A poll sent by e-mail to two members, answered by one; a plan with a goal and an action."""
    from django.utils import timezone

    from buurtpeil.areas.selectors import buurten
    from buurtpeil.distribution.models import Recipient
    from buurtpeil.distribution.services import distribution_create, recipient_responded
    from buurtpeil.organisations.selectors import organisation_by_code
    from buurtpeil.panel.digests import email_digest
    from buurtpeil.panel.models import Identity, PanelMember
    from buurtpeil.plans.models import Action, Goal, Plan
    from buurtpeil.polls.definition import definition_empty
    from buurtpeil.polls.services import poll_create, poll_module_add, poll_publish

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
    poll = poll_create(
        organisation=organisation,
        title="Veiligheid in uw buurt",
        definition=definition_empty(languages=["nl", "en"], title={"nl": "Veiligheid in uw buurt"}),
    )
    poll_module_add(poll=poll, module_code="report_marks")
    poll_publish(poll=poll)
    now = timezone.now()
    distribution_create(
        poll=poll, target={}, channels=["email"], starts_at=now, ends_at=now + timedelta(days=14)
    )
    smtp_server.wait_for(2)  # the invitations
    recipient_responded(recipient=Recipient.objects.get(member_key=members[0].key))
    plan = Plan.objects.create(
        organisation=organisation,
        title="Veiligheidsplan 2027",
        starts=date(2027, 1, 1),
        ends=date(2027, 12, 31),
    )
    goal = Goal.objects.create(
        plan=plan,
        title="Meer bewoners geven hun buurt een voldoende voor veiligheid",
        factor=7,
        indicator="mark_safety",
        target=7.0,
        deadline=date(2027, 12, 31),
        owner="Team Veiligheid",
    )
    Action.objects.create(
        goal=goal, title="Lantaarns in het Zuiderpark", starts=date(2027, 3, 1), ends=date(2027, 6, 30)
    )
    smtp_server.messages.clear()
    return poll, goal


def test_staff_publish_feedback_and_it_reaches_the_resident_by_email_and_in_the_app(
    analyst_page, answered_poll, smtp_server, browser, live_server, axe
):
    poll, goal = answered_poll
    page = analyst_page

    page.goto(f"/staff/GM0518/polls/{poll.pk}/")
    page.get_by_role("button", name="Peiling sluiten").click()
    expect(page.get_by_text("Gesloten", exact=True)).to_be_visible()
    page.get_by_role("link", name="Terugkoppeling aan bewoners").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Terugkoppeling op Veiligheid in uw buurt")

    page.get_by_role("textbox", name="Titel", exact=True).fill("Meer licht in het Zuiderpark")
    page.get_by_role("textbox", name="U zei", exact=True).fill(
        "U gaf de veiligheid 's avonds in het park een onvoldoende."
    )
    page.get_by_role("textbox", name="Wij doen", exact=True).fill(
        "We plaatsen dit voorjaar twintig nieuwe lantaarns."
    )
    page.get_by_label("Titel (Engels)").fill("More light in the Zuiderpark")
    page.get_by_role("checkbox", name=f"{goal.title} (Veiligheidsplan 2027)").check()
    page.get_by_role("checkbox", name=f"Lantaarns in het Zuiderpark ({goal.title})").check()
    page.get_by_role("button", name="Opslaan en voorbeeld bekijken").click()
    preview = page.locator("#preview")
    expect(preview.get_by_role("heading", name="Voorbeeld")).to_be_visible()
    expect(preview).to_contain_text("twintig nieuwe lantaarns")
    expect(preview).to_contain_text(goal.title)
    expect(page.get_by_text("geeft de 1 bewoner die antwoordde bericht")).to_be_visible()
    assert axe(page) == []

    page.get_by_role("button", name="Publiceren en bewoners bericht geven").click()
    expect(
        page.get_by_text("De terugkoppeling is gepubliceerd. 1 bewoner die antwoordde krijgt bericht.")
    ).to_be_visible()

    [message] = smtp_server.wait_for(1)
    assert message["To"] == "bewoner@example.org"  # only the member who answered
    assert message["Subject"] == "Wat er met uw antwoorden gebeurt: Veiligheid in uw buurt"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = FEEDBACK_LINK.search(message.get_body(("plain",)).get_content())[0]
    assert link.startswith(live_server.url) and link in message.get_body(("html",)).get_content()

    phone = browser.new_context(viewport={"width": 360, "height": 740}, locale="nl-NL").new_page()
    phone.goto(link)
    expect(phone.get_by_role("heading", level=1)).to_have_text("Meer licht in het Zuiderpark")
    expect(phone.locator("main")).to_contain_text("Lantaarns in het Zuiderpark")
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
    answered = phone.locator("section", has=phone.get_by_role("heading", name="Veiligheid in uw buurt"))
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
