"""Staff pages: send form with a reach count before confirming, list, detail with progress and
the response monitor. Analysts and administrators send; viewers only look."""

import pytest
from django.utils import timezone

from buurtpeil.distribution.models import Distribution, Recipient

pytestmark = pytest.mark.usefixtures("daytime")


@pytest.fixture
def panel(organisation, buurten, make_member):
    codes = sorted(buurten)[:2]
    for _ in range(4):
        make_member(organisation, buurten[codes[0]], age_group="25_45")
    make_member(organisation, buurten[codes[1]], age_group="65_plus")
    return [buurten[code] for code in codes]


def _form(poll, **overrides):
    now = timezone.localtime()
    return {
        "poll": poll.pk,
        "scope": "panel",
        "channels": ["email"],
        "starts_at": now.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (now + timezone.timedelta(days=10)).strftime("%Y-%m-%dT%H:%M"),
        "reminder_days": "3",
        **overrides,
    }


def test_the_form_counts_the_members_reached_before_anything_is_sent(
    client, organisation, make_staff, poll, panel
):
    client.force_login(make_staff(organisation, "analyst"))
    url = f"/staff/{organisation.code}/sending/new/"

    page = client.get(url + f"?poll={poll.pk}")
    checked = client.post(url, _form(poll, scope="areas", areas=[panel[0].pk], action="check"))
    narrowed = client.post(url, _form(poll, age_group=["65_plus"], action="check"))

    assert page.status_code == 200 and "Veiligheid 2026" in page.content.decode()
    assert "4 actieve panelleden" in checked.content.decode()
    assert "1 actief panellid" in narrowed.content.decode()
    assert Distribution.objects.count() == 0


def test_confirming_schedules_and_sends_and_the_detail_page_shows_progress(
    client, organisation, make_staff, poll, panel, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(make_staff(organisation, "analyst"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/staff/{organisation.code}/sending/new/", _form(poll, action="send"))

    distribution = Distribution.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/sending/{distribution.pk}/")
    assert len(mailoutbox) == 5
    detail = client.get(response["Location"]).content.decode()
    assert "<progress" in detail and 'value="5"' in detail and "hx-trigger" not in detail
    assert panel[0].name in detail and panel[1].name in detail
    listing = client.get(f"/staff/{organisation.code}/sending/").content.decode()
    assert "Veiligheid 2026" in listing


def test_the_monitor_puts_the_largest_shortfall_first(client, organisation, make_staff, distribute, panel):
    from buurtpeil.distribution.selectors import response_monitor

    organisation.reliability_minimum = 3
    organisation.save()
    distribution = distribute()
    for recipient in Recipient.objects.filter(buurt_code=panel[0].code)[:3]:
        recipient.responded_at = timezone.now()
        recipient.save()

    rows = response_monitor(Distribution.objects.select_related("organisation").get(pk=distribution.pk))

    assert [(row.code, row.responded, row.shortfall) for row in rows] == [
        (panel[1].code, 0, 3),
        (panel[0].code, 3, 0),
    ]


def test_progress_is_polled_while_messages_wait(
    client, organisation, make_staff, distribute, panel, settings
):
    from buurtpeil.distribution import services

    client.force_login(make_staff(organisation, "viewer"))
    start = timezone.now() + timezone.timedelta(hours=1)
    distribution = distribute(starts_at=start)
    services.distribution_start(distribution_id=distribution.pk, now=start)

    fragment = client.get(f"/staff/{organisation.code}/sending/{distribution.pk}/progress/").content.decode()

    assert 'hx-trigger="every 3s"' in fragment and "5 wachtend" in fragment


def test_a_viewer_can_look_but_not_send(client, organisation, make_staff, poll, distribute, panel):
    client.force_login(make_staff(organisation, "viewer"))
    distribution = distribute()

    assert client.get(f"/staff/{organisation.code}/sending/").status_code == 200
    assert client.get(f"/staff/{organisation.code}/sending/{distribution.pk}/").status_code == 200
    assert client.get(f"/staff/{organisation.code}/sending/new/").status_code == 403
    assert (
        client.post(f"/staff/{organisation.code}/sending/new/", _form(poll, action="send")).status_code == 403
    )
