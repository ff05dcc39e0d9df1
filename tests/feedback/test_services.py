"""Saving and publishing feedback: publishing notifies only the members who answered, once,
through the sending machinery (opt-outs, quiet hours, channels); edits afterwards notify nobody."""

import re
from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from buurtpeil.distribution import sending
from buurtpeil.distribution.models import Delivery, OptOut
from buurtpeil.distribution.quiet import ZONE
from buurtpeil.distribution.services import distribution_end
from buurtpeil.feedback.models import Feedback
from buurtpeil.feedback.services import FeedbackRefused, feedback_publish, feedback_save
from buurtpeil.organisations.models import AuditEvent
from tests.feedback.conftest import TEXTS, answer, make_plan

pytestmark = pytest.mark.usefixtures("daytime")

LINK = re.compile(r"https?://[^/\s]+/open/GM0518/feedback/(?P<poll>\d+)/")


def publish(feedback, capture, **kwargs):
    with capture(execute=True):
        return feedback_publish(feedback=feedback, **kwargs)


def test_publishing_notifies_only_the_members_who_answered(
    feedback, members, mailoutbox, django_capture_on_commit_callbacks, settings, make_staff, organisation
):
    settings.SITE_URL = "https://peil.denhaag.example"
    analyst = make_staff(organisation, "analyst")

    notified = publish(feedback, django_capture_on_commit_callbacks, actor=analyst)

    assert notified == 2
    assert sorted(message.to[0] for message in mailoutbox) == ["r0@example.org", "r1@example.org"]
    message = mailoutbox[0]
    assert message.subject == "Wat er met uw antwoorden gebeurt: Veiligheid in uw buurt"
    assert LINK.search(message.body)["poll"] == str(feedback.poll_id)
    assert "/a/" not in message.body  # no personal answering link
    assert "List-Unsubscribe" in message.extra_headers
    feedback.refresh_from_db()
    assert feedback.published_at is not None and feedback.notified == 2
    assert feedback.published_by == analyst
    event = AuditEvent.objects.get(action="feedback.publish")
    assert (event.actor, event.subject) == (analyst, feedback.poll.title)


def test_a_double_submit_notifies_nobody_twice(feedback, mailoutbox, django_capture_on_commit_callbacks):
    second_submit = Feedback.objects.get(pk=feedback.pk)  # loaded before the first one publishes

    first = publish(feedback, django_capture_on_commit_callbacks)
    second = publish(second_submit, django_capture_on_commit_callbacks)

    assert (first, second) == (2, None)
    assert len(mailoutbox) == 2
    assert Delivery.objects.filter(kind="feedback").count() == 2
    assert AuditEvent.objects.filter(action="feedback.publish").count() == 1
    assert second_submit.published_at is not None  # refreshed: the page shows it published


def test_editing_published_feedback_changes_it_and_notifies_nobody(
    feedback, mailoutbox, django_capture_on_commit_callbacks, plan
):
    publish(feedback, django_capture_on_commit_callbacks)
    mailoutbox.clear()
    changed = {**TEXTS, "done": {"nl": "We plaatsen dertig nieuwe lantaarns."}}

    with django_capture_on_commit_callbacks(execute=True):
        saved = feedback_save(poll=feedback.poll, **changed, goal_ids=[plan[1].pk])

    assert saved.done == {"nl": "We plaatsen dertig nieuwe lantaarns."}
    assert list(saved.actions.all()) == [] and list(saved.goals.all()) == [plan[1]]
    assert mailoutbox == []
    assert Delivery.objects.filter(kind="feedback").count() == 2
    assert AuditEvent.objects.filter(action="feedback.update").count() == 1


def test_a_member_who_unsubscribed_from_email_gets_no_feedback_email(
    feedback, members, organisation, mailoutbox, django_capture_on_commit_callbacks
):
    OptOut.objects.create(organisation=organisation, member_key=members[0].key, channel="email")

    publish(feedback, django_capture_on_commit_callbacks)

    assert [message.to[0] for message in mailoutbox] == ["r1@example.org"]
    skipped = Delivery.objects.get(kind="feedback", recipient__member_key=members[0].key)
    assert (skipped.status, skipped.error) == ("skipped", "unsubscribed from this channel")


def test_a_member_who_left_the_panel_is_not_notified(
    feedback, members, mailoutbox, django_capture_on_commit_callbacks
):
    members[1].status = "left"
    members[1].save()

    publish(feedback, django_capture_on_commit_callbacks)

    assert [message.to[0] for message in mailoutbox] == ["r0@example.org"]


def _night() -> datetime:
    """23:05 Amsterdam time, at least a day from now (so never the current moment)."""
    moment = (timezone.now() + timedelta(days=1)).astimezone(ZONE)
    return moment.replace(hour=23, minute=5, second=0, microsecond=0)


def test_in_quiet_hours_the_feedback_waits_for_the_morning(
    feedback, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.QUIET_HOURS = "21-8"
    night = _night()
    morning = night.replace(hour=8) + timedelta(days=1)

    publish(feedback, django_capture_on_commit_callbacks, now=night)
    ids = sending.deliveries_due(now=night)
    assert sending.deliveries_send(ids, now=night) == {}
    assert mailoutbox == []

    assert sending.deliveries_send(sending.deliveries_due(now=morning), now=morning) == {"sent": 2}
    assert len(mailoutbox) == 2


def test_feedback_goes_out_after_the_distribution_ended(
    feedback, mailoutbox, django_capture_on_commit_callbacks, settings
):
    from buurtpeil.distribution.models import Distribution

    settings.QUIET_HOURS = "21-8"
    night = _night()
    morning = night.replace(hour=8) + timedelta(days=1)
    publish(feedback, django_capture_on_commit_callbacks, now=night)  # waits for the morning

    distribution_end(distribution=Distribution.objects.get(), now=night)

    assert Distribution.objects.get().status == "ended"
    assert set(Delivery.objects.filter(kind="feedback").values_list("status", flat=True)) == {"pending"}
    sending.deliveries_send(sending.deliveries_due(now=morning), now=morning)
    assert len(mailoutbox) == 2


def test_web_push_is_used_when_configured_and_sms_never(
    feedback, members, settings, mailoutbox, django_capture_on_commit_callbacks
):
    from buurtpeil.distribution.channels import sms_backends

    settings.SMS_BACKEND = "locmem"
    settings.VAPID_PRIVATE_KEY, settings.VAPID_PUBLIC_KEY = "private", "public"
    settings.VAPID_SUBJECT = "mailto:beheer@denhaag.example"
    sms_backends.outbox.clear()

    publish(feedback, django_capture_on_commit_callbacks)

    rows = set(Delivery.objects.filter(kind="feedback").values_list("channel", "status"))
    # Nobody subscribed to push, so those are skipped; nothing goes by SMS.
    assert rows == {("email", "sent"), ("push", "skipped")}
    assert sms_backends.outbox == []


def test_a_member_who_answered_through_two_sends_gets_one_message(
    answered, members, distribute, plan, mailoutbox, django_capture_on_commit_callbacks
):
    from buurtpeil.distribution.models import Recipient
    from buurtpeil.polls.models import Poll

    Poll.objects.filter(pk=answered.pk).update(status="open")
    distribute()  # a second send of the same poll to the same members
    Poll.objects.filter(pk=answered.pk).update(status="closed")
    Recipient.objects.filter(member_key=members[0].key).update(responded_at="2027-03-01T12:00:00Z")
    mailoutbox.clear()
    feedback = feedback_save(poll=answered, **TEXTS)

    publish(feedback, django_capture_on_commit_callbacks)

    assert sorted(message.to[0] for message in mailoutbox) == ["r0@example.org", "r1@example.org"]


def test_an_open_poll_cannot_publish_its_feedback(poll, plan, members, distribute, mailoutbox):
    distribute()
    answer(poll, members[0])
    feedback = feedback_save(poll=poll, **TEXTS)

    with pytest.raises(FeedbackRefused, match="Sluit de peiling"):
        feedback_publish(feedback=feedback)

    assert Feedback.objects.get().published_at is None
    assert not Delivery.objects.filter(kind="feedback").exists()


def test_texts_in_the_first_language_are_required(answered):
    with pytest.raises(FeedbackRefused, match="Schrijf een titel"):
        feedback_save(poll=answered, title={"nl": "Titel"}, said={"nl": "Gezegd"}, done={"en": "Done"})

    assert not Feedback.objects.exists()


def test_texts_in_languages_the_poll_does_not_have_are_dropped(answered):
    feedback = feedback_save(
        poll=answered,
        title={"nl": "Titel", "de": "Titel"},
        said={"nl": " Gezegd "},
        done={"nl": "Gedaan", "en": ""},
    )

    assert (feedback.title, feedback.said, feedback.done) == (
        {"nl": "Titel"},
        {"nl": "Gezegd"},
        {"nl": "Gedaan"},
    )


def test_goals_and_actions_of_another_organisation_are_refused(answered, other_organisation):
    _plan, goal, action = make_plan(other_organisation)

    with pytest.raises(FeedbackRefused):
        feedback_save(poll=answered, **TEXTS, goal_ids=[goal.pk])
    with pytest.raises(FeedbackRefused):
        feedback_save(poll=answered, **TEXTS, action_ids=[action.pk])

    assert not Feedback.objects.exists()


def test_the_push_message_carries_the_feedback_title_and_link_only(feedback, members):
    import json

    from buurtpeil.distribution.channels import Message
    from buurtpeil.distribution.channels.push import payload
    from buurtpeil.feedback.notice import feedback_url

    link = feedback_url(organisation=feedback.organisation, poll=feedback.poll)
    message = Message(
        organisation_name="'s-Gravenhage",
        poll_title="Veiligheid in uw buurt",
        kind="feedback",
        language="nl",
        answer_url=link,
        unsubscribe_url="https://peil.example/p/GM0518/unsubscribe/x",
        ends_at=timezone.now(),
        reference="bp-1",
    )

    assert json.loads(payload(message)) == {"title": "Wat er met uw antwoorden gebeurt", "url": link}


def test_the_sending_page_counts_the_feedback_messages_apart(feedback, django_capture_on_commit_callbacks):
    from buurtpeil.distribution.models import Distribution
    from buurtpeil.distribution.selectors import distribution_progress

    publish(feedback, django_capture_on_commit_callbacks)

    rows = {row.label: (row.total, row.sent) for row in distribution_progress(Distribution.objects.get())}
    assert rows == {"E-mail, uitnodiging": (3, 3), "E-mail, terugkoppeling": (2, 2)}


@pytest.mark.django_db(transaction=True)
def test_two_publishes_at_the_same_moment_notify_once(feedback, mailoutbox):
    import threading

    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the test database of SQLite is in memory, where a second writer fails at once")
    barrier, results, errors = threading.Barrier(2), [], []

    def submit():
        try:
            barrier.wait()
            results.append(feedback_publish(feedback=Feedback.objects.get(pk=feedback.pk)))
        except Exception as error:  # reported below, in the test's thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sorted(results, key=str) == [2, None]
    assert sorted(message.to[0] for message in mailoutbox) == ["r0@example.org", "r1@example.org"]
    assert AuditEvent.objects.filter(action="feedback.publish").count() == 1
