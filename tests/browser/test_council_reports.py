"""The council report pages in Chromium: an analyst asks for a report of a computed poll, waits
on a page whose progress bar htmx refreshes, and downloads the PDF; every page free of WCAG 2.2
A/AA violations (axe) and without sideways scrolling at 320 px."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import _assert_reflows
from tests.conftest import import_den_haag
from tests.insights.conftest import BIG, SMALL, SMALL_N, add_responses, make_poll

pytestmark = pytest.mark.browser


def _computed_poll():
    from buurtpeil.insights.services import poll_results_compute
    from buurtpeil.organisations.selectors import organisation_by_code

    organisation = organisation_by_code("GM0518")
    import_den_haag(organisation)
    poll, version = make_poll(organisation)
    add_responses(version, {**BIG, SMALL: SMALL_N})
    return poll_results_compute(poll=poll).poll


def test_an_analyst_asks_for_a_council_report_and_downloads_it(analyst_page, axe):
    from buurtpeil.reports.council.models import CouncilReport

    page = analyst_page
    poll = _computed_poll()
    page.goto("/staff/GM0518/")
    page.get_by_role("link", name="Rapporten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Raadsrapportages")
    assert axe(page) == []

    page.get_by_label("Peiling", exact=True).select_option(label=poll.title)
    with page.expect_navigation(timeout=180_000):  # tasks run at once here: the report is made now
        page.get_by_role("button", name="Maak het rapport").first.click(timeout=180_000)
    expect(page).to_have_url(re.compile(r"/staff/GM0518/reports/\d+/$"))
    expect(page.get_by_text("Het rapport is klaar.")).to_be_visible()
    assert axe(page) == []
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("Download de PDF")).click()
    assert download.value.suggested_filename.endswith(".pdf")

    # A report still being made: its progress bar refreshes until the download links appear.
    waiting = CouncilReport.objects.create(
        organisation=poll.organisation, poll=poll, status="running", progress=35, step="charts", language="en"
    )
    page.goto(f"/staff/GM0518/reports/{waiting.pk}/")
    expect(page.locator("progress")).to_have_attribute("value", "35")
    assert axe(page) == []
    CouncilReport.objects.filter(pk=waiting.pk).update(
        status="done", progress=100, step="finished", pdf=b"%PDF-1.7", pdf_size=8, odt=b"PK", odt_size=2
    )
    expect(page.get_by_role("link", name=re.compile("Download de PDF"))).to_be_visible(timeout=10_000)

    page.set_viewport_size({"width": 320, "height": 900})
    for url in ("/staff/GM0518/reports/", f"/staff/GM0518/reports/{waiting.pk}/"):
        page.goto(url)
        assert axe(page) == [], url
        _assert_reflows(page, url)
