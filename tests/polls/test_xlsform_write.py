"""Poll definition → XLSForm → poll definition gives the same poll; pyxform accepts the export."""

import io

import pytest
from openpyxl import load_workbook
from pyxform.xls2json import parse_file_to_json

from buurtpeil.polls import editing, library
from buurtpeil.polls.definition import definition_empty, definition_validate, questions
from buurtpeil.polls.xlsform import xlsform_read, xlsform_write
from tests.polls.conftest import small_definition


def every_condition_definition():
    """The small poll (every question type) with a condition of every kind."""
    definition = small_definition()
    first, second = definition["groups"]
    first["questions"][3]["condition"] = {
        "all": [
            {"question": "victim", "op": "ne", "value": "no"},
            {"question": "kinds", "op": "selected", "value": "a"},
            {"question": "reported", "op": "in", "value": ["yes", "no"]},
        ]
    }
    second["questions"][1]["condition"] = {
        "any": [
            {"question": "mark", "op": "ge", "value": 6},
            {"question": "mark", "op": "lt", "value": 3},
            {"question": "trust", "op": "answered"},
        ]
    }
    second["questions"][2]["condition"] = {"question": "age", "op": "gt", "value": 17.5}
    second["questions"][3]["condition"] = {"question": "age", "op": "le", "value": 64}
    second["questions"][4]["condition"] = {"question": "victim", "op": "in", "value": ["yes", "no"]}
    second["questions"][4]["factor"] = 4
    second["questions"][4]["indicator"] = "nuisance_any"
    second["questions"][4]["dont_know"] = True
    second["questions"][1]["help"] = {"nl": "In hele jaren", "en": "In whole years"}
    definition["intro"] = {"nl": "Welkom", "en": "Welcome"}
    first["questions"][3]["reverse"] = True
    first["questions"][3]["scale"] = "agree5"
    return definition


def test_export_then_import_gives_the_same_definition():
    definition = every_condition_definition()
    definition_validate(definition)
    back, title = xlsform_read(xlsform_write(definition, "Peiling"))
    assert back == definition
    assert title == "Peiling"


def test_every_library_module_survives_the_round_trip():
    definition = definition_empty(languages=["nl", "en"], title={"nl": "Alles", "en": "Everything"})
    for code in library.module_codes():
        groups, _renames = editing.module_groups(definition, library.module(code))
        definition["groups"].extend(groups)
    back, _title = xlsform_read(xlsform_write(definition, "Alles"))

    def meaningful(value):  # keys whose value is false or empty carry nothing
        if isinstance(value, dict):
            # A form from a file is no library module any more: the stamp is not carried.
            return {
                k: meaningful(v)
                for k, v in value.items()
                if v not in (None, False, "", [], {}) and k != "module"
            }
        if isinstance(value, list):
            return [meaningful(v) for v in value]
        return value

    assert meaningful(back) == meaningful(definition)
    assert len(list(questions(back))) == len(list(questions(definition))) > 40


def test_the_export_is_a_valid_xlsform_for_pyxform_with_standard_columns():
    data = xlsform_write(every_condition_definition(), "Peiling")
    form = parse_file_to_json(path=None, file_object=io.BytesIO(data))
    assert form["title"] == "Peiling" and form["default_language"] == "Dutch (nl)"
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["survey", "choices", "settings"]
    header = [cell.value for cell in book["survey"][1]]
    assert header[:4] == ["type", "name", "label::Dutch (nl)", "label::English (en)"]
    rows = {row[1]: row for row in book["survey"].iter_rows(min_row=2, values_only=True) if row[1]}
    relevant = header.index("relevant")
    assert rows["reported"][relevant] == "${victim} = 'yes'"
    assert rows["age"][relevant] == "${mark} >= 6 or ${mark} < 3 or ${trust} != ''"
    assert (
        rows["nuisance"][0] == "begin group" and rows["nuisance"][header.index("appearance")] == "table-list"
    )
    assert rows["litter"][0] == "select_one nuisance"
    assert rows["mark"][0] == "integer" and rows["mark"][header.index("constraint")] == ". >= 1 and . <= 10"


@pytest.mark.parametrize("language", ["tr", "pap", "pt-BR"])
def test_further_languages_are_written_with_their_code(language):
    definition = small_definition()
    definition["languages"].append(language)
    definition["groups"][0]["questions"][0]["text"][language] = "…"
    back, _title = xlsform_read(xlsform_write(definition, "Peiling"))
    assert back == definition
