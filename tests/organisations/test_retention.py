"""Retention: ``buurtpeil retention`` (and ``send-due`` once a day) deletes what is past its time
and records counts, never data, in the audit log (decision 0020)."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from buurtpeil.distribution.models import Distribution, OptOut, PushSubscription
from buurtpeil.insights.models import PollResults
from buurtpeil.openanswers.models import OpenAnswer
from buurtpeil.organisations.models import AuditEvent
from buurtpeil.panel.digests import email_digest
from buurtpeil.panel.models import Identity, MagicLink, PanelMember
from buurtpeil.polls.models import Poll
from buurtpeil.responses.models import Response
from tests.responses import factories

pytestmark = pytest.mark.django_db

DAY = timedelta(days=1)


def _member(organisation, *, status=PanelMember.Status.ACTIVE, email=None, days_ago=0, left_days_ago=None):
    member = PanelMember.objects.create(
        organisation=organisation, status=status, age_group="45_65", sex="male"
    )
    now = timezone.now()
    PanelMember.objects.filter(pk=member.pk).update(
        joined_at=now - days_ago * DAY,
        left_at=None if left_days_ago is None else now - left_days_ago * DAY,
    )
    if email:
        Identity.objects.create(
            member=member, organisation=organisation, email=email, email_digest=email_digest(email)
        )
    return member


def _push(organisation, member):
    PushSubscription.objects.create(
        organisation=organisation,
        member_key=member.key,
        endpoint=f"https://push.example/{member.key}",
        p256dh="p",
        auth="a",
    )
    OptOut.objects.create(organisation=organisation, member_key=member.key, channel="email")


def _poll_answered(organisation, *, status, ended_days_ago, answers=2, running=False):
    """A poll with ``answers`` responses, last written and sent ``ended_days_ago`` days ago."""
    poll, version = factories.poll_published(organisation)
    Poll.objects.filter(pk=poll.pk).update(status=status)
    distribution = factories.distribution_running(poll, version)
    ended = timezone.now() - ended_days_ago * DAY
    Distribution.objects.filter(pk=distribution.pk).update(
        ends_at=timezone.now() + 7 * DAY if running else ended,
        status=Distribution.Status.RUNNING if running else Distribution.Status.ENDED,
    )
    for _ in range(answers):
        recipient, _token = factories.recipient(distribution)
        response = Response.objects.create(
            organisation=organisation,
            poll=poll,
            version=version,
            recipient=recipient,
            member_key=recipient.member_key,
            answers={"remarks": "Te donker bij het park"},
            status=Response.Status.COMPLETE,
            completed_at=ended,
        )
        OpenAnswer.objects.create(
            organisation=organisation,
            poll=poll,
            response=response,
            question_code="remarks",
            text="Te donker bij het park",
            theme="lighting",
            factor=7,
        )
    Response.objects.filter(poll=poll).update(updated_at=ended)
    PollResults.objects.create(
        organisation=organisation, poll=poll, status=PollResults.Status.READY, respondents=answers
    )
    return poll


def _retention() -> str:
    output = io.StringIO()
    call_command("retention", stdout=output)
    return output.getvalue()


def _retention_events(organisation=None):
    return list(AuditEvent.objects.filter(organisation=organisation, action=AuditEvent.Action.RETENTION))


def test_contact_data_of_members_who_left_goes_after_the_grace_period(organisation):
    gone = _member(
        organisation, status=PanelMember.Status.LEFT, email="left.long.ago@example.org", left_days_ago=8
    )
    _push(organisation, gone)
    MagicLink.objects.create(organisation=organisation, member=gone, expires_at=timezone.now() + DAY)
    recent = _member(
        organisation, status=PanelMember.Status.LEFT, email="left.today@example.org", left_days_ago=2
    )
    _push(organisation, recent)
    active = _member(organisation, email="still.here@example.org")
    _push(organisation, active)

    _retention()

    assert not Identity.objects.filter(member=gone).exists()
    assert not MagicLink.objects.filter(member=gone).exists()
    assert not PushSubscription.objects.filter(member_key=gone.key).exists()
    assert not OptOut.objects.filter(member_key=gone.key).exists()
    # The member row stays, with its traits: it keeps the weighting of earlier answers right.
    assert PanelMember.objects.get(pk=gone.pk).age_group == "45_65"
    for kept in (recent, active):
        assert Identity.objects.filter(member=kept).exists()
        assert PushSubscription.objects.filter(member_key=kept.key).exists()


def test_members_who_never_finished_joining_are_erased_after_thirty_days(organisation):
    stale = _member(
        organisation, status=PanelMember.Status.PENDING, email="never.finished@example.org", days_ago=31
    )
    fresh = _member(
        organisation, status=PanelMember.Status.PENDING, email="just.joined@example.org", days_ago=3
    )
    old_link = MagicLink.objects.create(
        organisation=organisation, email="unconfirmed@example.org", expires_at=timezone.now() - 2 * DAY
    )

    _retention()

    assert not PanelMember.objects.filter(pk=stale.pk).exists()
    assert not Identity.objects.filter(email="never.finished@example.org").exists()
    assert PanelMember.objects.filter(pk=fresh.pk).exists()
    assert not MagicLink.objects.filter(pk=old_link.pk).exists()


def test_answers_go_once_a_poll_has_taken_none_for_the_retention_period(organisation, other_organisation):
    organisation.retention_months = 12
    organisation.save()
    expired_closed = _poll_answered(organisation, status=Poll.Status.PUBLISHED, ended_days_ago=380)
    expired_ended = _poll_answered(organisation, status=Poll.Status.OPEN, ended_days_ago=380)
    recent = _poll_answered(organisation, status=Poll.Status.CLOSED, ended_days_ago=330)
    running = _poll_answered(organisation, status=Poll.Status.OPEN, ended_days_ago=380, running=True)
    longer_kept = _poll_answered(
        other_organisation, status=Poll.Status.CLOSED, ended_days_ago=380
    )  # 60 months

    _retention()

    for poll in (expired_closed, expired_ended):
        assert not Response.objects.filter(poll=poll).exists()
        assert not OpenAnswer.objects.filter(poll=poll).exists()
        # The computed results stay, and computing them again does not replace them by nothing.
        assert PollResults.objects.get(poll=poll).respondents == 2
    for poll in (recent, running, longer_kept):
        assert Response.objects.filter(poll=poll).count() == 2
        assert OpenAnswer.objects.filter(poll=poll).count() == 2

    from buurtpeil.insights.services import poll_results_compute

    results = poll_results_compute(poll=expired_closed)
    assert results.status == PollResults.Status.READY and results.respondents == 2


def test_a_poll_whose_last_answer_came_late_is_kept_from_that_answer(organisation):
    organisation.retention_months = 12
    organisation.save()
    poll = _poll_answered(organisation, status=Poll.Status.CLOSED, ended_days_ago=400)
    Response.objects.filter(poll=poll).update(updated_at=timezone.now() - 300 * DAY)  # closed late

    _retention()

    assert Response.objects.filter(poll=poll).count() == 2


def test_each_run_is_audited_with_counts_and_no_personal_data(organisation, other_organisation):
    organisation.retention_months = 1
    organisation.save()
    gone = _member(organisation, status=PanelMember.Status.LEFT, email="left@example.org", left_days_ago=30)
    _push(organisation, gone)
    _member(organisation, status=PanelMember.Status.PENDING, email="pending@example.org", days_ago=40)
    _poll_answered(organisation, status=Poll.Status.CLOSED, ended_days_ago=45, answers=3)

    _retention()

    [event] = _retention_events(organisation)
    assert event.actor is None
    assert event.subject == (
        "Retention: contact data of members who left: 1; unfinished sign-ups erased: 1; "
        "push subscriptions and opt-outs of members who left: 2; answers past the retention period: 3"
    )
    assert _retention_events(other_organisation) == []  # nothing was deleted there
    [run] = _retention_events(None)
    assert run.subject.startswith("Retention run over 2 organisations: ")
    for subject in (event.subject, run.subject):
        assert "@" not in subject and str(gone.key) not in subject

    _retention()
    assert len(_retention_events(organisation)) == 1  # a second run found nothing to delete
    assert len(_retention_events(None)) == 2


def test_send_due_runs_the_retention_once_a_day(organisation, capsys):
    _member(organisation, status=PanelMember.Status.PENDING, email="pending@example.org", days_ago=40)

    call_command("send_due", "--no-retention")
    assert _retention_events(None) == []
    call_command("send_due")
    call_command("send_due")
    output = capsys.readouterr().out
    assert output.count("retention:") == 1 and "pending_members 1" in output
    assert len(_retention_events(None)) == 1
    assert not PanelMember.objects.filter(status=PanelMember.Status.PENDING).exists()


def test_the_audit_log_page_shows_the_retention_in_dutch(staff_client, organisation):
    _member(organisation, status=PanelMember.Status.PENDING, email="pending@example.org", days_ago=40)
    _retention()
    page = staff_client.get(f"/staff/{organisation.code}/audit/").content.decode()
    assert "Verwijderd na de bewaartermijn" in page
    assert "unfinished sign-ups erased: 1" in page
