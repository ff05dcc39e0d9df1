"""XLSForm → poll definition: question types, languages, groups, grids, conditions, and every
row Buurtpeil cannot represent reported with its sheet, row and name."""

import io
import zipfile

import pytest
from django.utils import translation

from buurtpeil.polls.xlsform import XLSFormError, xlsform_read
from tests.polls.xlsform_workbooks import YES_NO, survey_nl_en, workbook


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def read(survey, choices=YES_NO, settings=None, **kwargs):
    return xlsform_read(workbook(survey, choices, settings), **kwargs)


def problems(survey, choices=YES_NO, settings=None):
    with pytest.raises(XLSFormError) as caught:
        read(survey, choices, settings)
    return caught.value.problems


def only_questions(definition):
    return [question for group in definition["groups"] for question in group["questions"]]


def test_every_question_type_is_mapped():
    scale = [
        ["list_name", "name", "label::Dutch (nl)"],
        *[["agree", str(n), f"{n}"] for n in range(1, 6)],
        ["agree", "dk", "Weet niet"],
        ["yn", "yes", "Ja"],
        ["yn", "no", "Nee"],
    ]
    survey = [
        ["type", "name", "label::Dutch (nl)", "appearance", "constraint", "parameters"],
        ["select_one yn", "single_q", "Eén"],
        ["select_multiple yn", "multi_q", "Meer"],
        ["select_one agree", "likert_q", "Eens?", "likert"],
        ["integer", "mark_q", "Cijfer", None, ". >= 1 and . <= 10"],
        ["range", "range_q", "Schuif", None, None, "start=1 end=10 step=1"],
        ["integer", "age", "Leeftijd", None, ". >= 0 and . <= 120"],
        ["decimal", "km", "Afstand", None, ". >= 0.5"],
        ["integer", "count", "Aantal", None, ". > 0"],
        ["text", "open", "Open"],
        ["geopoint", "spot", "Plek"],
        ["begin group", "nuisance", "Overlast", "table-list"],
        ["select_one agree", "litter", "Rommel"],
        ["select_one agree", "noise", "Lawaai"],
        ["end group"],
    ]
    definition, title = read(survey, scale)
    by_code = {question["code"]: question for question in only_questions(definition)}
    assert {code: question["type"] for code, question in by_code.items()} == {
        "single_q": "single",
        "multi_q": "multiple",
        "likert_q": "likert",
        "mark_q": "mark",
        "range_q": "mark",
        "age": "number",
        "km": "number",
        "count": "number",
        "open": "text",
        "spot": "point",
        "nuisance": "grid",
    }
    assert (by_code["age"]["min"], by_code["age"]["max"]) == (0, 120)
    assert by_code["km"]["min"] == 0.5 and "max" not in by_code["km"]
    assert by_code["count"]["min"] == 1  # ". > 0" for a whole number
    assert by_code["likert_q"]["dont_know"] is True
    assert [c["value"] for c in by_code["likert_q"]["choices"]] == ["1", "2", "3", "4", "5"]
    assert by_code["nuisance"]["items"] == [
        {"code": "litter", "text": {"nl": "Rommel"}},
        {"code": "noise", "text": {"nl": "Lawaai"}},
    ]
    assert by_code["nuisance"]["dont_know"] is True
    assert title == "XLSForm"  # no form_title and no file name


def test_a_field_list_of_list_nolabel_rows_is_a_grid():
    survey = [
        ["type", "name", "label::Dutch (nl)", "appearance"],
        ["begin group", "trust", "Vertrouwen", "field-list"],
        ["select_one yn", "header", "Vertrouwt u ...", "label"],
        ["select_one yn", "police", "de politie", "list-nolabel"],
        ["select_one yn", "council", "de gemeente", "list-nolabel"],
        ["end group"],
    ]
    definition, _title = read(survey)
    (grid,) = only_questions(definition)
    assert grid["type"] == "grid" and [item["code"] for item in grid["items"]] == ["police", "council"]
    assert grid["text"] == {"nl": "Vertrouwen"}


def test_labels_in_several_languages_become_the_poll_languages():
    survey = [
        ["type", "name", "label::Dutch (nl)", "label::English (en)", "label::Deutsch", "hint::English (en)"],
        ["text", "open", "Wat vindt u?", "What do you think?", "Was meinen Sie?", "Anything"],
    ]
    choices = [["list_name", "name", "label::Dutch (nl)"], ["x", "a", "A"]]
    settings = [["form_title", "buurtpeil::title::English (en)"], ["Buurtpeiling", "Neighbourhood poll"]]
    definition, title = read(survey, choices, settings)
    assert definition["languages"] == ["nl", "en", "de"]
    (question,) = only_questions(definition)
    assert question["text"] == {"nl": "Wat vindt u?", "en": "What do you think?", "de": "Was meinen Sie?"}
    assert question["help"] == {"en": "Anything"}
    assert title == "Buurtpeiling"
    assert definition["title"] == {"nl": "Buurtpeiling", "en": "Neighbourhood poll"}


def test_a_plain_label_is_in_the_forms_default_language_else_the_organisations():
    survey = [["type", "name", "label", "label::Nederlands"], ["text", "open", "What?", "Wat?"]]
    definition, _title = read(survey, None, [["default_language"], ["English (en)"]])
    assert definition["languages"] == ["en", "nl"]
    assert only_questions(definition)[0]["text"] == {"en": "What?", "nl": "Wat?"}

    plain = [["type", "name", "label"], ["text", "open", "Wat?"]]
    definition, _title = xlsform_read(workbook(plain), default_language="nl")
    assert definition["languages"] == ["nl"]
    definition, _title = xlsform_read(workbook(plain), default_language="en")
    assert definition["languages"] == ["en"]


def test_an_unknown_language_and_a_missing_source_label_are_reported():
    survey = [
        ["type", "name", "label::Dutch (nl)", "label::Klingon"],
        ["text", "first", "Eerste", "wa'"],
        ["text", "second", None, "cha'"],
    ]
    found = problems(survey, None)
    assert [(p.sheet, p.row, p.name) for p in found] == [("survey", 1, ""), ("survey", 3, "second")]
    assert "Klingon" in found[0].message and "Dutch (nl)" in found[0].message
    assert "source language (nl)" in found[1].message


def test_groups_become_screens_and_nested_groups_screens_of_their_own():
    survey = survey_nl_en(
        ["text", "loose", "Los", "Loose"],
        ["begin group", "outer", "Buiten", "Outer"],
        ["select_one yn", "victim", "Slachtoffer?", "Victim?"],
        ["begin group", "inner", "Binnen", "Inner"],
        ["text", "what", "Wat?", "What?"],
        ["end group"],
        ["text", "after", "Daarna", "After"],
        ["end group"],
    )
    definition, _title = read(survey)
    assert [
        (g["id"], g.get("title", {}).get("nl"), [q["code"] for q in g["questions"]])
        for g in definition["groups"]
    ] == [
        ("g1", None, ["loose"]),
        ("outer", "Buiten", ["victim"]),
        ("inner", "Binnen", ["what"]),
        ("outer_2", "Buiten", ["after"]),
    ]


def test_a_group_condition_is_added_to_each_question_in_it():
    survey = [
        ["type", "name", "label::Dutch (nl)", "relevant"],
        ["select_one yn", "victim", "Slachtoffer?"],
        ["integer", "age", "Leeftijd"],
        ["begin group", "details", "Details", "${victim} = 'yes'"],
        ["text", "what", "Wat?"],
        ["text", "older", "Ouder?", "${age} >= 65"],
        ["end group"],
    ]
    definition, _title = read(survey)
    what, older = definition["groups"][1]["questions"]
    assert what["condition"] == {"question": "victim", "op": "eq", "value": "yes"}
    assert older["condition"] == {
        "all": [
            {"question": "victim", "op": "eq", "value": "yes"},
            {"question": "age", "op": "ge", "value": 65},
        ]
    }


@pytest.mark.parametrize(
    ("relevant", "condition"),
    [
        ("${victim} = 'yes'", {"question": "victim", "op": "eq", "value": "yes"}),
        ('${victim} != "no"', {"question": "victim", "op": "ne", "value": "no"}),
        ("${age} > 17", {"question": "age", "op": "gt", "value": 17}),
        ("${age} >= 18", {"question": "age", "op": "ge", "value": 18}),
        ("${age} < 65", {"question": "age", "op": "lt", "value": 65}),
        ("${age} <= 64.5", {"question": "age", "op": "le", "value": 64.5}),
        ("selected(${kinds}, 'b')", {"question": "kinds", "op": "selected", "value": "b"}),
        ("${age} != ''", {"question": "age", "op": "answered"}),
        ("${victim} = 'yes' or ${victim} = 'no'", {"question": "victim", "op": "in", "value": ["yes", "no"]}),
        (
            "${victim} = 'yes' and selected(${kinds}, 'a')",
            {
                "all": [
                    {"question": "victim", "op": "eq", "value": "yes"},
                    {"question": "kinds", "op": "selected", "value": "a"},
                ]
            },
        ),
        (
            "${age} < 18 or ${age} > 65 or (${victim} = 'yes' or ${victim} = 'no')",
            {
                "any": [
                    {"question": "age", "op": "lt", "value": 18},
                    {"question": "age", "op": "gt", "value": 65},
                    {"question": "victim", "op": "in", "value": ["yes", "no"]},
                ]
            },
        ),
    ],
)
def test_relevant_expressions_become_conditions(relevant, condition):
    survey = [
        ["type", "name", "label::Dutch (nl)", "relevant"],
        ["select_one yn", "victim", "Slachtoffer?"],
        ["select_multiple ab", "kinds", "Wat?"],
        ["integer", "age", "Leeftijd"],
        ["text", "shown", "Getoond?", relevant],
    ]
    choices = [*YES_NO, ["ab", "a", "A"], ["ab", "b", "B"]]
    definition, _title = read(survey, choices)
    assert only_questions(definition)[-1]["condition"] == condition


@pytest.mark.parametrize(
    ("relevant", "reason"),
    [
        ("${victim} = 'yes' and ${age} > 3 or ${age} < 1", "not both"),
        ("count-selected(${kinds}) > 1", "count-selected"),
        ("${later} = 'x'", "not an earlier question"),
        ("${kinds} = 'a'", "selected(${kinds}, 'value')"),
        ("${victim} = 'maybe'", "not a choice"),
        ("${age} > 'old'", "needs a number"),
        ("${victim} = 'yes' and (${age} > 3 or ${age} < 1)", "within conditions"),
        ("${victim} = ", "not one Buurtpeil can show"),
    ],
)
def test_relevant_expressions_buurtpeil_cannot_show_are_refused_for_that_row(relevant, reason):
    survey = [
        ["type", "name", "label::Dutch (nl)", "relevant"],
        ["select_one yn", "victim", "Slachtoffer?"],
        ["select_multiple yn", "kinds", "Wat?"],
        ["integer", "age", "Leeftijd"],
        ["text", "shown", "Getoond?", relevant],
        ["text", "later", "Later"],
    ]
    (problem,) = problems(survey)
    assert (problem.sheet, problem.row, problem.name) == ("survey", 5, "shown")
    assert reason in problem.message


def test_choice_filters_are_refused_with_their_row():
    survey = [
        ["type", "name", "label::Dutch (nl)", "choice_filter"],
        ["select_one yn", "wijk", "Wijk?"],
        ["select_one yn", "buurt", "Buurt?", "wijk=${wijk}"],
    ]
    (problem,) = problems(survey, [[*YES_NO[0], "wijk"], [*YES_NO[1], "x"], [*YES_NO[2], "y"]])
    assert (problem.row, problem.name) == (3, "buurt")
    assert "cascading" in problem.message


def test_a_repeat_is_refused_with_a_clear_message_and_its_rows_are_not_reported_apart():
    survey = survey_nl_en(
        ["begin repeat", "children", "Kinderen", "Children"],
        ["text", "child_name", "Naam", "Name"],
        ["date", "born", "Geboren", "Born"],
        ["end repeat"],
    )
    (problem,) = problems(survey)
    assert (problem.row, problem.name) == (2, "children")
    assert "Repeats (begin repeat) are not supported" in problem.message


def test_every_problem_in_the_form_is_reported_at_once():
    survey = [
        ["type", "name", "label::Dutch (nl)", "calculation", "default"],
        ["start", "start"],
        ["note", "welcome", "Welkom"],
        ["calculate", "sum", None, "1 + 1"],
        ["date", "when", "Wanneer?"],
        ["select_one yn or_other", "other", "Anders?"],
        ["text", "open", "Open", None, "niets"],
        ["select_one missing", "nolist", "Geen lijst"],
        ["text", "open", "Nog eens"],
        ["text", "bad-name", "Streepje"],
        ["image", "photo", "Foto"],
    ]
    found = problems(survey)
    assert [(p.row, p.name) for p in found] == [
        (3, "welcome"),
        (4, "sum"),
        (5, "when"),
        (6, "other"),
        (7, "open"),
        (8, "nolist"),
        (9, "open"),
        (10, "bad-name"),
        (11, "photo"),
    ]
    messages = " ".join(p.message for p in found)
    for reason in (
        "note",
        "Calculations",
        "Date questions",
        "or_other",
        "Default answers",
        "not on the choices sheet",
        "also used in row 7",
        "letters, digits and _",
        "type “image”",
    ):
        assert reason in messages


def test_device_metadata_rows_are_skipped():
    survey = [
        ["type", "name", "label::Dutch (nl)"],
        ["start", "start"],
        ["end", "end"],
        ["deviceid", "deviceid"],
        ["text", "open", "Open"],
    ]
    definition, _title = read(survey, None)
    assert [q["code"] for q in only_questions(definition)] == ["open"]


def test_own_columns_carry_factor_indicator_reverse_and_scale():
    survey = [
        [
            "type",
            "name",
            "label::Dutch (nl)",
            "buurtpeil::factor",
            "buurtpeil::indicator",
            "buurtpeil::reverse",
            "buurtpeil::scale",
        ],
        ["select_one yn", "victim", "Slachtoffer?", 7, "victim_any", "yes", "yes_no"],
        ["select_one yn", "other", "Anders?", 13],
    ]
    with pytest.raises(XLSFormError) as caught:
        read(survey)
    assert [(p.row, p.name) for p in caught.value.problems] == [(3, "other")]
    definition, _title = read(survey[:2])
    question = only_questions(definition)[0]
    assert (question["factor"], question["indicator"], question["reverse"], question["scale"]) == (
        7,
        "victim_any",
        True,
        "yes_no",
    )


def test_a_workbook_without_a_survey_sheet_is_refused_by_pyxform():
    data = workbook([["x"], ["y"]], YES_NO, None, sheet_names=("notes", "choices", "settings"))
    with pytest.raises(XLSFormError) as caught:
        xlsform_read(data)
    (problem,) = caught.value.problems
    assert "survey" in problem.message


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"name;question\nage;How old?\n", "not an Excel workbook"),
        (b"", "not an Excel workbook"),
        (b"PK\x03\x04 broken zip", "damaged"),
    ],
)
def test_a_file_that_is_not_a_workbook_is_refused(data, reason):
    with pytest.raises(XLSFormError) as caught:
        xlsform_read(data)
    assert reason in caught.value.problems[0].message


def test_a_zip_that_is_not_a_workbook_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a spreadsheet")
    with pytest.raises(XLSFormError) as caught:
        xlsform_read(buffer.getvalue())
    assert "damaged" in caught.value.problems[0].message


def test_a_huge_upload_is_refused_before_it_is_read():
    class Upload(io.BytesIO):
        size = 6 * 1024 * 1024

    with pytest.raises(XLSFormError) as caught:
        xlsform_read(Upload(b"PK\x03\x04"))
    assert "up to 5.0" in caught.value.problems[0].message
    with pytest.raises(XLSFormError):
        xlsform_read(b"PK\x03\x04" + bytes(5 * 1024 * 1024))


def test_a_zip_bomb_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/big.xml", bytes(70 * 1024 * 1024))
    assert len(buffer.getvalue()) < 1024 * 1024
    with pytest.raises(XLSFormError) as caught:
        xlsform_read(buffer.getvalue())
    assert "unpacks" in caught.value.problems[0].message


def test_problems_are_in_dutch_for_a_dutch_user():
    survey = survey_nl_en(
        ["begin repeat", "kids", "Kinderen", "Children"], ["text", "n", "Naam", "Name"], ["end repeat"]
    )
    with translation.override("nl"), pytest.raises(XLSFormError) as caught:
        read(survey)
    assert "Herhalingen" in caught.value.problems[0].message


def test_a_choice_twice_in_a_list_is_reported_on_the_choices_sheet():
    survey = [["type", "name", "label"], ["select_one yn", "a", "A"]]
    choices = [["list_name", "name", "label"], ["yn", "y", "Y"], ["yn", "n", "N"], ["yn", "y", "Z"]]
    (problem,) = problems(survey, choices)
    assert (problem.sheet, problem.row, problem.name) == ("choices", 4, "y")


@pytest.mark.parametrize(
    ("survey", "where", "reason"),
    [
        (
            [["type", "name", "label"], ["begin group", "g", "G"], ["text", "a", "A"]],
            (2, "g"),
            "no “end group”",
        ),
        ([["type", "name", "label"], ["text", "a", "A"], ["end group"]], (3, ""), "without a “begin group”"),
        ([["type", "name", "label"], ["text", None, "A"]], (2, ""), "no name"),
        ([["type", "name", "label"], [None, "a", "A"]], (2, "a"), "no type"),
    ],
)
def test_broken_group_structure_and_missing_names_are_reported(survey, where, reason):
    found = problems(survey, None)
    assert any((p.row, p.name) == where and reason in p.message for p in found), found


def test_an_unknown_default_language_is_reported_on_the_settings_sheet():
    (problem,) = problems(
        [["type", "name", "label"], ["text", "a", "A"]], None, [["default_language"], ["Klingon"]]
    )
    assert (problem.sheet, problem.row) == ("settings", 2) and "Klingon" in problem.message


def test_pyxform_objections_we_do_not_check_ourselves_are_passed_on_with_their_sheet():
    (problem,) = problems([["type", "name", "label"], ["text", "a", "A"]], None, [["name"], ["1 bad"]])
    assert (
        problem.sheet == "settings" and problem.message.startswith("pyxform:") and "'name'" in problem.message
    )
