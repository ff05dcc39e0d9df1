"""The definition document: validation reports every fault, conditions, and answer cleaning."""

import pytest

from buurtpeil.polls.definition import (
    DefinitionError,
    answers_clean,
    condition_holds,
    definition_validate,
)


def _problems(definition) -> list[str]:
    with pytest.raises(DefinitionError) as error:
        definition_validate(definition)
    return error.value.problems


def test_a_sound_definition_is_returned(definition):
    assert definition_validate(definition) is definition


def test_every_fault_is_reported_at_once(definition):
    questions = definition["groups"][0]["questions"]
    questions[0]["type"] = "slider"
    questions[1]["condition"] = {"question": "later", "op": "eq", "value": "x"}
    questions[2]["choices"] = []
    questions[3]["factor"] = 13
    questions[3]["text"] = {"en": "Trust"}
    definition["groups"][1]["questions"][1]["min"] = 200
    definition["groups"][1]["questions"][4]["items"] = [{"code": "a"}, {"code": "a"}]
    definition["title"]["de"] = "Umfrage"
    problems = _problems(definition)
    expected = [
        "unknown question type “slider”",
        "“later”, which is not an earlier question",
        "question kinds: needs at least two choices",
        "factor must be a number from 1 to 12",
        "question trust: the text in the source language (nl) is missing",
        "question age: min is above max",
        "question nuisance: an item code is used twice",
        "title: text in a language the poll does not have: de",
    ]
    for fragment in expected:
        assert any(fragment in problem for problem in problems), (fragment, problems)


def test_duplicate_codes_and_reserved_dont_know_value_are_refused(definition):
    questions = definition["groups"][0]["questions"]
    questions[2]["code"] = "victim"
    questions[3]["choices"][0]["value"] = "dk"
    problems = _problems(definition)
    assert any("the code is used twice" in p for p in problems)
    assert any("reserved for “don't know”" in p for p in problems)


def test_a_condition_must_point_to_an_earlier_question(definition):
    questions = definition["groups"][0]["questions"]
    questions[0], questions[1] = questions[1], questions[0]
    assert any("not an earlier question" in p for p in _problems(definition))


@pytest.mark.parametrize(
    ("condition", "answers", "expected"),
    [
        ({"question": "a", "op": "eq", "value": "yes"}, {"a": "yes"}, True),
        ({"question": "a", "op": "eq", "value": "yes"}, {"a": "no"}, False),
        ({"question": "a", "op": "ne", "value": "yes"}, {}, True),
        ({"question": "a", "op": "in", "value": ["x", "y"]}, {"a": "y"}, True),
        ({"question": "a", "op": "selected", "value": "b"}, {"a": ["a", "b"]}, True),
        ({"question": "a", "op": "selected", "value": "c"}, {"a": ["a", "b"]}, False),
        ({"question": "a", "op": "gt", "value": 5}, {"a": 6}, True),
        ({"question": "a", "op": "le", "value": 5}, {"a": 6}, False),
        ({"question": "a", "op": "ge", "value": 5}, {"a": "five"}, False),
        ({"question": "a", "op": "answered"}, {"a": {"lon": 4.3, "lat": 52.1}}, True),
        ({"question": "a", "op": "answered"}, {"a": []}, False),
        (
            {
                "all": [
                    {"question": "a", "op": "eq", "value": "yes"},
                    {"question": "b", "op": "lt", "value": 3},
                ]
            },
            {"a": "yes", "b": 4},
            False,
        ),
        (
            {
                "any": [
                    {"question": "a", "op": "eq", "value": "yes"},
                    {"question": "b", "op": "lt", "value": 3},
                ]
            },
            {"a": "no", "b": 2},
            True,
        ),
        (None, {}, True),
    ],
)
def test_conditions(condition, answers, expected):
    assert condition_holds(condition, answers) is expected


def test_answers_are_cleaned_per_question_type(definition):
    answers = {
        "victim": "yes",
        "reported": "no",
        "kinds": ["b", "a"],
        "trust": "dk",
        "mark": "7",
        "age": "42",
        "open": "  Te donker bij het park  ",
        "spot": {"lon": "4.3123456789", "lat": 52.08},
        "nuisance": {"litter": "yes", "noise": "no"},
        "unknown": "dropped",
    }
    cleaned, errors = answers_clean(definition, answers, complete=True)
    assert errors == {}
    assert cleaned == {
        "victim": "yes",
        "reported": "no",
        "kinds": ["a", "b"],  # in choice order
        "trust": "dk",
        "mark": 7,
        "age": 42,
        "open": "Te donker bij het park",
        "spot": {"lon": 4.312346, "lat": 52.08},
        "nuisance": {"litter": "yes", "noise": "no"},
    }


@pytest.mark.parametrize(
    ("code", "value", "reason"),
    [
        ("victim", "maybe", "not one of the choices"),
        ("kinds", ["a", "z"], "not one of the choices"),
        ("trust", "6", "not one of the choices"),
        ("mark", 11, "a whole number from 1 to 10"),
        ("mark", 6.5, "a whole number from 1 to 10"),
        ("age", 121, "above the maximum"),
        ("age", "old", "not a number"),
        ("open", "x" * 2001, "longer than 2000 characters"),
        ("open", "Te donker\x00", "a character that cannot be stored"),
        ("open", "half \ud800 a character", "a character that cannot be stored"),
        ("spot", {"lon": 200, "lat": 52}, "not a point on the map"),
        ("nuisance", {"litter": "maybe"}, "not one of the choices"),
        ("nuisance", {"smell": "yes"}, "unknown item"),
    ],
)
def test_wrong_answers_are_reported_per_question(definition, code, value, reason):
    _cleaned, errors = answers_clean(definition, {code: value}, complete=False)
    assert errors == {code: reason}


def test_hidden_questions_are_dropped_and_required_only_when_visible(definition):
    answers = {"victim": "no", "reported": "yes", "mark": 6, "nuisance": {"litter": "no", "noise": "no"}}
    cleaned, errors = answers_clean(definition, answers, complete=True)
    assert "reported" not in cleaned  # hidden: victim is not "yes"
    assert errors == {}
    _cleaned, errors = answers_clean(definition, {**answers, "victim": "yes", "reported": ""}, complete=True)
    assert errors == {"reported": "required"}


def test_required_is_checked_only_on_the_final_submit(definition):
    partial = {"victim": "yes", "nuisance": {"litter": "yes"}}
    assert answers_clean(definition, partial, complete=False)[1] == {}
    errors = answers_clean(definition, partial, complete=True)[1]
    assert errors == {"reported": "required", "mark": "required", "nuisance": "required"}
