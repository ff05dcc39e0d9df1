"""The exports page in Chromium: accessible (axe, no sideways scrolling at 320 px) for an
analyst and for a viewer, and a download button that gives the file."""

import csv
import io

import pytest
from playwright.sync_api import expect

from buurtpeil.organisations.models import AuditEvent
from tests.browser.test_accessibility import _assert_reflows
from tests.reports.factories import poll_answered

pytestmark = pytest.mark.browser


@pytest.fixture
def answered(analyst_page):
    from buurtpeil.organisations.selectors import organisation_by_code

    return poll_answered(organisation_by_code("GM0518"))


def _check(page, axe, what):
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 900})
        assert axe(page) == [], f"{what} at {width}px"
        if width == 320:
            _assert_reflows(page, what)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_the_exports_page_is_accessible_and_downloads_a_csv(analyst_page, axe, answered, tmp_path):
    page = analyst_page
    page.goto(f"/staff/GM0518/polls/{answered.pk}/exports/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Antwoorden exporteren: Veiligheid")
    expect(page.get_by_role("note")).to_contain_text("Gepseudonimiseerde gegevens")
    _check(page, axe, "exports page")

    page.get_by_label("Taal van de vragen en labels").select_option("en")
    with page.expect_download() as download:
        page.get_by_role("button", name="CSV (.csv) downloaden").click()
    assert download.value.suggested_filename == f"veiligheid-{answered.pk}-answers-en.csv"
    path = tmp_path / "answers.csv"
    download.value.save_as(path)
    records = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig")), delimiter=";"))
    assert [record["respondent"] for record in records] == ["1", "2", "3"]
    assert AuditEvent.objects.filter(action="export").count() == 1


def test_a_viewer_sees_the_reason_on_an_accessible_page(analyst_page, axe, answered):
    from buurtpeil.organisations.models import Membership

    Membership.objects.filter(user__username="analyst").update(role="viewer")
    page = analyst_page
    page.goto(f"/staff/GM0518/polls/{answered.pk}/exports/")
    expect(page.get_by_role("alert")).to_contain_text("Alleen analisten en beheerders")
    expect(page.get_by_role("button", name="CSV (.csv) downloaden")).to_have_count(0)
    _check(page, axe, "exports page for a viewer")
