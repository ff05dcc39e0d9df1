"""When check-ins are due: ``buurtpeil watch-checkin`` mails each active group once per interval."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from buurtpeil.watch.models import CheckIn
from buurtpeil.watch.services import months_before
from tests.watch.conftest import make_group


def test_months_before_keeps_the_day_or_takes_the_month_end():
    utc = datetime.UTC
    moment = datetime.datetime(2026, 8, 31, 12, 0, tzinfo=utc)
    assert months_before(moment, 6) == datetime.datetime(2026, 2, 28, 12, 0, tzinfo=utc)
    assert months_before(moment, 8) == datetime.datetime(2025, 12, 31, 12, 0, tzinfo=utc)
    march = datetime.datetime(2026, 3, 15, tzinfo=utc)
    assert months_before(march, 1) == datetime.datetime(2026, 2, 15, tzinfo=utc)


@pytest.mark.django_db
def test_the_command_sends_due_check_ins_once_per_interval(
    group, other_organisation, mailoutbox, django_capture_on_commit_callbacks, capsys
):
    make_group(group.organisation, name="Gestopt", status="stopped")
    elsewhere = make_group(
        other_organisation, name="Utrecht Oost", buurten=(), coordinator_email="u@example.org"
    )
    with django_capture_on_commit_callbacks(execute=True):
        call_command("watch_checkin")
    assert sorted(m.to[0] for m in mailoutbox) == ["coordinator@example.org", "u@example.org"]
    assert "check-ins sent: 2" in capsys.readouterr().out

    with django_capture_on_commit_callbacks(execute=True):
        call_command("watch_checkin")
    assert len(mailoutbox) == 2  # not due again yet

    CheckIn.objects.filter(group=elsewhere).update(created_at=timezone.now() - datetime.timedelta(days=190))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("watch_checkin", months=6)
    assert [m.to[0] for m in mailoutbox[2:]] == ["u@example.org"]
    latest = elsewhere.checkins.order_by("-created_at").first()
    assert latest.period_start == (timezone.now() - datetime.timedelta(days=190)).date()


@pytest.mark.django_db
def test_a_check_in_task_run_twice_mails_once(group, mailoutbox):
    from buurtpeil.watch.services import checkins_create
    from buurtpeil.watch.tasks import checkin_send_task

    (checkin_id,) = checkins_create(groups=[group])
    checkin_send_task.call(checkin_id, "nl")
    checkin_send_task.call(checkin_id, "nl")
    assert len(mailoutbox) == 1
    assert "Check-in van uw buurtpreventie" in mailoutbox[0].subject
