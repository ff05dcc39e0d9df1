"""Open data: published results per wijk and buurt on a public page and in a CSV file, with
suppressed areas present but without a figure."""

import csv
import io

import pytest
from django.urls import reverse

from buurtpeil.organisations.models import AuditEvent
from tests.insights.conftest import SMALL


def _csv(client, poll):
    response = client.get(reverse("open_data:csv", args=[poll.organisation.code, poll.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))


@pytest.fixture
def published(computed, make_staff, staff_client):
    from buurtpeil.polls.services import poll_close

    poll = computed.poll
    poll_close(poll=poll)
    staff_client.post(reverse("insights:publish", args=[poll.organisation.code, poll.pk]))
    poll.refresh_from_db()
    return poll


def test_results_are_public_only_once_published(client, staff_client, computed):
    poll = computed.poll
    for name in ("open_data:poll", "open_data:csv"):
        assert client.get(reverse(name, args=[poll.organisation.code, poll.pk])).status_code == 404
    page = staff_client.post(reverse("insights:publish", args=[poll.organisation.code, poll.pk]), follow=True)
    assert "Sluit de peiling" in page.content.decode()  # an open poll is not published
    assert client.get(reverse("open_data:poll", args=[poll.organisation.code, poll.pk])).status_code == 404


def test_publishing_is_audited_and_lists_the_poll(client, published):
    assert AuditEvent.objects.filter(action="results.publish", subject=published.title).exists()
    page = client.get(reverse("open_data:list", args=[published.organisation.code])).content.decode()
    assert published.title in page


def test_the_csv_has_every_area_and_no_figure_for_a_suppressed_one(client, published):
    rows = _csv(client, published)
    small = [r for r in rows if r["gebiedscode"] == SMALL]
    assert small and all(r["status"] == "onderdrukt" for r in small)
    assert all(r["waarde"] == r["ondergrens_95"] == r["respondenten"] == "" for r in small)
    big = next(r for r in rows if r["gebiedscode"] == "BU05182811" and r["indicator"] == "buurt_unsafe")
    assert big["status"] in ("betrouwbaar", "indicatief")
    assert float(big["ondergrens_95"]) <= float(big["waarde"]) <= float(big["bovengrens_95"])
    assert big["respondenten"] == "160"
    # The small buurt's wijk: never exactly one of its buurten hidden while the wijk is shown.
    wijk = next(r for r in rows if r["gebiedscode"] == "WK051830" and r["indicator"] == "buurt_unsafe")
    neighbours = [
        r
        for r in rows
        if r["gebiedscode"] in ("BU05183032", "BU05183033") and r["indicator"] == "buurt_unsafe"
    ]
    hidden = [r["status"] == "onderdrukt" for r in [wijk, *neighbours]]
    assert any(hidden), "the small buurt is protected by a second hidden cell"


def test_another_organisations_poll_is_not_found_under_this_code(client, published, other_organisation):
    url = reverse("open_data:poll", args=[other_organisation.code, published.pk])
    assert client.get(url).status_code == 404


def test_a_model_estimate_is_in_the_csv_as_such_without_respondents(client, modelled):
    from buurtpeil.insights.services import poll_results_publish
    from buurtpeil.polls.services import poll_close

    poll_close(poll=modelled.poll)
    poll_results_publish(poll=modelled.poll, actor=None)
    rows = _csv(client, modelled.poll)
    model = [r for r in rows if r["status"] == "modelschatting"]
    assert {r["niveau"] for r in model} == {"buurt"}
    assert all(r["respondenten"] == "" for r in model)
    assert all(float(r["ondergrens_95"]) <= float(r["waarde"]) <= float(r["bovengrens_95"]) for r in model)
    small = {r["indicator"]: r for r in rows if r["gebiedscode"] == SMALL}
    assert small["mark_safety"]["status"] == "modelschatting" and small["mark_safety"]["waarde"]
    page = client.get(reverse("open_data:poll", args=[modelled.poll.organisation.code, modelled.poll.pk]))
    assert "status 'modelschatting'" in page.content.decode()
