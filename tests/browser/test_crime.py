"""Figures per buurt and perceived safety beside registered crime, in Chromium: the scatter chart
is drawn under the Content-Security-Policy, an upload shows its summary, and the pages are free
of WCAG 2.2 A/AA violations (axe) at 1280 and 320 px."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import _assert_reflows
from tests.conftest import import_den_haag
from tests.insights.conftest import BIG, MODELLED, SMALL, SMALL_N, add_responses, make_poll

pytestmark = pytest.mark.browser


@pytest.fixture
def results(transactional_db):
    from buurtpeil.demo.crime import demo_crime_figures
    from buurtpeil.insights.services import poll_results_compute
    from buurtpeil.organisations.services import organisation_upsert

    organisation = organisation_upsert(code="GM0518", name="'s-Gravenhage")
    import_den_haag(organisation)
    poll, version = make_poll(organisation)
    add_responses(version, {**BIG, **MODELLED, SMALL: SMALL_N})
    poll_results_compute(poll=poll)
    demo_crime_figures(organisation, years=(poll.created_at.year - 1,))
    return poll


def test_crime_pages_draw_the_chart_take_an_upload_and_are_accessible(results, analyst_page, axe, tmp_path):
    page, errors = analyst_page, []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"/staff/GM0518/results/{results.pk}/")
    page.get_by_role("link", name="Ervaren veiligheid en geregistreerde criminaliteit").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Ervaren veiligheid en geregistreerde criminaliteit"
    )
    expect(page.locator(".bp-chart svg")).to_be_visible()
    expect(page.locator("#crime-table")).to_contain_text("Kortenbos")
    expect(page.locator("main")).to_contain_text("Synthetisch (demo)")
    page.locator("#crime-table").get_by_role("link", name="Kortenbos").click()
    expect(page.get_by_role("heading", level=1, name="Kortenbos")).to_be_visible()
    expect(page.locator("#buurt-crime")).to_contain_text("Geregistreerde misdrijven per 1.000 inwoners")

    csv = tmp_path / "misdrijven.csv"
    csv.write_text("buurtcode,jaar,categorie,waarde\nBU05182811,2019,burglary,12\nBU09999999,2019,x,1\n")
    page.goto("/staff/GM0518/figures/import/")
    page.get_by_label("Bestand met cijfers per buurt (CSV)").set_input_files(str(csv))
    page.get_by_label("Bron").fill("CBS/Politie 47018NED")
    page.locator("main button[type=submit]").click()
    expect(page.get_by_role("status")).to_contain_text("BU09999999")
    assert errors == [], "no script or Content-Security-Policy errors"

    pages = [
        f"/staff/GM0518/results/{results.pk}/crime/",
        f"/staff/GM0518/results/{results.pk}/areas/BU05182811/",
        "/staff/GM0518/figures/",
        "/staff/GM0518/figures/import/",
    ]
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 900})
        for url in pages:
            assert page.goto(url).status == 200, url
            assert axe(page) == [], f"{url} at {width}px"
            if width == 320:
                _assert_reflows(page, url)
