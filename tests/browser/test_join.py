"""The join flow end to end in Chromium on a phone-sized screen, with mail over real SMTP."""

import gzip
import re

import pytest
from playwright.sync_api import expect
from shapely.geometry import shape

from tests.conftest import DEMO_GEOJSON, DEMO_POPULATION

pytestmark = pytest.mark.browser

BUDGET = 50 * 1024  # bytes transferred for the join page: HTML + CSS + JS


@pytest.fixture
def den_haag(transactional_db):
    from buurtpeil.areas.services import areas_import
    from buurtpeil.organisations.services import organisation_upsert

    organisation = organisation_upsert(
        code="GM0518", name="'s-Gravenhage", privacy_contact="privacy@denhaag.example"
    )
    areas_import(
        organisation=organisation,
        geojson=DEMO_GEOJSON.read_bytes(),
        population_csv=DEMO_POPULATION.read_bytes(),
        population_year=2019,
    )
    return organisation


def _largest_buurt(organisation):
    """The buurt with the largest drawn polygon, and a point inside it in map units."""
    from buurtpeil.areas.models import Area
    from buurtpeil.areas.selectors import buurt_map, lonlat_to_svg

    buurten = Area.objects.filter(organisation=organisation, level="buurt").exclude(display_geometry=None)
    buurt = max(buurten, key=lambda area: shape(area.display_geometry).area)
    inside = shape(buurt.display_geometry).representative_point()
    return buurt, lonlat_to_svg(buurt_map(organisation)["projection"], inside.x, inside.y)


def _transferred(responses) -> int:
    """Bytes of the response bodies as sent. HTML comes gzipped from GZipMiddleware; the live
    server sends static files uncompressed (production serves WhiteNoise's pre-compressed
    files), so for a body without Content-Encoding gzip its gzip size at level 6 is counted."""
    total = 0
    for response in responses:
        if response.headers.get("content-encoding") == "gzip":
            total += response.request.sizes()["responseBodySize"]
        else:
            total += len(gzip.compress(response.body(), compresslevel=6))
    return total


def test_a_resident_joins_on_a_phone(phone, live_server, smtp_server, den_haag, axe, record_property):
    responses = []

    def record(response):
        responses.append(response)

    phone.on("response", record)
    phone.goto(f"/p/{den_haag.code}/", wait_until="load")
    phone.remove_listener("response", record)
    size = _transferred(responses)
    record_property("join_page_bytes", size)
    print(f"join page: {size} bytes transferred in {len(responses)} responses")
    assert size < BUDGET, f"the join page transfers {size} bytes"
    assert {r.url.rsplit("/", 1)[-1] for r in responses} >= {"", "app.css"}
    assert phone.locator("html").get_attribute("lang") == "nl"
    assert axe(phone) == []

    phone.get_by_label("E-mailadres").fill("nieuw.lid@example.org")
    phone.get_by_role("button", name="Stuur mij een link").click()
    phone.wait_for_url("**/sent/")
    assert phone.get_by_role("heading", level=1).inner_text() == "Kijk in uw e-mail"

    message = smtp_server.wait_for(1)[0]
    assert message["To"] == "nieuw.lid@example.org"
    body = message.get_content()
    link = re.search(r"http://\S+/login/\S+/", body)[0]
    assert link.startswith(live_server.url)

    phone.goto(link)
    phone.get_by_role("button", name="Verder").click()
    phone.wait_for_url(f"**/p/{den_haag.code}/profile/")
    assert "/login/" not in phone.url

    # "Use my location": the phone's position is looked up on the server.
    located = den_haag.areas.get(code="BU05180271")
    here = shape(located.geometry).representative_point()
    phone.context.grant_permissions(["geolocation"])
    phone.context.set_geolocation({"longitude": here.x, "latitude": here.y})
    phone.get_by_role("button", name="Gebruik mijn locatie").click()
    expect(phone.locator("#id_buurt")).to_have_value("BU05180271")
    assert located.name in phone.locator("#buurt-status").inner_text()

    # Keyboard: a buurt on the map takes focus and Enter chooses it.
    buurt, (x, y) = _largest_buurt(den_haag)
    other = den_haag.areas.filter(level="buurt").exclude(code__in=[buurt.code, located.code]).first()
    phone.locator(f'path[data-code="{other.code}"]').focus()
    phone.keyboard.press("Enter")
    assert phone.locator("#id_buurt").input_value() == other.code

    # A tap on the map, at a point inside the largest buurt.
    shape_on_map = phone.locator(f'path[data-code="{buurt.code}"]')
    shape_on_map.scroll_into_view_if_needed()
    screen = phone.locator("svg.bp-map").evaluate(
        "(svg, [x, y]) => { const p = new DOMPoint(x, y).matrixTransform(svg.getScreenCTM());"
        " return [p.x, p.y]; }",
        [x, y],
    )
    phone.mouse.click(*screen)
    assert phone.locator("#id_buurt").input_value() == buurt.code
    assert shape_on_map.get_attribute("aria-current") == "true"
    assert buurt.name in phone.locator("#buurt-status").inner_text()
    assert axe(phone) == []

    phone.get_by_label("25 tot en met 44 jaar").check()
    phone.get_by_label("Vrouw", exact=True).check()
    phone.get_by_label("Alleenwonend").check()
    phone.get_by_label("Ik heb de privacyverklaring gelezen").check()
    phone.get_by_role("button", name="Meedoen aan het panel").click()
    phone.wait_for_url(f"**/p/{den_haag.code}/me/")
    page = phone.locator("main").inner_text()
    assert "Welkom in het panel" in page
    assert "nieuw.lid@example.org" in page and buurt.name in page and "Alleenwonend" in page
    assert phone.console_errors == []
