"""Exports of a poll's computed results: every area and group, suppressed figures without
numbers, GeoJSON per buurt, for every role, each in the audit log, and never contact data."""

import csv
import io
import json

import pyreadstat
import pytest
from django.urls import reverse

from buurtpeil.organisations.models import AuditEvent
from tests.insights.conftest import SMALL, answered_poll, computed, modelled  # noqa: F401 (fixtures)

EMAIL, PHONE = "j.de.vries@example.org", "06-12345678"


@pytest.fixture
def viewer(client, den_haag, make_staff):
    from buurtpeil.panel.models import Identity, PanelMember

    member = PanelMember.objects.create(organisation=den_haag, buurt=den_haag.areas.get(code=SMALL))
    Identity.objects.create(member=member, organisation=den_haag, email=EMAIL, email_digest="x", phone=PHONE)
    client.force_login(make_staff(den_haag, "viewer"))
    return client


def _download(client, poll, fmt):
    url = reverse("reports:results_exports", args=[poll.organisation.code, poll.pk])
    response = client.post(url, {"format": fmt})
    assert response.status_code == 200, response.content[:500]
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert EMAIL.encode() not in content and PHONE.encode() not in content
    return content


def test_the_results_csv_has_every_area_and_no_numbers_for_a_suppressed_one(viewer, computed):  # noqa: F811
    text = _download(viewer, computed.poll, "csv").decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    small = [r for r in rows if r["area_code"] == SMALL]
    assert small and all(r["status"] == "3" and r["estimate"] == "" and r["respondents"] == "" for r in small)
    municipality = [r for r in rows if r["level"] == "gemeente" and r["group_variable"] == ""]
    assert any(r["figure"] == "q.unsafe_ever" and r["answer"] == "yes" for r in municipality)
    women = [r for r in rows if r["group_value"] == "female" and r["figure"] == "i.buurt_unsafe"]
    assert women and women[0]["estimate"]
    assert AuditEvent.objects.filter(action="export", subject__startswith="aggregated results").count() == 1


def test_the_results_open_in_spss_with_labelled_statuses(viewer, computed, tmp_path):  # noqa: F811
    path = tmp_path / "results.sav"
    path.write_bytes(_download(viewer, computed.poll, "sav"))
    frame, meta = pyreadstat.read_sav(str(path), output_format="dict")
    assert meta.variable_value_labels["status"][3] == "onderdrukt"
    assert meta.variable_value_labels["status"][4] == "modelschatting"
    assert len(frame["status"]) > 1000


def test_the_geojson_has_every_buurt_with_its_outline_and_figures(viewer, computed):  # noqa: F811
    collection = json.loads(_download(viewer, computed.poll, "geojson"))
    features = {f["properties"]["code"]: f for f in collection["features"]}
    assert len(features) == 114
    small = features[SMALL]["properties"]
    assert small["buurt_unsafe"] is None and small["buurt_unsafe_status"] == "suppressed"
    assert small["buurt_unsafe_n"] is None
    big = features["BU05182811"]
    assert 0 <= big["properties"]["buurt_unsafe"] <= 1 and big["properties"]["buurt_unsafe_n"] == 160
    assert big["geometry"]["type"] in ("Polygon", "MultiPolygon")
    assert AuditEvent.objects.filter(action="export", subject__contains="GEOJSON").exists()


def test_a_model_estimate_is_exported_as_such_without_respondents(viewer, modelled):  # noqa: F811
    collection = json.loads(_download(viewer, modelled.poll, "geojson"))
    small = next(f["properties"] for f in collection["features"] if f["properties"]["code"] == SMALL)
    assert small["mark_safety_status"] == "model" and small["mark_safety_n"] is None
    assert small["mark_safety_low"] <= small["mark_safety"] <= small["mark_safety_high"]
    text = _download(viewer, modelled.poll, "csv").decode("utf-8-sig")
    rows = [r for r in csv.DictReader(io.StringIO(text), delimiter=";") if r["area_code"] == SMALL]
    mark = next(r for r in rows if r["figure"] == "i.mark_safety")
    assert mark["status"] == "4" and mark["estimate"] and mark["respondents"] == ""
    assert all(r["respondents"] == "" for r in rows)


def test_results_that_are_not_computed_are_refused_in_words(viewer, answered_poll):  # noqa: F811
    url = reverse("reports:results_exports", args=[answered_poll.organisation.code, answered_poll.pk])
    response = viewer.post(url, {"format": "csv"})
    assert response.status_code == 400
    assert "nog niet berekend" in response.content.decode()
    assert not AuditEvent.objects.filter(action="export").exists()
