"""The open answers page in Chromium: accessible (axe) at desktop width and at 320 px, sorting
by its button, and a correction saved in place with htmx; no personal data on the page."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import _assert_reflows

pytestmark = pytest.mark.browser


@pytest.fixture
def poll_answered(analyst_page):
    from buurtpeil.organisations.selectors import organisation_by_code
    from tests.openanswers.conftest import open_poll

    poll, _version = open_poll(organisation_by_code("GM0518"))
    return poll


def test_the_open_answers_page_is_accessible_and_a_correction_saves_in_place(
    analyst_page, axe, poll_answered
):
    from buurtpeil.openanswers.models import OpenAnswer

    page = analyst_page
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto(f"/staff/GM0518/polls/{poll_answered.pk}/open-answers/")
    expect(page.get_by_role("status").first).to_contain_text("10 antwoorden zijn nog niet gesorteerd")
    with page.expect_navigation():
        page.get_by_role("button", name="Sorteer de antwoorden").click()
    expect(page.locator(".bp-answer")).to_have_count(10)
    assert axe(page) == []
    for secret in ("06-12345678", "piet@example.nl", "Jansen"):
        assert secret not in page.content()

    answer = OpenAnswer.objects.get(poll=poll_answered, text__startswith="Buurman")
    item = page.locator(f"#answer-{answer.pk}")
    item.get_by_label("Thema").select_option(label="Overig")
    item.get_by_label("Factor").select_option(value="4")
    item.get_by_role("button", name="Opslaan").click()

    expect(page.locator(f"#answer-{answer.pk}").get_by_role("status")).to_have_text("Opgeslagen.")
    expect(page.locator(f"#answer-{answer.pk}")).to_contain_text("Thema: Overig · Factor: 4. Het gesprek")
    answer.refresh_from_db()
    assert (answer.theme, answer.factor, answer.source) == ("other", 4, "staff")
    assert page.url.endswith("/open-answers/")  # htmx: no page load
    assert axe(page) == []

    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(f"/staff/GM0518/polls/{poll_answered.pk}/open-answers/?q=donker")
    assert axe(page) == []
    _assert_reflows(page, "open answers")
    assert errors == []
