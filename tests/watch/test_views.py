"""The staff pages of the register and the coordinator's check-in: roles, the audit of contact
details, the map and table, check-ins sent by e-mail and answered by link, warnings in Dutch."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from buurtpeil.organisations.models import AuditEvent
from buurtpeil.watch.models import CheckIn, WatchGroup
from tests.watch.conftest import HEALTHY, KORTENBOS, make_group


@pytest.fixture
def analyst(client, den_haag, make_staff):
    client.force_login(make_staff(den_haag, "analyst"))
    return client


@pytest.fixture
def viewer(client, den_haag, make_staff):
    client.force_login(make_staff(den_haag, "viewer"))
    return client


def url(name, organisation, *args):
    return reverse(f"watch:{name}", args=[organisation.code, *args])


def group_form(organisation, **changes):
    data = {
        "name": "Loopgroep Bomenbuurt",
        "kind": "patrol",
        "areas": [organisation.areas.get(code=KORTENBOS).pk],
        "size": "12",
        "status": "active",
        "coordinator_name": "Jan Jansen",
        "coordinator_email": "jan@example.org",
        "coordinator_phone": "070 1234567",
        "police_contact": "on",
        "police_last_contact": "2026-01-10",
        "code_signed_on": "2025-11-01",
    }
    return {**data, **changes}


def send_checkins(client, organisation, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(url("checkins_send", organisation), follow=True)


def checkin_link(message) -> str:
    return re.search(r"https?://\S+/p/\S+", message.body).group(0)


def test_an_analyst_adds_a_group_and_a_viewer_only_reads(analyst, den_haag, make_staff, client):
    response = analyst.post(url("new", den_haag), group_form(den_haag), follow=True)
    assert "De groep is opgeslagen." in response.content.decode()
    group = WatchGroup.objects.get()
    assert group.code_version == "2026-1" and group.areas.get().code == KORTENBOS

    client.force_login(make_staff(den_haag, "viewer"))
    page = client.get(url("list", den_haag)).content.decode()
    assert "Loopgroep Bomenbuurt" in page and "Jan Jansen" not in page and "jan@example.org" not in page
    assert "Groep toevoegen" not in page
    detail = client.get(url("detail", den_haag, group.pk)).content.decode()
    assert "Jan Jansen" not in detail and "070 1234567" not in detail
    assert client.get(url("contact", den_haag, group.pk)).status_code == 403
    assert client.get(url("edit", den_haag, group.pk)).status_code == 403
    assert client.post(url("new", den_haag), group_form(den_haag, name="Other")).status_code == 403
    assert client.post(url("checkins_send", den_haag)).status_code == 403


def test_bad_input_is_refused_in_dutch_and_kept(analyst, den_haag):
    make_group(den_haag, name="Buurtapp Kortenbos")
    page = analyst.post(
        url("new", den_haag),
        group_form(den_haag, name="buurtapp kortenbos", police_last_contact="2999-01-01", size="0"),
    ).content.decode()
    assert "Er is al een groep met deze naam." in page
    assert "Deze datum ligt in de toekomst." in page
    assert 'value="Jan Jansen"' in page  # nothing typed is lost
    assert WatchGroup.objects.count() == 1


def test_opening_contact_details_is_audited(analyst, group):
    detail = analyst.get(url("detail", group.organisation, group.pk)).content.decode()
    assert "Fatima de Vries" not in detail
    assert not AuditEvent.objects.exists()
    contact = analyst.get(url("contact", group.organisation, group.pk)).content.decode()
    assert "Fatima de Vries" in contact and "coordinator@example.org" in contact and "06 12345678" in contact
    analyst.get(url("edit", group.organisation, group.pk))
    events = AuditEvent.objects.filter(action=AuditEvent.Action.VIEW_PERSONAL_DATA)
    assert events.count() == 2
    assert all(str(group.pk) in e.subject and "Fatima" not in e.subject for e in events)


def test_the_overview_maps_groups_per_buurt_with_a_table(viewer, den_haag):
    make_group(den_haag, name="Buurtapp Kortenbos")
    make_group(den_haag, name="Loopgroep Kortenbos", kind="patrol")
    make_group(den_haag, name="Gestopt", status="stopped")
    page = viewer.get(url("overview", den_haag)).content.decode()
    assert "Kortenbos: 2 buurtpreventiegroepen" in page  # the area's title
    assert page.count("<path ") == den_haag.areas.filter(level="buurt").count()
    assert "Buurtapp Kortenbos" in page and "Gestopt" not in page
    assert "1 van de" in page  # buurten covered


def test_check_ins_are_mailed_answered_by_link_and_warn(
    analyst, group, mailoutbox, django_capture_on_commit_callbacks
):
    organisation = group.organisation
    make_group(organisation, name="Zonder e-mail", coordinator_email="")
    make_group(organisation, name="Gepauzeerd", status="paused")
    response = send_checkins(analyst, organisation, django_capture_on_commit_callbacks)
    assert "De check-in is verstuurd naar 1 coördinator." in response.content.decode()
    (message,) = mailoutbox
    assert message.to == ["coordinator@example.org"] and "Buurtapp Kortenbos" in message.subject
    link = checkin_link(message)
    checkin = CheckIn.objects.get()
    assert checkin.sent_at is not None and checkin.token_digest not in link  # only a digest is kept

    again = send_checkins(analyst, organisation, django_capture_on_commit_callbacks)
    assert "Geen groep" in again.content.decode() and len(mailoutbox) == 1  # not twice in two weeks

    client = Client()  # the coordinator, not logged in
    path = "/" + link.split("/", 3)[3]
    form = client.get(path).content.decode()
    assert "Check-in: Buurtapp Kortenbos" in form
    answers = {**HEALTHY, "police_calls": "4", "calls_nothing": "5"}
    refused = client.post(path, answers).content.decode()
    assert "Dit kan niet meer zijn dan het aantal meldingen." in refused
    assert CheckIn.objects.get().answered_at is None
    answers = {**HEALTHY, "police_calls": "6", "calls_nothing": "5", "appearance_reports": "once"}
    assert "Bedankt" in client.post(path, answers).content.decode()
    assert "al beantwoord" in client.post(path, HEALTHY).content.decode()
    assert CheckIn.objects.get().answers["calls_nothing"] == 5

    listing = analyst.get(url("list", organisation)).content.decode()
    assert "1 groep heeft waarschuwingen" in listing
    assert "Belt te snel de politie" in listing
    detail = analyst.get(url("detail", organisation, group.pk)).content.decode()
    assert "5 van de 6 meldingen bij de politie" in detail and "0900-8844" in detail
    assert "Verdacht om hoe ze eruitzien" in detail


def test_a_healthy_check_in_shows_no_warning(analyst, group, mailoutbox, django_capture_on_commit_callbacks):
    send_checkins(analyst, group.organisation, django_capture_on_commit_callbacks)
    path = "/" + checkin_link(mailoutbox[0]).split("/", 3)[3]
    Client().post(path, {k: str(v) for k, v in HEALTHY.items()})
    detail = analyst.get(url("detail", group.organisation, group.pk)).content.decode()
    assert "Geen waarschuwingen" in detail
    listing = analyst.get(url("list", group.organisation)).content.decode()
    assert "heeft waarschuwingen" not in listing and "Ernstig" not in listing and "Aandacht" not in listing


def test_a_wrong_or_foreign_link_gives_a_dutch_message(client, group, other_organisation):
    from buurtpeil.core.tokens import link_token_digest
    from buurtpeil.watch.services import checkins_create

    (checkin_id,) = checkins_create(groups=[group])
    CheckIn.objects.filter(pk=checkin_id).update(token_digest=link_token_digest("known-token"))
    assert client.get(f"/p/{group.organisation.code}/watch/known-token/").status_code == 200
    foreign = client.get(f"/p/{other_organisation.code}/watch/known-token/")
    assert foreign.status_code == 404 and "Deze link werkt niet" in foreign.content.decode()
    assert client.get(f"/p/{group.organisation.code}/watch/guess/").status_code == 404
