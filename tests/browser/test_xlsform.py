"""The XLSForm upload page in Chromium: accessible (axe, no sideways scrolling at 320 px) empty,
with a table of problems, and an upload that becomes a poll."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import _assert_reflows
from tests.polls.xlsform_workbooks import YES_NO, survey_nl_en, workbook

pytestmark = pytest.mark.browser


def _check(page, axe, url):
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 900})
        assert axe(page) == [], f"{url} at {width}px"
        if width == 320:
            _assert_reflows(page, url)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_the_xlsform_page_is_accessible_and_imports(analyst_page, axe, tmp_path):
    page = analyst_page
    page.goto("/staff/GM0518/polls/import/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Een XLSForm importeren")
    _check(page, axe, "import page")

    bad = tmp_path / "herhaling.xlsx"
    bad.write_bytes(
        workbook(
            survey_nl_en(
                ["begin repeat", "kinderen_in_het_huishouden_met_een_lange_naam", "Kinderen", "Children"],
                ["text", "kid", "Naam", "Name"],
                ["end repeat"],
                ["select_one yn", "buurt", "Buurt", "Area", None, "wijk=${wijk}"],
                header=(
                    "type",
                    "name",
                    "label::Dutch (nl)",
                    "label::English (en)",
                    "relevant",
                    "choice_filter",
                ),
            ),
            YES_NO,
        )
    )
    page.get_by_label("XLSForm-werkmap (.xlsx)").set_input_files(str(bad))
    with page.expect_navigation():
        page.get_by_role("button", name="Werkmap importeren").click()
    table = page.get_by_role("table", name="Problemen in de werkmap, per rij")
    expect(table.locator("tbody tr")).to_have_count(2)
    expect(table).to_contain_text("Herhalingen (begin repeat) worden niet ondersteund")
    expect(table).to_contain_text("Keuzefilters")
    _check(page, axe, "import page with problems")

    good = tmp_path / "buurt.xlsx"
    good.write_bytes(
        workbook(
            survey_nl_en(["select_one yn", "safe", "Veilig?", "Safe?"]),
            YES_NO,
            [["form_title"], ["Buurtpeiling"]],
        )
    )
    page.get_by_label("XLSForm-werkmap (.xlsx)").set_input_files(str(good))
    with page.expect_navigation():
        page.get_by_role("button", name="Werkmap importeren").click()
    expect(page).to_have_url(re.compile(r"/staff/GM0518/polls/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Buurtpeiling")
    expect(page.locator("main")).to_contain_text(
        "De XLSForm is geïmporteerd als conceptpeiling met 1 vragen."
    )
