"""The respondent-level table built from poll definitions and answers (the pure layer)."""

import copy
from datetime import date

import pytest

from buurtpeil.reports.answers import Respondent, answers_table
from tests.responses.factories import YES_NO, definition_every_type

TRAITS = {
    "age_group": [("15_25", "16-24"), ("25_45", "25-44"), ("45_65", "45-64"), ("65_plus", "65+")],
    "sex": [("female", "Vrouw"), ("male", "Man"), ("other", "Anders")],
}
FULL = {
    "victim": "yes",
    "reported": "no",
    "kinds": ["theft", "threat"],
    "unsafe": "dk",
    "mark": 7,
    "years": 12.5,
    "nuisance": {"litter": "often", "speeding": "never"},
    "where": {"lon": 4.3007, "lat": 52.0705},
    "remarks": "Bel Jan op 06-12345678",
}


def table(respondents, versions=None, language="nl", **kwargs):
    respondents = list(respondents)
    return answers_table(
        title="Veiligheid",
        versions=versions or {1: definition_every_type()},
        language=language,
        respondents=respondents,
        row_count=len(respondents),
        traits=TRAITS,
        **kwargs,
    )


def as_dicts(result):
    names = [variable.name for variable in result.variables]
    return [dict(zip(names, row, strict=True)) for row in result.rows]


def variable(result, name):
    return next(v for v in result.variables if v.name == name)


def test_one_row_per_respondent_with_a_number_and_the_background_coded():
    result = table(
        [
            Respondent(1, FULL, date(2026, 3, 2), "BU05180101", "WK051801", "45_65", "female"),
            Respondent(1, {"victim": "no"}, date(2026, 3, 3), "", "", "", ""),
        ]
    )
    first, second = as_dicts(result)
    assert [v.name for v in result.variables][:7] == [
        "respondent",
        "version",
        "completed",
        "wijk",
        "buurt",
        "age_group",
        "sex",
    ]
    assert first | {"remarks": None} == {
        "respondent": 1,
        "version": 1,
        "completed": date(2026, 3, 2),
        "wijk": "WK051801",
        "buurt": "BU05180101",
        "age_group": 3,
        "sex": 1,
        "victim": 1,
        "reported": 2,
        "kinds_theft": 1,
        "kinds_vandalism": 0,
        "kinds_threat": 1,
        "unsafe": 99,
        "mark": 7,
        "years": 12.5,
        "nuisance_litter": 1,
        "nuisance_speeding": 3,
        "where_lon": 4.3007,
        "where_lat": 52.0705,
        "remarks": None,
    }
    assert second["respondent"] == 2 and second["victim"] == 2
    assert {k: v for k, v in second.items() if k not in ("respondent", "version", "completed", "victim")} == {
        k: None for k in second if k not in ("respondent", "version", "completed", "victim")
    }
    assert variable(result, "age_group").value_labels == {1: "16-24", 2: "25-44", 3: "45-64", 4: "65+"}


def test_open_answers_are_masked():
    (row,) = as_dicts(table([Respondent(1, FULL)]))
    assert row["remarks"] == "Bel [naam] op [telefoon]"


def test_labels_come_in_the_chosen_language_and_dont_know_is_declared_missing():
    definition = definition_every_type()
    definition["groups"][2]["questions"][0]["dont_know"] = True  # the grid
    result = table([Respondent(1, {"nuisance": {"speeding": "dk"}})], versions={1: definition}, language="en")
    unsafe = variable(result, "unsafe")
    assert unsafe.label == "I often feel unsafe in my neighbourhood."
    assert unsafe.value_labels == {
        1: "Strongly disagree",
        2: "Disagree",
        3: "Neutral",
        4: "Agree",
        5: "Strongly agree",
        99: "Don't know / no opinion",
    }
    assert unsafe.missing == (99,) and unsafe.measure == "ordinal"
    assert variable(result, "kinds_threat").label == "What happened?: Threat"
    assert variable(result, "nuisance_speeding").label == "How often does this happen?: Speeding"
    assert variable(result, "nuisance_speeding").value_labels == {
        1: "Often",
        2: "Sometimes",
        3: "(Almost) never",
        99: "Don't know / no opinion",
    }
    assert variable(result, "nuisance_speeding").missing == (99,)
    assert as_dicts(result)[0]["nuisance_speeding"] == 99
    assert variable(result, "where_lat").label == "Where do you feel least safe?: latitude (WGS84)"
    assert variable(result, "victim").value_labels == {1: "Yes", 2: "No"}
    assert variable(result, "remarks").kind == "string"


def test_the_own_texts_go_through_translate():
    result = table([], translate=lambda message: f"«{message}»")
    assert variable(result, "respondent").label == "«Respondent (numbered anew in every export)»"
    assert variable(result, "kinds_theft").value_labels == {0: "«Not chosen»", 1: "«Chosen»"}


def _with_choices(values):
    definition = definition_every_type()
    definition["groups"][0]["questions"][0]["choices"] = [
        {"value": value, "label": {"nl": f"label {value}"}} for value in values
    ]
    return definition


@pytest.mark.parametrize(
    ("values", "codes"),
    [
        (["0", "1", "2"], [0, 1, 2]),  # whole numbers keep their number
        (["yes", "no", "maybe"], [1, 2, 3]),  # other values are numbered in order
        (["1", "1a", "2"], [1, 2, 3]),
    ],
)
def test_choices_are_coded_by_their_own_number_or_in_order(values, codes):
    victim = variable(table([], versions={1: _with_choices(values)}), "victim")
    assert list(victim.value_labels) == codes


def test_dont_know_moves_to_999_when_99_is_a_choice():
    definition = definition_every_type()
    unsafe = definition["groups"][1]["questions"][0]
    unsafe["choices"] = [{"value": str(n), "label": {"nl": str(n)}} for n in (1, 50, 99)]
    result = table(
        [Respondent(1, {"unsafe": "dk"}), Respondent(1, {"unsafe": "99"})], versions={1: definition}
    )
    assert variable(result, "unsafe").missing == (999,)
    assert [row["unsafe"] for row in as_dicts(result)] == [999, 99]


def test_answers_to_several_versions_share_one_table_of_all_their_questions():
    old = definition_every_type()
    new = copy.deepcopy(old)
    kinds = new["groups"][0]["questions"][2]
    kinds["choices"].append({"value": "burglary", "label": {"nl": "Inbraak", "en": "Burglary"}})
    kinds["text"]["nl"] = "Wat is er gebeurd?"
    new["groups"][3]["questions"] = [
        {"code": "police", "type": "single", "choices": YES_NO, "text": {"nl": "Politie gezien?"}}
    ]
    result = table(
        [
            Respondent(1, {"kinds": ["theft"], "remarks": "oud"}),
            Respondent(2, {"kinds": ["burglary"], "police": "yes"}),
        ],
        versions={1: old, 2: new},
    )
    names = [v.name for v in result.variables]
    assert names.index("police") < names.index("remarks")  # the newest version's order first
    assert variable(result, "kinds_burglary").label == "Wat is er gebeurd?: Inbraak"
    v1, v2 = as_dicts(result)
    assert (v1["kinds_theft"], v1["kinds_burglary"], v1["police"], v1["remarks"]) == (1, None, None, "oud")
    assert (v2["kinds_theft"], v2["kinds_burglary"], v2["police"], v2["remarks"]) == (0, 1, 1, None)
    assert (v1["version"], v2["version"]) == (1, 2)


def test_a_question_whose_type_changed_gets_a_second_variable():
    old = definition_every_type()
    new = copy.deepcopy(old)
    new["groups"][1]["questions"][1] = {"code": "mark", "type": "text", "text": {"nl": "Waarom dat cijfer?"}}
    result = table([Respondent(1, {"mark": 6}), Respondent(2, {"mark": "Goed"})], versions={1: old, 2: new})
    assert variable(result, "mark").kind == "string" and variable(result, "mark_2").kind == "integer"
    v1, v2 = as_dicts(result)
    assert (v1["mark"], v1["mark_2"]) == (None, 6)
    assert (v2["mark"], v2["mark_2"]) == ("Goed", None)


def test_a_multiple_choice_question_left_unanswered_is_missing_not_zero():
    (row,) = as_dicts(table([Respondent(1, {"victim": "no"})]))
    assert (row["kinds_theft"], row["kinds_vandalism"], row["kinds_threat"]) == (None, None, None)


def test_question_codes_that_clash_with_the_background_get_their_own_name():
    definition = definition_every_type()
    definition["groups"][0]["questions"][0]["code"] = "buurt"
    definition["groups"][0]["questions"][1]["condition"]["question"] = "buurt"
    result = table([Respondent(1, {"buurt": "yes"}, buurt_code="BU1")], versions={1: definition})
    (row,) = as_dicts(result)
    assert (row["buurt"], row["buurt_2"]) == ("BU1", 1)


def test_the_rows_are_read_lazily_once():
    read = []

    def respondents():
        for n in range(3):
            read.append(n)
            yield Respondent(1, {"mark": n + 1})

    result = answers_table(
        title="t",
        versions={1: definition_every_type()},
        language="nl",
        respondents=respondents(),
        row_count=3,
        traits=TRAITS,
    )
    assert read == []
    assert [row["mark"] for row in as_dicts(result)] == [1, 2, 3]
