"""The clock: start when the start has come, reminders to non-responders, the end, quiet hours."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from buurtpeil.distribution import sending, services
from buurtpeil.distribution.models import Delivery, Distribution, Recipient
from buurtpeil.distribution.quiet import ZONE, quiet_until
from buurtpeil.distribution.scheduling import distribution_tick


@pytest.fixture
def members(organisation, buurten, make_member):
    buurt = next(iter(buurten.values()))
    return [make_member(organisation, buurt, email=f"r{index}@example.org") for index in range(3)]


def _at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=ZONE)


@pytest.mark.parametrize(
    ("moment", "until"),
    [
        (_at(10, 20, 59), None),
        (_at(10, 21, 0), _at(11, 8)),
        (_at(10, 23, 30), _at(11, 8)),
        (_at(11, 3, 0), _at(11, 8)),
        (_at(11, 7, 59), _at(11, 8)),
        (_at(11, 8, 0), None),
        (_at(11, 12, 0), None),
    ],
)
def test_quiet_hours_run_from_nine_in_the_evening_to_eight_in_the_morning(settings, moment, until):
    settings.QUIET_HOURS = "21-8"
    assert quiet_until(moment) == until


def test_quiet_hours_follow_amsterdam_time_across_summer_time(settings):
    settings.QUIET_HOURS = "21-8"
    # 29 March 2026: clocks go forward at 02:00; 20:30 UTC on the 28th is 21:30 in Amsterdam.
    assert quiet_until(datetime(2026, 3, 28, 20, 30, tzinfo=UTC)) == datetime(2026, 3, 29, 8, 0, tzinfo=ZONE)
    assert quiet_until(datetime(2026, 3, 29, 5, 30, tzinfo=UTC)) is not None  # 07:30 summer time
    assert quiet_until(datetime(2026, 3, 29, 6, 30, tzinfo=UTC)) is None  # 08:30 summer time


def test_quiet_hours_can_be_turned_off(settings):
    settings.QUIET_HOURS = "off"
    assert quiet_until(_at(10, 23)) is None


def _next(hour: int) -> datetime:
    """The next moment at ``hour``:05 Amsterdam time, at least an hour from now."""
    moment = (timezone.now() + timedelta(hours=1)).astimezone(ZONE)
    candidate = moment.replace(hour=hour, minute=5, second=0, microsecond=0)
    return candidate if candidate > moment else candidate + timedelta(days=1)


def test_messages_due_in_quiet_hours_wait_for_the_morning(
    settings, distribute, members, mailoutbox, django_capture_on_commit_callbacks
):
    settings.QUIET_HOURS = "21-8"
    night = _next(22)
    morning = night.replace(hour=8) + timedelta(days=1)
    distribution = distribute(starts_at=night - timedelta(minutes=30), ends_at=night + timedelta(days=7))
    ids = services.distribution_start(distribution_id=distribution.pk, now=night)

    assert sending.deliveries_send(ids, now=night) == {}
    assert distribution_tick(now=night).queued == 0
    assert mailoutbox == []

    sending.deliveries_send(ids, now=morning)
    assert len(mailoutbox) == 3


def test_the_tick_starts_a_distribution_when_its_start_has_come(daytime, distribute, members, mailoutbox):
    start = timezone.now() + timedelta(hours=3)
    distribution = distribute(starts_at=start, ends_at=start + timedelta(days=7))

    before = distribution_tick(now=start - timedelta(minutes=1))
    report = distribution_tick(now=start)

    assert before.started == 0 and report.started == 1
    distribution.refresh_from_db()
    assert distribution.status == Distribution.Status.SENDING and distribution.started_at == start
    assert Delivery.objects.filter(kind="invite").count() == 3
    sending.deliveries_send(Delivery.objects.values_list("pk", flat=True), now=start)
    assert len(mailoutbox) == 3


def test_reminders_go_on_their_day_to_non_responders_only(daytime, distribute, members, mailoutbox):
    now = timezone.now()
    distribution = distribute(
        starts_at=now - timedelta(days=3, hours=1), ends_at=now + timedelta(days=7), reminder_days=[3, 7]
    )
    assert len(mailoutbox) == 3
    responded = Recipient.objects.get(member_key=members[0].key)
    services.recipient_responded(recipient=responded)

    report = distribution_tick()
    again = distribution_tick()

    assert report.reminders == 1 and again.reminders == 0
    reminded = sorted(m.to[0] for m in mailoutbox[3:])
    assert reminded == ["r1@example.org", "r2@example.org"]
    assert all(m.subject.startswith("Herinnering") for m in mailoutbox[3:])
    assert set(Delivery.objects.filter(kind="reminder-1").values_list("status", flat=True)) == {"sent"}
    distribution.refresh_from_db()
    assert distribution.reminders_done == 1


def test_the_end_closes_the_distribution_and_drops_unsent_messages(daytime, distribute, members, mailoutbox):
    start = timezone.now() + timedelta(hours=1)
    distribution = distribute(starts_at=start, ends_at=start + timedelta(days=2))
    services.distribution_start(distribution_id=distribution.pk, now=start)

    report = distribution_tick(now=start + timedelta(days=2))

    distribution.refresh_from_db()
    assert report.ended == 1 and distribution.status == Distribution.Status.ENDED
    assert set(Delivery.objects.values_list("status", flat=True)) == {"skipped"}
    assert mailoutbox == []


def test_the_send_due_command_runs_the_tick(daytime, distribute, members, mailoutbox, capsys):
    now = timezone.now()
    distribution = distribute(starts_at=now - timedelta(days=1, hours=1), reminder_days=[1])
    assert len(mailoutbox) == 3

    call_command("send_due")

    assert "reminders 1" in capsys.readouterr().out
    assert len(mailoutbox) == 6
    distribution.refresh_from_db()
    assert distribution.status == Distribution.Status.RUNNING


def test_a_deferring_backend_gets_the_start_task_for_the_start_time(
    daytime, settings, poll, members, django_capture_on_commit_callbacks
):
    from django_tasks import default_task_backend

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    start = timezone.now() + timedelta(hours=5)
    with django_capture_on_commit_callbacks(execute=True):
        services.distribution_create(
            poll=poll, target={}, channels=["email"], starts_at=start, ends_at=start + timedelta(days=7)
        )

    [result] = default_task_backend.results
    assert result.task.name == "distribution_start_task" and result.task.run_after == start
