"""Each export format, opened back with the tool an analyst would use: the csv module,
openpyxl and pyreadstat. A new format registers beside them."""

import csv
import io
from datetime import date

import openpyxl
import pyreadstat
import pytest

from buurtpeil.reports.answers import Respondent
from buurtpeil.reports.formats import ExportFormat, register
from buurtpeil.reports.formats.spss import frame
from buurtpeil.reports.table import Table, Variable
from tests.reports.test_answers import FULL, table

pytestmark = pytest.mark.django_db  # the formats translate sheet names and headings

RESPONDENTS = [
    Respondent(1, FULL, date(2026, 3, 2), "BU05180101", "WK051801", "45_65", "female"),
    Respondent(1, {"victim": "no", "remarks": '=1+1 en -2; "geen"\nnieuwe regel\x0b'}, date(2026, 3, 3)),
]


def written(plugin, result) -> bytes:
    """The file ``plugin`` (or the format registered under that identifier) writes."""
    out = io.BytesIO()
    (register[plugin] if isinstance(plugin, str) else plugin).write(result, out)
    return out.getvalue()


def test_the_built_in_formats_are_registered_in_order():
    assert register.identifiers() == ["csv", "xlsx", "sav"]
    assert [plugin.streams for plugin in register] == [True, False, False]


def test_csv_opens_in_excel_nl_and_reads_back_with_the_csv_module():
    data = written("csv", table(RESPONDENTS))
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 byte order mark
    assert b"\r\n" in data
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    header, first, second = rows
    assert header[:8] == ["respondent", "version", "completed", "wijk", "buurt", "age_group", "sex", "victim"]
    record = dict(zip(header, first, strict=True))
    assert record["completed"] == "2026-03-02"
    assert (record["victim"], record["unsafe"], record["kinds_threat"]) == ("1", "99", "1")
    assert (record["years"], record["where_lon"]) == ("12,5", "4,3007")  # decimal comma
    assert record["remarks"] == "Bel [naam] op [telefoon]"
    other = dict(zip(header, second, strict=True))
    assert other["remarks"] == '\'=1+1 en -2; "geen"\nnieuwe regel\x0b'  # no formula; ; and newline quoted
    assert other["kinds_theft"] == "" and other["wijk"] == ""


def test_csv_streams_in_pieces_without_reading_every_row_first():
    read = []

    def rows():
        for n in range(5000):
            read.append(n)
            yield (n, "x")

    variables = [Variable("n", "N", "integer"), Variable("x", "X", "string")]
    pieces = register["csv"].chunks(Table(title="t", variables=variables, rows=rows(), row_count=5000))
    first = next(pieces)
    assert first.startswith("\ufeffn;x\r\n0;x".encode())
    assert len(read) < 5000
    assert sum(1 for _piece in pieces) >= 1 and len(read) == 5000


def test_xlsx_has_the_answers_and_a_codebook_and_reads_back_with_openpyxl():
    data = written("xlsx", table(RESPONDENTS))
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    answers, codebook = workbook.worksheets
    rows = list(answers.iter_rows(values_only=True))
    header = rows[0]
    first = dict(zip(header, rows[1], strict=True))
    assert first["completed"].date() == date(2026, 3, 2)
    assert (first["victim"], first["unsafe"], first["years"], first["where_lat"]) == (1, 99, 12.5, 52.0705)
    second = dict(zip(header, rows[2], strict=True))
    assert second["remarks"] == '=1+1 en -2; "geen"\nnieuwe regel'  # text, not a formula; \x0b dropped
    assert answers.cell(row=3, column=header.index("remarks") + 1).data_type == "s"
    book = list(codebook.iter_rows(values_only=True))
    assert book[0] == ("Variabele", "Label", "Type", "Code", "Label van de code", "Ontbrekend")
    unsafe = next(n for n, row in enumerate(book) if row[0] == "unsafe")
    assert book[unsafe][1:3] == ("Ik voel me vaak onveilig in mijn buurt.", "geheel getal")
    assert book[unsafe + 1][3:] == (1, "Helemaal oneens", None)
    assert book[unsafe + 6][3:] == (99, "Weet niet / geen mening", "ontbrekend")
    assert (answers.title, codebook.title) == ("Antwoorden", "Codeboek")


def test_sav_has_variable_and_value_labels_and_dont_know_missing(tmp_path):
    path = tmp_path / "answers.sav"
    path.write_bytes(written("sav", table(RESPONDENTS)))
    data, meta = pyreadstat.read_sav(str(path), output_format="dict", user_missing=True)
    assert meta.column_names_to_labels["unsafe"] == "Ik voel me vaak onveilig in mijn buurt."
    assert meta.column_names_to_labels["kinds_theft"] == "Wat gebeurde er?: Diefstal"
    assert meta.variable_value_labels["unsafe"][99] == "Weet niet / geen mening"
    assert meta.variable_value_labels["age_group"] == {1: "16-24", 2: "25-44", 3: "45-64", 4: "65+"}
    assert meta.missing_ranges["unsafe"] == [{"lo": 99.0, "hi": 99.0}]
    assert meta.variable_measure["unsafe"] == "ordinal" and meta.variable_measure["mark"] == "scale"
    assert meta.file_label == "Veiligheid"
    assert list(data["unsafe"]) == [99, None]
    assert list(data["completed"]) == [date(2026, 3, 2), date(2026, 3, 3)]
    assert list(data["remarks"]) == ["Bel [naam] op [telefoon]", '=1+1 en -2; "geen"\nnieuwe regel\x0b']
    assert list(data["buurt"]) == ["BU05180101", ""]
    plain, _meta = pyreadstat.read_sav(str(path), output_format="dict")
    assert list(plain["unsafe"]) == [None, None]  # "don't know" is missing in analysis


def test_sav_cuts_labels_to_what_spss_holds_at_a_character_boundary(tmp_path):
    variables = [Variable("q", "é" * 200, "integer", {1: "ü" * 100})]
    path = tmp_path / "long.sav"
    path.write_bytes(written("sav", Table(title="t" * 100, variables=variables, rows=[(1,)], row_count=1)))
    _data, meta = pyreadstat.read_sav(str(path), output_format="dict")
    assert meta.column_names_to_labels["q"] == "é" * 127
    assert meta.variable_value_labels["q"][1] == "ü" * 60


def test_an_empty_table_gives_files_with_only_the_variables(tmp_path):
    empty = table([])
    assert written("csv", empty).decode("utf-8-sig").count("\r\n") == 1
    answers = openpyxl.load_workbook(io.BytesIO(written("xlsx", table([])))).worksheets[0]
    assert answers.max_row == 1
    path = tmp_path / "empty.sav"
    path.write_bytes(written("sav", table([])))
    _data, meta = pyreadstat.read_sav(str(path), output_format="dict")
    assert meta.number_rows == 0 and "unsafe" in meta.column_names


def test_the_spss_frame_keeps_coded_answers_small():
    data = frame(table(RESPONDENTS * 3))
    assert str(data.schema["unsafe"]) == "Int16" and str(data.schema["respondent"]) == "Int32"
    assert data.height == 6


def test_a_new_format_registers_under_its_own_identifier(monkeypatch):
    from buurtpeil.core.registry import Registry

    monkeypatch.setattr("buurtpeil.reports.formats.register", Registry())
    from buurtpeil.reports import formats

    @formats.register("names")
    class Names(ExportFormat):
        extension, content_type = "txt", "text/plain"

        def write(self, table, out):
            out.write(" ".join(variable.name for variable in table.variables).encode())

    assert formats.register.identifiers() == ["names"]
    assert written(formats.register["names"], table([])).startswith(b"respondent version")
    with pytest.raises(ValueError, match="already registered"):
        formats.register("names")(Names)
