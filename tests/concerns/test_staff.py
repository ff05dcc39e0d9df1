"""Staff see signals bundled, hotspots on the map and counts per buurt; analysts set a status."""

import io
import uuid
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from buurtpeil.concerns.models import Concern
from buurtpeil.concerns.services import SyntheticConcern, concerns_synthetic_create
from tests.concerns.conftest import point_in

pytestmark = pytest.mark.django_db

HOT = "BU05182811"
OTHER = "BU05183032"


@pytest.fixture
def signals(den_haag):
    """A hotspot of 6 in HOT (3 of them one bundle of near-duplicates), 2 scattered in OTHER."""
    rows = [
        (HOT, "drugs", 0, 0, "Dealen bij de speeltuin", 3),
        (HOT, "drugs", 0.0002, 0, "Dealers bij de speeltuin", 2),
        (HOT, "drugs", 0, 0.0002, "", 1),
        (HOT, "litter", 0.001, 0, "Afval naast de container", 4),
        (HOT, "loitering", 0, -0.001, "Groep jongeren", 5),
        (HOT, "dark_spot", -0.001, 0, "Donker pad", 6),
        (OTHER, "traffic", 0, 0, "Hard rijden", 30),
        (OTHER, "litter", 0, 0, "Oud", 200),
    ]
    places = {HOT: point_in(den_haag, HOT), OTHER: point_in(den_haag, OTHER)}
    areas = {code: den_haag.areas.get(code=code) for code in places}
    now = timezone.now()
    concerns = [
        SyntheticConcern(
            uuid.uuid4(), category, places[code][0] + dx, places[code][1] + dy, text,
            now - timedelta(days=days), areas[code],
        )
        for code, category, dx, dy, text, days in rows
    ]  # fmt: skip
    concerns_synthetic_create(organisation=den_haag, concerns=concerns)
    return list(Concern.objects.order_by("created_at"))


def _url(organisation, name="concerns_staff:overview", *args):
    return reverse(name, args=[organisation.code, *args])


def test_the_overview_shows_bundles_a_hotspot_and_counts_per_buurt(client, den_haag, make_staff, signals):
    client.force_login(make_staff(den_haag, "viewer"))
    page = client.get(_url(den_haag)).content.decode()
    assert "7 signalen, 5 bundels, 1 hotspot." in page  # the one of 200 days ago is outside 90 days
    assert page.count('class="bp-hotspot"') == 1 and page.count('class="bp-signal-point"') == 5
    hotspots = page[page.index('id="hotspots"') : page.index('id="bundles"')]
    assert "Drugshandel of drugsgebruik: 3" in hotspots
    bundles = page[page.index('id="bundles"') : page.index('id="per-buurt"')]
    assert bundles.index("Drugshandel") < bundles.index("Zwerfafval")  # the bundle of 3 first
    per_buurt = page[page.index('id="per-buurt"') :]
    assert '<td class="utrecht-table__cell utrecht-table__cell--numeric-data">6</td>' in per_buurt
    assert "Instellen" not in page  # a viewer does not set a status
    year = client.get(_url(den_haag) + "?days=365&category=litter").content.decode()
    assert "2 signalen, 2 bundels, 0 hotspots." in year


def test_an_analyst_sets_the_status_of_a_whole_bundle(client, den_haag, make_staff, signals):
    client.force_login(make_staff(den_haag, "analyst"))
    ids = [c.pk for c in signals if c.category == "drugs"]
    response = client.post(
        _url(den_haag, "concerns_staff:status"), {"ids": ids, "status": "forwarded", "days": "90"}
    )
    assert response.status_code == 302 and "days=90" in response["Location"]
    assert sorted(Concern.objects.filter(status="forwarded").values_list("pk", flat=True)) == sorted(ids)
    one = signals[-1]
    client.post(_url(den_haag, "concerns_staff:detail", one.pk), {"status": "closed"})
    one.refresh_from_db()
    assert one.status == "closed" and one.status_changed_at is not None


def test_a_viewer_reads_a_signal_but_cannot_change_it(client, den_haag, make_staff, signals):
    client.force_login(make_staff(den_haag, "viewer"))
    concern = next(c for c in signals if c.text == "Dealen bij de speeltuin")
    page = client.get(_url(den_haag, "concerns_staff:detail", concern.pk)).content.decode()
    assert "Dealen bij de speeltuin" in page and "Signalen van bewoners" in page
    assert (
        client.post(_url(den_haag, "concerns_staff:detail", concern.pk), {"status": "closed"}).status_code
        == 403
    )
    assert (
        client.post(
            _url(den_haag, "concerns_staff:status"), {"ids": [concern.pk], "status": "closed"}
        ).status_code
        == 403
    )
    concern.refresh_from_db()
    assert concern.status == "new"


def test_the_photo_is_served_to_staff_as_the_stored_jpeg(client, den_haag, make_staff, signals):
    out = io.BytesIO()
    Image.new("RGB", (20, 10), "red").save(out, format="JPEG")
    Concern.objects.filter(pk=signals[0].pk).update(photo=out.getvalue())
    client.force_login(make_staff(den_haag, "viewer"))
    assert (
        "Foto bij het signaal"
        in client.get(_url(den_haag, "concerns_staff:detail", signals[0].pk)).content.decode()
    )
    response = client.get(_url(den_haag, "concerns_staff:photo", signals[0].pk))
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert response.content == out.getvalue()
    from buurtpeil.organisations.models import AuditEvent

    [seen] = AuditEvent.objects.filter(organisation=den_haag, action="view_personal_data")
    assert seen.subject == f"photo of signal {signals[0].pk}"  # a photo may show people
    assert client.get(_url(den_haag, "concerns_staff:photo", signals[1].pk)).status_code == 404


def test_another_organisations_ids_change_nothing(client, den_haag, other_organisation, make_staff, signals):
    client.force_login(make_staff(other_organisation, "admin"))
    client.post(
        f"/staff/{other_organisation.code}/signals/status/", {"ids": [signals[0].pk], "status": "closed"}
    )
    assert Concern.objects.get(pk=signals[0].pk).status == "new"


def test_the_buurt_page_of_the_results_counts_signals_per_category(client, den_haag, make_staff, signals):
    from buurtpeil.insights.services import poll_results_compute
    from tests.insights.conftest import add_responses, make_poll

    poll, version = make_poll(den_haag, modules=("safety_buurt",))
    add_responses(version, {HOT: 40})
    poll_results_compute(poll=poll)
    client.force_login(make_staff(den_haag, "viewer"))
    page = client.get(reverse("insights:area", args=[den_haag.code, poll.pk, HOT])).content.decode()
    section = page[page.index('id="area-signals"') :]
    assert "Signalen van bewoners in dit gebied" in page
    assert "Drugshandel of drugsgebruik" in section and ">3</td>" in section and ">6</td>" in section
    wijk = den_haag.areas.get(code=OTHER).parent.code
    page = client.get(reverse("insights:area", args=[den_haag.code, poll.pk, wijk])).content.decode()
    assert "Gevaarlijke verkeerssituatie" in page  # a wijk counts its buurten's signals
