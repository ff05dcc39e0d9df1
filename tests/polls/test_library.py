"""The module library: every construct of DOMAIN.md §4.4/§9 and every Tafel van 12 factor is
covered, modules validate, texts are complete in Dutch and English, scales are the shared ones,
and the indicator registry points at real questions and answers."""

import pytest

from buurtpeil.polls import library
from buurtpeil.polls.definition import DONT_KNOW, choice_values, definition_validate, questions
from buurtpeil.polls.editing import texts
from buurtpeil.polls.indicators import FACTORS, INDICATORS, library_codes
from buurtpeil.polls.scales import SCALES, scale_score


def _all_questions() -> dict[str, dict]:
    found = {}
    for entry in library.modules():
        for question in questions(library.module_definition(entry["code"])):
            assert question["code"] not in found, f"{question['code']} is in two modules"
            found[question["code"]] = question
    return found


QUESTIONS = _all_questions()


@pytest.mark.parametrize("code", library.module_codes())
def test_every_module_is_a_valid_definition_with_dutch_and_english(code):
    definition = definition_validate(library.module_definition(code))
    for key, _what, mapping in texts(definition):
        for language in ("nl", "en"):
            assert mapping.get(language, "").strip(), f"{code} {key}: no {language} text"


def test_every_tafel_van_12_factor_has_a_module():
    covered = {factor for entry in library.modules() for factor in entry["factors"]}
    assert covered == set(range(1, 13)) == set(FACTORS)


def test_module_factors_are_the_factors_of_their_questions():
    for entry in library.modules():
        tagged = {q["factor"] for q in questions(library.module_definition(entry["code"])) if q.get("factor")}
        assert entry["factors"] == sorted(tagged), entry["code"]


def _question(code, kind, scale=None):
    question = QUESTIONS[code]
    assert question["type"] == kind, code
    if scale:
        assert question["scale"] == scale, code
    return question


def test_the_constructs_of_the_veiligheidsmonitor_are_all_measured():
    _question("unsafe_ever", "single", "yes_no")
    assert _question("unsafe_often", "single", "frequency3")["condition"]["question"] == "unsafe_ever"
    _question("buurt_unsafe", "single", "frequency3")
    assert {"street_evening", "home_alone"} <= {
        i["code"] for i in _question("unsafe_situations", "grid")["items"]
    }
    assert {"door_evening", "detour", "avoid_places"} <= {
        i["code"] for i in _question("avoidance", "grid")["items"]
    }
    assert {"burglary", "robbery", "assault", "online_fraud"} <= {
        i["code"] for i in _question("risk", "grid", "chance5")["items"]
    }
    _question("mark_liveability", "mark")
    _question("mark_safety", "mark")
    _question("buurt_trend", "single", "improved3")
    clusters = {
        "nuisance_physical": {"litter", "vandalism", "graffiti", "dog_fouling"},
        "nuisance_social": {"drunk", "drugs", "neighbours", "harassment", "youth"},
        "nuisance_traffic": {"speeding", "parking", "aggressive"},
    }
    for code, items in clusters.items():
        assert {i["code"] for i in _question(code, "grid", "nuisance3")["items"]} == items
    _question("nuisance_bars", "single", "nuisance3")
    assert {"pavements", "green", "lighting", "play", "youth"} == {
        i["code"] for i in _question("amenities", "grid", "satisfied5")["items"]
    }
    assert _question("unsafe_spot", "point")["factor"] == 7
    cohesion = [
        _question(c, "likert", "agree5")
        for c in ("cohesion_know", "cohesion_pleasant", "cohesion_help", "cohesion_home")
    ]
    assert [q.get("reverse", False) for q in cohesion] == [True, False, False, False]
    _question("collective_efficacy", "grid", "likely5")
    _question("influence_can", "likert", "agree5")
    for code in ("police_satisfied", "municipality_satisfied"):
        assert _question(code, "likert", "satisfied5")["dont_know"] is True  # no opinion
    _question("supervision_trust", "likert", "agree5")
    for code in ("approach_serious", "reports_acted", "reports_feedback"):
        _question(code, "likert", "agree5")
    _question("safety_talk", "grid", "frequency3")
    _question("communication_reassures", "likert", "agree5")
    assert _question("aftercare", "grid", "agree5")["condition"] == {
        "question": "incident",
        "op": "eq",
        "value": "yes",
    }
    _question("victim", "single", "yes_no")
    assert _question("victim_reported", "single")["condition"] == {
        "question": "victim",
        "op": "eq",
        "value": "yes",
    }
    _question("prevention", "grid", "never_always5")
    _question("buurtpreventie", "multiple")
    _question("open_unsafe", "text")


def test_questions_with_a_scale_have_exactly_its_choices():
    """Comparability: the same scale means the same values, order and labels everywhere."""
    used = set()
    for code, question in QUESTIONS.items():
        if "scale" in question:
            used.add(question["scale"])
            assert question["choices"] == SCALES[question["scale"]]["choices"], code
    assert used == set(SCALES)


def test_likert_scales_score_from_one_to_five_and_reverse():
    for name in ("agree5", "satisfied5", "likely5", "chance5", "never_always5"):
        assert [scale_score(name, str(n)) for n in range(1, 6)] == [0, 1, 2, 3, 4]
        assert scale_score(name, "1", reverse=True) == 4
        assert scale_score(name, DONT_KNOW) is None


def test_every_question_is_tagged_with_its_own_indicator():
    for code, question in QUESTIONS.items():
        assert question["indicator"] == code
        assert INDICATORS[code]["parts"][0]["question"] == code


def test_every_indicator_refers_to_library_questions_and_their_answers():
    kinds = {"proportion", "mean", "scale", "open"}
    for code, spec in INDICATORS.items():
        assert spec["kind"] in kinds, code
        assert spec["label"]["nl"] and spec["label"]["en"], code
        assert spec["factor"] in (None, *FACTORS), code
        assert spec["scale"] in (None, *SCALES), code
        for part in spec["parts"]:
            question = QUESTIONS[part["question"]]
            if "item" in part:
                assert part["item"] in {i["code"] for i in question["items"]}, code
            if spec["kind"] == "proportion":
                allowed = choice_values(question) or list(range(1, 11))
                assert spec["values"] and set(spec["values"]) <= set(allowed), code
            if spec["kind"] == "scale":
                assert question.get("scale") == spec["scale"], code
                assert part.get("reverse", False) == question.get("reverse", False), code
        if spec["of"]:
            assert spec["of"] in QUESTIONS, code


def test_indicators_are_found_in_a_poll_after_renaming():
    definition = library.module_definition("safety_general")
    definition["groups"][0]["questions"][0]["code"] = "unsafe_ever_2"
    assert library_codes(definition) == {"unsafe_ever": "unsafe_ever_2", "unsafe_often": "unsafe_often"}


def test_the_library_hands_out_copies():
    first = library.module("cohesion")
    first["groups"][0]["questions"].clear()
    first["title"]["nl"] = "Anders"
    assert library.module("cohesion")["groups"][0]["questions"]
    assert library.modules()[library.module_codes().index("cohesion")]["title"]["nl"] == "Sociale samenhang"
