"""Editing a poll: modules copied in (renamed on a clash, the library untouched), groups and
questions added, moved and removed, languages, closing; edits that break the poll are refused."""

import pytest
from django.utils import translation

from buurtpeil.polls import library, services
from buurtpeil.polls.definition import definition_validate, questions
from buurtpeil.polls.models import Poll
from buurtpeil.polls.services import PollEditError


@pytest.fixture(autouse=True)
def english():
    """The assertions read the English messages."""
    with translation.override("en"):
        yield


def _codes(poll) -> list[str]:
    poll.refresh_from_db()
    return [question["code"] for question in questions(poll.definition)]


def _stored(poll) -> dict:
    return Poll.objects.get(pk=poll.pk).definition


def test_a_module_is_copied_into_the_poll_in_its_languages(poll):
    before = library.module("victimisation")
    renames = services.poll_module_add(poll=poll, module_code="victimisation")
    assert renames == {"victim": "victim_2"}  # the test poll has a question "victim" already
    definition = _stored(poll)
    assert definition["groups"][-1]["id"] == "g_victimisation"
    assert _codes(poll)[-4:] == ["victim_2", "victim_types", "victim_reported", "victim_not_reported_why"]
    assert definition["groups"][-1]["questions"][1]["condition"]["question"] == "victim_2"
    assert library.module("victimisation") == before


def test_a_module_added_twice_gets_new_codes_and_its_conditions_follow(poll):
    services.poll_module_add(poll=poll, module_code="victimisation")
    renames = services.poll_module_add(poll=poll, module_code="victimisation")
    # "victim" was already in the small test poll, so the first copy was renamed too.
    assert renames["victim_reported"] == "victim_reported_2"
    definition = definition_validate(_stored(poll))
    second = definition["groups"][-1]
    assert second["id"] == "g_victimisation_2"
    by_code = {q["code"]: q for q in second["questions"]}
    assert by_code["victim_reported_2"]["condition"]["question"] == renames["victim"]
    assert by_code["victim_not_reported_why_2"]["condition"]["question"] == "victim_reported_2"
    assert by_code["victim_reported_2"]["indicator"] == "victim_reported"  # analysis still finds it
    assert library.module("victimisation")["groups"][0]["questions"][2]["code"] == "victim_reported"


def test_a_copied_module_is_edited_and_the_library_stays_unchanged(poll):
    services.poll_module_add(poll=poll, module_code="cohesion")
    question = {**library.module("cohesion")["groups"][0]["questions"][1]}
    question["text"] = {"nl": "Buren gaan hier fijn met elkaar om."}
    services.poll_question_update(poll=poll, code="cohesion_pleasant", question=question)
    stored = _stored(poll)["groups"][-1]["questions"][1]
    assert stored["text"] == {"nl": "Buren gaan hier fijn met elkaar om."}
    assert library.module("cohesion")["groups"][0]["questions"][1]["text"]["nl"] == (
        "De mensen in mijn buurt gaan prettig met elkaar om."
    )


def test_texts_in_languages_the_poll_lacks_are_left_out(organisation):
    poll = services.poll_create(
        organisation=organisation,
        title="Alleen Nederlands",
        definition={"languages": ["nl"], "title": {"nl": "Alleen Nederlands"}, "groups": []},
    )
    services.poll_module_add(poll=poll, module_code="safety_buurt")
    question = _stored(poll)["groups"][0]["questions"][0]
    assert question["text"] == {"nl": "Hoe vaak voelt u zich onveilig in uw eigen buurt?"}


def test_an_unknown_module_is_refused(poll):
    with pytest.raises(PollEditError, match="no module"):
        services.poll_module_add(poll=poll, module_code="astrology")


def test_deleting_a_question_a_condition_depends_on_is_refused(poll):
    with pytest.raises(PollEditError) as error:
        services.poll_question_delete(poll=poll, code="victim")
    assert error.value.problems == [
        "Question victim cannot be removed: the condition of reported depends on it."
    ]
    assert "victim" in _codes(poll)
    services.poll_question_delete(poll=poll, code="reported")
    services.poll_question_delete(poll=poll, code="victim")
    assert _codes(poll)[:2] == ["kinds", "trust"]


def test_deleting_a_group_another_group_depends_on_is_refused(poll):
    assert services.poll_group_add(poll=poll, title={"nl": "Derde"}) == "g3"
    follow_up = {
        "code": "why",
        "type": "text",
        "text": {"nl": "Waarom?"},
        "condition": {"question": "mark", "op": "lt", "value": 6},
    }
    services.poll_question_add(poll=poll, group_id="g3", question=follow_up)
    with pytest.raises(PollEditError, match="the condition of why depends on it"):
        services.poll_group_delete(poll=poll, group_id="g2")
    services.poll_group_delete(poll=poll, group_id="g3")
    assert [g["id"] for g in _stored(poll)["groups"]] == ["g1", "g2"]


def test_moving_a_question_above_its_condition_is_refused(poll):
    with pytest.raises(PollEditError, match="not an earlier question"):
        services.poll_question_move(poll=poll, code="reported", direction="up")
    services.poll_question_move(poll=poll, code="kinds", direction="up")
    assert _codes(poll)[:3] == ["victim", "kinds", "reported"]


def test_a_question_moves_across_the_group_edge(poll):
    services.poll_question_move(poll=poll, code="mark", direction="up")
    definition = _stored(poll)
    assert definition["groups"][0]["questions"][-1]["code"] == "mark"
    assert definition["groups"][1]["questions"][0]["code"] == "age"


def test_groups_move_and_are_renamed(poll):
    services.poll_group_update(poll=poll, group_id="g2", title={"nl": "Tweede", "en": " "})
    assert _stored(poll)["groups"][1]["title"] == {"nl": "Tweede"}
    with pytest.raises(PollEditError, match="up or down"):
        services.poll_group_move(poll=poll, group_id="g2", direction="sideways")
    services.poll_group_move(poll=poll, group_id="g2", direction="up")
    assert [g["id"] for g in _stored(poll)["groups"]] == ["g2", "g1"]


def test_a_faulty_question_is_refused_with_every_problem(poll):
    bad = {"code": "1bad", "type": "likert", "text": {"nl": ""}, "choices": []}
    with pytest.raises(PollEditError) as error:
        services.poll_question_add(poll=poll, group_id="g1", question=bad)
    assert len(error.value.problems) == 3
    assert "1bad" not in str(_stored(poll))


def test_renaming_a_question_renames_the_conditions_that_refer_to_it(poll):
    question = {**_stored(poll)["groups"][0]["questions"][0], "code": "was_victim"}
    services.poll_question_update(poll=poll, code="victim", question=question)
    assert _stored(poll)["groups"][0]["questions"][1]["condition"]["question"] == "was_victim"


def test_languages_are_added_translated_and_removed(poll):
    services.poll_language_add(poll=poll, language="TR")
    assert _stored(poll)["languages"] == ["nl", "en", "tr"]
    count = services.poll_translations_save(
        poll=poll, language="tr", texts={"title": "Anket", "q:victim": "Mağdur oldunuz mu?", "q:mark": ""}
    )
    assert count == 2
    assert _stored(poll)["groups"][0]["questions"][0]["text"]["tr"] == "Mağdur oldunuz mu?"
    with pytest.raises(PollEditError, match="already has"):
        services.poll_language_add(poll=poll, language="tr")
    with pytest.raises(PollEditError, match="two or three letters"):
        services.poll_language_add(poll=poll, language="turks")
    with pytest.raises(PollEditError, match="source language"):
        services.poll_language_remove(poll=poll, language="nl")
    services.poll_language_remove(poll=poll, language="tr")
    assert _stored(poll)["languages"] == ["nl", "en"]
    assert "Anket" not in str(_stored(poll))


def test_an_open_poll_edits_its_draft_and_publishing_makes_a_new_version(poll):
    first = services.poll_publish(poll=poll)
    services.poll_question_delete(poll=poll, code="open")
    poll.refresh_from_db()
    assert poll.status == Poll.Status.OPEN
    assert "open" in [q["code"] for q in questions(first.definition)]  # the version is frozen
    second = services.poll_publish(poll=poll)
    assert (first.number, second.number) == (1, 2)
    assert "open" not in [q["code"] for q in questions(second.definition)]
    assert services.poll_publish(poll=poll).number == 2  # unchanged: no new version


def test_a_closed_poll_is_never_edited(poll):
    with pytest.raises(PollEditError, match="Only an open poll"):
        services.poll_close(poll=poll)
    services.poll_publish(poll=poll)
    services.poll_close(poll=poll)
    assert Poll.objects.get(pk=poll.pk).status == Poll.Status.CLOSED
    with pytest.raises(PollEditError, match="can no longer be changed"):
        services.poll_module_add(poll=poll, module_code="open")


def test_settings_change_title_introduction_and_results(poll):
    services.poll_settings_update(poll=poll, title="Najaar", intro="Fijn dat u meedoet.", show_results=True)
    stored = Poll.objects.get(pk=poll.pk)
    assert (stored.title, stored.show_results) == ("Najaar", True)
    assert stored.definition["title"]["nl"] == "Najaar"
    assert stored.definition["intro"] == {"nl": "Fijn dat u meedoet."}


def test_a_fault_in_a_definition_is_told_in_the_staff_members_language():
    from django.utils import translation

    from buurtpeil.polls.definition import DefinitionError, definition_validate
    from buurtpeil.polls.services import problem_text

    broken = {
        "languages": ["nl"],
        "title": {"nl": "Peiling"},
        "groups": [
            {"id": "g1", "questions": [{"code": "q", "type": "single", "text": {"nl": "V"}, "choices": []}]}
        ],
    }
    with pytest.raises(DefinitionError) as refused:
        definition_validate(broken)
    assert refused.value.problems == ["question q: needs at least two choices"]
    with translation.override("nl"):
        assert problem_text(refused.value.problems[0]) == "vraag q: heeft minstens twee antwoorden nodig"
