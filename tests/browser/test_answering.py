"""Answering a poll in Chromium on a phone: every question type and a condition, the offline
outbox with the network cut and restored, WCAG 2.2 AA (axe) and reflow at 320 px, and the
first-load transfer budget."""

import pytest
from playwright.sync_api import expect
from shapely.geometry import shape

from tests.browser.test_join import BUDGET, _largest_buurt, _transferred
from tests.conftest import DEMO_GEOJSON, DEMO_POPULATION
from tests.responses import factories

pytestmark = pytest.mark.browser


@pytest.fixture
def invitation(transactional_db):
    """(organisation, token) of a member of Den Haag (real buurten) invited to a poll with every
    question type."""
    from buurtpeil.areas.services import areas_import
    from buurtpeil.organisations.services import organisation_upsert

    organisation = organisation_upsert(code="GM0518", name="'s-Gravenhage")
    areas_import(
        organisation=organisation,
        geojson=DEMO_GEOJSON.read_bytes(),
        population_csv=DEMO_POPULATION.read_bytes(),
        population_year=2019,
    )
    poll, _version = factories.poll_published(organisation, show_results=True)
    _recipient, token = factories.invitation(organisation, poll=poll)
    return organisation, token


def _no_sideways_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def _stored():
    from buurtpeil.responses.models import Response, SubmissionKey

    return list(Response.objects.all()), SubmissionKey.objects.count()


def test_every_question_type_and_a_condition_on_a_phone(phone, invitation, axe, record_property):
    organisation, token = invitation
    responses = []

    def record(response):
        responses.append(response)

    phone.on("response", record)
    phone.goto(f"/p/{organisation.code}/a/{token}", wait_until="load")
    phone.remove_listener("response", record)
    size = _transferred([r for r in responses if not r.url.endswith("sw.js")])
    record_property("answer_page_bytes", size)
    print(f"answering page: {size} bytes transferred in {len(responses)} responses")
    assert size < BUDGET, f"the answering page transfers {size} bytes"

    expect(phone.get_by_text("Stap 1 van 4")).to_be_visible()
    phone.set_viewport_size({"width": 320, "height": 740})
    assert axe(phone) == [] and _no_sideways_scroll(phone)

    # Required answers are asked for, with a summary whose link leads to the question.
    phone.get_by_role("button", name="Volgende").click()
    summary = phone.get_by_role("alert")
    expect(summary).to_contain_text("Beantwoord deze vraag.")
    summary.get_by_role("link").first.click()
    expect(phone.locator("#a-victim-1")).to_be_focused()

    # A condition on the same screen: the follow-up question appears for "Ja".
    reported = phone.get_by_text("Heeft u dat gemeld bij de politie?")
    expect(reported).to_be_hidden()
    phone.locator("#q-victim").get_by_label("Ja").check()
    expect(reported).to_be_visible()
    phone.locator("#q-reported").get_by_label("Nee").check()
    phone.get_by_label("Diefstal").check()
    phone.get_by_label("Bedreiging").check()
    phone.get_by_role("button", name="Volgende").click()

    expect(phone.get_by_text("Stap 2 van 4")).to_be_visible()
    phone.get_by_label("Eens", exact=True).check()  # "unsafe" 4 shows the map question later
    phone.locator("#q-mark").get_by_label("6", exact=True).check()
    phone.get_by_label("Hoeveel jaar woont u in deze buurt?").fill("150")
    phone.get_by_role("button", name="Volgende").click()
    expect(phone.locator("#e-years")).to_have_text("Het getal is te hoog.")
    phone.get_by_label("Hoeveel jaar woont u in deze buurt?").fill("12")
    phone.get_by_role("button", name="Volgende").click()

    expect(phone.get_by_text("Stap 3 van 4")).to_be_visible()
    litter = phone.get_by_role("group", name="Rommel op straat")
    litter.get_by_label("Komt vaak voor").check()
    phone.get_by_role("group", name="Te hard rijden").get_by_label("Komt soms voor").check()
    # The map: a tap sets the point and chooses the buurt in the list.
    buurt, (x, y) = _largest_buurt(organisation)
    svg = phone.locator("#q-where svg.bp-map")
    svg.scroll_into_view_if_needed()
    screen = svg.evaluate(
        "(svg, [x, y]) => { const p = new DOMPoint(x, y).matrixTransform(svg.getScreenCTM());"
        " return [p.x, p.y]; }",
        [x, y],
    )
    phone.mouse.click(*screen)
    expect(phone.locator("#a-where")).to_have_value(buurt.code)
    assert axe(phone) == [] and _no_sideways_scroll(phone)
    phone.get_by_role("button", name="Volgende").click()

    expect(phone.get_by_text("Stap 4 van 4")).to_be_visible()
    phone.get_by_label("Wilt u nog iets kwijt?").fill("Meer licht op het plein")
    phone.get_by_role("button", name="Verstuur mijn antwoorden").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Bedankt")

    (response,), keys = _stored()
    answers = response.answers
    assert response.status == "complete" and keys == 4
    assert answers["victim"] == "yes" and answers["reported"] == "no"
    assert answers["kinds"] == ["theft", "threat"] and answers["unsafe"] == "4" and answers["mark"] == 6
    assert answers["years"] == 12 and answers["nuisance"] == {"litter": "often", "speeding": "sometimes"}
    assert answers["remarks"] == "Meer licht op het plein"
    point = answers["where"]
    assert (
        shape(buurt.geometry)
        .buffer(0.002)
        .contains(shape({"type": "Point", "coordinates": [point["lon"], point["lat"]]}))
    )
    assert axe(phone) == [] and _no_sideways_scroll(phone)
    assert phone.console_errors == []


def test_answers_wait_in_the_browser_while_offline_and_arrive_once(phone, invitation):
    organisation, token = invitation
    phone.goto(f"/p/{organisation.code}/a/{token}")
    phone.locator("#q-victim").get_by_label("Nee").check()
    phone.get_by_role("button", name="Volgende").click()
    phone.get_by_label("Oneens", exact=True).check()
    phone.locator("#q-mark").get_by_label("8", exact=True).check()
    phone.get_by_role("button", name="Volgende").click()
    expect(phone.get_by_text("Stap 3 van 4")).to_be_visible()
    # The map question is hidden: "unsafe" was answered 2.
    expect(phone.locator("#q-where")).to_be_hidden()

    phone.context.set_offline(True)
    phone.get_by_role("group", name="Rommel op straat").get_by_label("Komt soms voor").check()
    phone.get_by_role("group", name="Te hard rijden").get_by_label("Komt vaak voor").check()
    phone.get_by_role("button", name="Volgende").click()
    phone.get_by_role("button", name="Verstuur mijn antwoorden").click()
    expect(phone.locator("#bp-status")).to_have_text(
        "Opgeslagen op dit toestel, wordt verstuurd zodra er verbinding is."
    )
    (response,), _keys = _stored()
    assert response.status == "in_progress" and "nuisance" not in response.answers

    phone.context.set_offline(False)
    expect(phone.get_by_role("heading", level=1)).to_have_text("Bedankt", timeout=20_000)
    (response,), keys = _stored()
    assert response.status == "complete" and keys == 4
    assert response.answers == {
        "victim": "no",
        "unsafe": "2",
        "mark": 8,
        "nuisance": {"litter": "sometimes", "speeding": "often"},
    }
    assert phone.console_errors == [] or all("ERR_INTERNET_DISCONNECTED" in e for e in phone.console_errors)
