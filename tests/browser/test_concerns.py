"""A panel member reports an unsafe situation on a phone in Chromium: tap the spot on the map,
choose a category, add a photo; the form, its errors and the 112 page are free of axe violations."""

import io

import pytest
from playwright.sync_api import expect
from shapely.geometry import shape

from tests.concerns.conftest import jpeg_with_gps
from tests.conftest import DEMO_GEOJSON, DEMO_POPULATION

pytestmark = pytest.mark.browser


@pytest.fixture
def member(transactional_db):
    from buurtpeil.areas.services import areas_import
    from buurtpeil.organisations.services import organisation_upsert
    from buurtpeil.panel.models import PanelMember

    organisation = organisation_upsert(code="GM0518", name="'s-Gravenhage")
    areas_import(
        organisation=organisation,
        geojson=DEMO_GEOJSON.read_bytes(),
        population_csv=DEMO_POPULATION.read_bytes(),
    )
    return PanelMember.objects.create(
        organisation=organisation,
        buurt=organisation.areas.filter(level="buurt").order_by("code").first(),
        age_group="25_45",
        sex="male",
        status=PanelMember.Status.ACTIVE,
    )


def _log_in(phone, live_server, member):
    from django.contrib.sessions.backends.db import SessionStore

    from buurtpeil.panel.selectors import session_key

    store = SessionStore()
    store[session_key(member.organisation)] = member.pk
    store.create()
    phone.context.add_cookies([{"name": "sessionid", "value": store.session_key, "url": live_server.url}])


def _largest_buurt(organisation):
    from buurtpeil.areas.models import Area
    from buurtpeil.areas.selectors import buurt_map, lonlat_to_svg

    buurten = Area.objects.filter(organisation=organisation, level="buurt").exclude(display_geometry=None)
    buurt = max(buurten, key=lambda area: shape(area.display_geometry).area)
    inside = shape(buurt.display_geometry).representative_point()
    return buurt, lonlat_to_svg(buurt_map(organisation)["projection"], inside.x, inside.y)


def _no_sideways_scroll(phone):
    assert phone.evaluate("document.documentElement.scrollWidth") <= phone.viewport_size["width"]


def test_a_member_taps_the_spot_and_sends_a_signal_with_a_photo(phone, live_server, member, axe, tmp_path):
    from buurtpeil.concerns.models import Concern

    _log_in(phone, live_server, member)
    phone.goto("/p/GM0518/signals/")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Meld een onveilige situatie")
    expect(phone.get_by_role("link", name="112")).to_be_visible()
    expect(phone.locator("#concern-map")).to_be_visible()  # the script shows the map
    assert axe(phone) == []
    _no_sideways_scroll(phone)

    # Nothing chosen: the errors are listed, in Dutch, and accessible.
    phone.get_by_role("button", name="Signaal versturen").click()
    expect(phone.get_by_role("heading", name="Verbeter het volgende")).to_be_visible()
    expect(phone.get_by_text("Kies de buurt, of tik de plek aan op de kaart.").first).to_be_visible()
    assert axe(phone) == []

    buurt, (x, y) = _largest_buurt(member.organisation)
    phone.get_by_label("Nee", exact=True).check()
    phone.get_by_label("Rondhangende groepen").check()
    svg = phone.locator("#concern-svg")
    svg.scroll_into_view_if_needed()
    screen = phone.evaluate(
        """([x, y]) => { const svg = document.getElementById('concern-svg');
             const p = new DOMPoint(x, y).matrixTransform(svg.getScreenCTM());
             return [p.x, p.y]; }""",
        [x, y],
    )
    phone.mouse.click(*screen)
    expect(phone.locator("#concern-status")).to_have_text(f"Plek gekozen in: {buurt.name}")
    assert phone.locator("#id_buurt").input_value() == buurt.code
    assert phone.locator("#id_lon").input_value() != ""
    phone.get_by_label("Wat heeft u gezien?").fill(
        "Elke avond een groep bij de bankjes, ik loop er liever niet langs."
    )
    photo = tmp_path / "IMG_0001.jpg"
    photo.write_bytes(jpeg_with_gps())
    phone.get_by_label("Foto (niet verplicht)").set_input_files(str(photo))
    with phone.expect_navigation():
        phone.get_by_role("button", name="Signaal versturen").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Bedankt voor uw signaal")
    assert axe(phone) == []

    concern = Concern.objects.get()
    assert concern.buurt_id == buurt.pk and concern.category == "loitering"
    assert (
        shape(buurt.geometry)
        .buffer(0.002)
        .contains(shape({"type": "Point", "coordinates": [concern.lon, concern.lat]}))
    )
    from PIL import Image

    assert not Image.open(io.BytesIO(bytes(concern.photo))).getexif()
    assert phone.console_errors == []


def test_happening_now_shows_112_on_a_phone(phone, live_server, member, axe):
    from buurtpeil.concerns.models import Concern

    _log_in(phone, live_server, member)
    phone.goto("/p/GM0518/signals/")
    phone.get_by_label("Ja, het gebeurt nu").check()
    with phone.expect_navigation():
        phone.get_by_role("button", name="Signaal versturen").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Bel nu 112")
    expect(phone.get_by_role("link", name="Bel 112")).to_have_attribute("href", "tel:112")
    assert axe(phone) == []
    _no_sideways_scroll(phone)
    assert not Concern.objects.exists()
