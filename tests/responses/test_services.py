"""response_save: the one write path of answers."""

import threading
import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone, translation

from buurtpeil.distribution.models import Recipient
from buurtpeil.distribution.selectors import recipient_by_token
from buurtpeil.panel.services import member_erase
from buurtpeil.polls.services import poll_close, poll_publish, poll_settings_update
from buurtpeil.responses import services
from buurtpeil.responses.models import Response, SubmissionKey
from tests.responses import factories

FULL = {
    "victim": "no",
    "unsafe": "2",
    "mark": 7,
    "nuisance": {"litter": "often", "speeding": "never"},
}


def save(recipient, answers, *, key=None, complete=False, language="nl"):
    return services.response_save(
        recipient=recipient,
        answers=answers,
        idempotency_key=key or uuid.uuid4().hex,
        complete=complete,
        language=language,
    )


def test_partial_saves_merge_into_one_response(organisation, invited):
    recipient, _token = invited
    first = save(recipient, {"victim": "yes", "reported": "no"})
    assert first.ok and first.created
    second = save(recipient, {"unsafe": "4", "years": "12"})
    assert second.ok and not second.created
    response = Response.objects.get()
    assert response.answers == {"victim": "yes", "reported": "no", "unsafe": "4", "years": 12}
    assert response.status == Response.Status.IN_PROGRESS
    assert response.language == "nl"


def test_an_empty_value_clears_a_stored_answer(invited):
    recipient, _token = invited
    save(recipient, {"victim": "no", "kinds": ["theft"]})
    save(recipient, {"kinds": []})
    assert Response.objects.get().answers == {"victim": "no"}


def test_answers_hidden_by_a_condition_are_dropped(invited):
    recipient, _token = invited
    save(recipient, {"victim": "yes", "reported": "yes"})
    save(recipient, {"victim": "no"})
    assert Response.objects.get().answers == {"victim": "no"}


def test_required_questions_are_checked_only_on_the_final_submit(invited):
    recipient, _token = invited
    assert save(recipient, {"victim": "yes"}).ok
    result = save(recipient, {}, complete=True)
    assert result.errors == {
        "reported": "required",
        "unsafe": "required",
        "mark": "required",
        "nuisance": "required",
    }
    assert Response.objects.get().status == Response.Status.IN_PROGRESS


def test_an_invalid_answer_stores_nothing(invited):
    recipient, _token = invited
    result = save(recipient, {"years": 500})
    assert result.errors == {"years": "above the maximum"}
    assert not Response.objects.exists() and not SubmissionKey.objects.exists()


def test_completion_marks_the_recipient_as_responded(organisation, invited):
    recipient, _token = invited
    result = save(recipient, FULL, complete=True)
    assert result.ok and result.complete
    response = Response.objects.get()
    assert response.completed_at is not None
    assert Recipient.objects.get(pk=recipient.pk).responded_at is not None


def test_a_double_submit_with_one_key_is_stored_once(invited):
    recipient, _token = invited
    first = save(recipient, FULL, key="k-1", complete=True)
    again = save(recipient, FULL, key="k-1", complete=True)
    assert first.ok and not first.replayed
    assert again.ok and again.replayed and again.complete
    assert Response.objects.count() == 1 and SubmissionKey.objects.count() == 1


def test_a_completed_response_cannot_be_changed(invited):
    recipient, _token = invited
    save(recipient, FULL, complete=True)
    later = save(recipient, {**FULL, "mark": 2}, complete=True)
    assert later.refused == services.ANSWERED
    with translation.override("en"):
        assert "already answered" in later.message
    partial = save(recipient, {"mark": 3})
    assert partial.refused == services.ANSWERED
    assert Response.objects.get().answers["mark"] == 7
    assert SubmissionKey.objects.count() == 1


def test_an_ended_distribution_refuses_answers(invited):
    recipient, _token = invited
    recipient.distribution.ends_at = timezone.now() - timedelta(minutes=1)
    recipient.distribution.save()
    result = save(recipient, FULL, complete=True)
    assert result.refused == services.ENDED and not Response.objects.exists()


def test_a_closed_poll_refuses_answers(poll, invited):
    recipient, _token = invited
    poll_close(poll=poll)
    recipient.distribution.poll.refresh_from_db()
    assert save(recipient, FULL).refused == services.CLOSED


def test_a_missing_or_overlong_key_is_refused(invited):
    recipient, _token = invited
    assert save(recipient, FULL, key=" ").refused == services.BAD_KEY
    assert save(recipient, FULL, key="x" * 101).refused == services.BAD_KEY
    assert save(recipient, FULL, key="a\x00b").refused == services.BAD_KEY
    assert not Response.objects.exists()


def test_a_language_that_is_no_language_code_is_not_kept(invited):
    recipient, _token = invited
    save(recipient, {"victim": "no"}, language="n\x00")
    assert Response.objects.get().language == ""


def test_the_version_is_pinned_when_answering_starts(organisation, poll, invited):
    recipient, _token = invited
    save(recipient, {"victim": "no"})
    first_version = Response.objects.get().version
    definition = dict(poll.definition, title={"nl": "Veiligheid, tweede versie"})
    type(poll).objects.filter(pk=poll.pk).update(definition=definition)
    poll.refresh_from_db()
    second_version = poll_publish(poll=poll)
    assert second_version.number == first_version.number + 1

    save(recipient, FULL, complete=True)
    assert Response.objects.get(recipient=recipient).version == first_version
    newcomer, _ = factories.invitation(organisation, poll=poll)
    save(newcomer, {"victim": "no"})
    assert Response.objects.get(recipient=newcomer).version == second_version


def test_the_snapshot_is_copied_from_the_member_and_never_contact_data(organisation, invited):
    recipient, _token = invited
    save(recipient, {"victim": "no"})
    response = Response.objects.get()
    assert (response.age_group, response.sex) == ("45_65", "female")
    assert response.member_key == recipient.member_key
    assert not {f.name for f in Response._meta.get_fields()} & {"email", "phone", "name", "address"}


def test_erasure_deletes_the_members_answers(organisation, invited):
    from buurtpeil.panel.models import PanelMember

    recipient, _token = invited
    save(recipient, FULL, key="k", complete=True)
    other, _ = factories.invitation(organisation, poll=recipient.distribution.poll)
    save(other, {"victim": "no"})
    member_erase(member=PanelMember.objects.get(key=recipient.member_key))
    assert list(Response.objects.values_list("member_key", flat=True)) == [other.member_key]
    assert SubmissionKey.objects.filter(key="k").count() == 0


def test_a_save_is_one_read_and_one_write(invited, django_assert_num_queries):
    recipient, _token = invited
    save(recipient, {"victim": "no"}, key="first")  # the version's definition is read once per process
    # PostgreSQL writes the response, its key and the responded mark in one statement; SQLite
    # runs the three in a transaction (here a savepoint: two more statements)
    write = 1 if connection.vendor == "postgresql" else 5
    with django_assert_num_queries(1 + write):
        assert save(recipient, {"unsafe": "3"}).ok
    with django_assert_num_queries(1 + write):
        assert save(recipient, FULL, complete=True).complete
    with django_assert_num_queries(1):  # a replay only reads
        assert save(recipient, {"victim": "no"}, key="first").replayed
    newcomer, _ = factories.invitation(recipient.organisation, poll=recipient.distribution.poll)
    with django_assert_num_queries(1 + write):
        assert save(newcomer, {"victim": "no"}).created


def test_results_are_shown_only_above_the_privacy_minimum(organisation, poll):
    from buurtpeil.responses.selectors import results

    organisation.privacy_minimum = 3
    organisation.save()
    poll_settings_update(poll=poll, title=poll.title, intro="", show_results=True)
    for mark in (6, 8):
        recipient, _ = factories.invitation(organisation, poll=poll)
        save(recipient, {**FULL, "mark": mark}, complete=True)
    shown = {
        r.code: r for r in results(poll_id=poll.pk, definition=poll.definition, language="nl", minimum=3)
    }
    assert not shown["mark"].shown and shown["mark"].answered == 2
    from django.core.cache import cache

    cache.clear()
    recipient, _ = factories.invitation(organisation, poll=poll)
    save(recipient, {**FULL, "mark": 8}, complete=True)
    shown = {
        r.code: r for r in results(poll_id=poll.pk, definition=poll.definition, language="nl", minimum=3)
    }
    assert shown["mark"].shown
    assert [(row.label, row.percent) for row in shown["mark"].rows if row.count] == [("6", 33), ("8", 67)]
    assert [row.label for row in shown["unsafe"].rows][-1] == "Weet niet / geen mening"


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite's in-memory test database locks whole tables"
)
@pytest.mark.django_db(transaction=True)
def test_concurrent_submits_with_one_key_are_stored_once(organisation):
    """Threads with their own connections race the same key: the OneToOne constraint decides
    who creates the response, the row lock orders the rest, and the key is stored once."""
    poll, _version = factories.poll_published(organisation)
    _recipient, token = factories.invitation(organisation, poll=poll)
    barrier = threading.Barrier(6)
    results = []

    def submit():
        try:
            recipient = recipient_by_token(organisation=organisation, token=token)
            barrier.wait()
            results.append(save(recipient, FULL, key="same-key", complete=True))
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 6 and all(result.ok for result in results)
    assert sum(not result.replayed for result in results) == 1
    assert Response.objects.count() == 1 and SubmissionKey.objects.count() == 1
