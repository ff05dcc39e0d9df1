"""The results pages in Chromium: charts drawn under the Content-Security-Policy, the map leads to
a buurt page and marks model estimates, and every page is free of WCAG 2.2 A/AA violations (axe)
at 1280 and 320 px."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import _assert_reflows
from tests.conftest import import_den_haag
from tests.insights.conftest import BIG, MODELLED, SMALL, SMALL_N, add_responses, make_poll

pytestmark = pytest.mark.browser
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results"


@pytest.fixture
def results(transactional_db):
    """Made before the browser logs in, so the live server reads finished results."""
    from buurtpeil.insights.services import poll_results_compute, poll_results_publish
    from buurtpeil.organisations.services import organisation_upsert
    from buurtpeil.polls.services import poll_close

    organisation = organisation_upsert(code="GM0518", name="'s-Gravenhage")
    import_den_haag(organisation)
    poll, version = make_poll(organisation)
    add_responses(version, {**BIG, **MODELLED, SMALL: SMALL_N})
    poll_results_compute(poll=poll)
    poll_close(poll=poll)
    poll_results_publish(poll=poll, actor=None)
    return poll


def _stored(results, key):
    from buurtpeil.insights.selectors import poll_results, result_parts

    return result_parts(poll_results(results), [key])[key]


def _charts_drawn(page):
    expect(page.locator(".bp-chart svg").first).to_be_visible()
    assert page.locator(".bp-chart svg").count() == page.locator(".bp-chart").count()


def test_results_pages_draw_their_charts_and_are_accessible(results, analyst_page, axe):
    page, errors = analyst_page, []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    base = f"/staff/GM0518/results/{results.pk}/"
    page.goto(base)
    _charts_drawn(page)
    page.get_by_label("Gebied").select_option(label="Buurt: Kortenbos")
    page.get_by_role("button", name="Tonen").click()
    expect(page.get_by_role("heading", level=2, name="Kortenbos")).to_be_visible()
    _charts_drawn(page)

    page.goto(base + "map/?indicator=i.mark_safety")
    buurt = page.locator(f'.bp-choropleth a[href$="/areas/{SMALL}/"]')
    # The small buurt: the model's figure with its interval, marked, and no n (its own is hidden).
    model = _stored(results, "map:i.mark_safety")[SMALL]
    assert set(model) == {"s", "e", "l", "h", "se"} and model["s"] == "model"
    label = (
        f"Transvaalkwartier-Zuid: {model['e']:.1f} ({model['l']:.1f} tot {model['h']:.1f}), "
        "modelschatting (te weinig respondenten voor een eigen cijfer)"
    )
    expect(buurt).to_have_attribute("aria-label", label)
    expect(buurt.locator("path")).to_have_attribute("fill", re.compile(r"url\(#bp-model-[0-4]\)"))
    expect(buurt.locator("title")).to_have_text(label)  # the tooltip
    expect(page.locator(".bp-legend")).to_contain_text("modelschatting (gestippeld)")
    expect(page.get_by_role("region", name="Cijfers per gebied")).to_contain_text(label)
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "map.png", full_page=True)
    page.locator('.bp-choropleth a[href$="/areas/BU05182811/"]').click()
    expect(page.get_by_role("heading", level=1, name="Kortenbos")).to_be_visible()
    _charts_drawn(page)
    page.screenshot(path=SCREENSHOTS / "buurt.png", full_page=True)
    assert errors == [], "no script or Content-Security-Policy errors"

    # The full results page once; the others also at 320 px (reflow).
    assert page.goto(base).status == 200
    assert axe(page) == [], base
    pages = [f"{base}?area={SMALL}", f"{base}map/?indicator=i.mark_safety", f"{base}areas/BU05182811/"]
    pages += [f"{base}areas/{SMALL}/", "/staff/GM0518/results/"]
    pages += [f"/open/GM0518/{results.pk}/", "/open/GM0518/"]
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 900})
        for url in pages:
            assert page.goto(url).status == 200, url
            assert axe(page) == [], f"{url} at {width}px"
            if width == 320:
                _assert_reflows(page, url)
