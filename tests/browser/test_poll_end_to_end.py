"""A poll from send to answer: staff schedule it on the send page, the invitation reaches a real
SMTP server, the resident opens the link from the e-mail on a phone and answers, and the
response monitor counts the answer in the resident's buurt."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from tests.conftest import DEMO_GEOJSON, DEMO_POPULATION

pytestmark = pytest.mark.browser

ANSWER_LINK = re.compile(r"https?://\S+/p/GM0518/a/[A-Za-z0-9_-]+")


@pytest.fixture
def published_poll(analyst_page, settings):
    """Den Haag's buurten, one panel member with an e-mail address, and a published poll."""
    from buurtpeil.areas.selectors import buurten
    from buurtpeil.areas.services import areas_import
    from buurtpeil.organisations.selectors import organisation_by_code
    from buurtpeil.panel.digests import email_digest
    from buurtpeil.panel.models import Identity, PanelMember
    from buurtpeil.polls.definition import definition_empty
    from buurtpeil.polls.services import poll_create, poll_module_add, poll_publish

    settings.QUIET_HOURS = "off"
    organisation = organisation_by_code("GM0518")
    areas_import(
        organisation=organisation,
        geojson=DEMO_GEOJSON.read_bytes(),
        population_csv=DEMO_POPULATION.read_bytes(),
        population_year=2019,
    )
    buurt = buurten(organisation).first()
    member = PanelMember.objects.create(
        organisation=organisation, buurt=buurt, status="active", age_group="25_45", sex="male"
    )
    address = "bewoner@example.org"
    Identity.objects.create(
        member=member, organisation=organisation, email=address, email_digest=email_digest(address)
    )
    poll = poll_create(
        organisation=organisation,
        title="Veiligheid in uw buurt",
        definition=definition_empty(languages=["nl", "en"], title={"nl": "Veiligheid in uw buurt"}),
    )
    poll_module_add(poll=poll, module_code="report_marks")
    poll_publish(poll=poll)
    return poll, buurt


def test_a_poll_is_sent_by_email_and_answered_from_its_link(
    analyst_page, published_poll, smtp_server, browser, live_server
):
    from django.utils import timezone

    from buurtpeil.responses.models import Response

    poll, buurt = published_poll
    page = analyst_page
    page.goto(f"/staff/GM0518/polls/{poll.pk}/")
    page.get_by_role("link", name="Deze peiling versturen").click()
    now = timezone.localtime()
    page.get_by_label("Start", exact=True).fill(now.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Einde", exact=True).fill((now + timedelta(days=14)).strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("checkbox", name="E-mail").check()
    page.get_by_role("button", name="Bereikte leden tellen").click()
    page.get_by_role("button", name="Versturen inplannen naar 1 lid").click()
    expect(page.get_by_text("Het versturen is ingepland voor 1 lid.")).to_be_visible()

    [message] = smtp_server.wait_for(1)
    assert message["To"] == "bewoner@example.org"
    link = ANSWER_LINK.search(message.get_body(("plain",)).get_content()).group(0)
    assert link.startswith(live_server.url)

    phone = browser.new_context(viewport={"width": 360, "height": 740}, locale="nl-NL").new_page()
    phone.goto(link)
    for _screen in range(10):  # on each screen, the first answer of every question
        for question in phone.locator("fieldset.utrecht-form-fieldset:visible").all():
            question.locator("input").first.check()
        if not phone.get_by_role("button", name="Volgende").is_visible():
            break
        phone.get_by_role("button", name="Volgende").click()
    phone.get_by_role("button", name="Verstuur mijn antwoorden").click()
    expect(phone.get_by_role("heading", name="Bedankt")).to_be_visible()
    phone.context.close()

    response = Response.objects.get()
    assert response.status == Response.Status.COMPLETE and response.buurt_code == buurt.code
    assert response.answers and "@" not in str(response.answers)

    page.reload()
    monitor = page.get_by_role("row", name=re.compile(re.escape(buurt.name)))
    expect(monitor.first).to_contain_text("1")
