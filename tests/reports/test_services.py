"""export_answers: who may export, what is recorded, and that no export ever holds contact data."""

import csv
import io
import struct
import zipfile

import openpyxl
import pyreadstat
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from buurtpeil.organisations.models import AuditEvent
from buurtpeil.reports import formats
from buurtpeil.reports.services import ExportRefused, export_answers
from tests.reports.factories import ANSWERS, answer
from tests.responses import factories

FORMATS = formats.register.identifiers()


def content(export) -> bytes:
    if hasattr(export.content, "read"):
        with export.content as file:
            return file.read()
    return b"".join(export.content)


def exported(poll, user, fmt="csv", language="nl") -> bytes:
    return content(export_answers(poll=poll, actor=user, fmt=fmt, language=language))


def csv_records(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


@pytest.fixture
def analyst(organisation, make_staff):
    return make_staff(organisation, "analyst")


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_export_is_recorded_in_the_audit_log(answered, analyst, fmt):
    export = export_answers(poll=answered, actor=analyst, fmt=fmt, language="nl")
    content(export)
    event = AuditEvent.objects.get()
    assert (event.actor, event.action, event.organisation) == (analyst, "export", answered.organisation)
    assert event.subject == (
        f"respondent answers of poll {answered.pk} “Veiligheid” in nl, {fmt.upper()}, 3 rows"
    )
    assert export.rows == 3
    assert export.filename == f"veiligheid-{answered.pk}-answers-nl.{fmt}"


def test_one_row_per_completed_response_with_its_wijk_and_background(answered, analyst):
    records = csv_records(exported(answered, analyst))
    assert [r["respondent"] for r in records] == ["1", "2", "3"]  # the unfinished response is left out
    assert [(r["wijk"], r["buurt"]) for r in records] == [
        ("WK051801", "BU05180101"),
        ("WK051802", "BU05180201"),
        ("WK051801", "BU05180101"),
    ]
    assert [(r["age_group"], r["sex"]) for r in records] == [("3", "1"), ("2", "2"), ("4", "3")]
    assert [r["unsafe"] for r in records] == ["4", "99", "2"]
    assert {r["version"] for r in records} == {"1"}
    assert all(len(r["completed"]) == 10 for r in records)  # a date, no time


def sav_expanded(data: bytes) -> bytes:
    """A byte-code compressed .sav with its data expanded: the dictionary as it is, then every
    8-byte unit written in full (code 253) or as spaces (254), so that each text is in one
    piece again. Numbers given by a code (1-251) or missing (255) leave no unit."""
    start = data.index(struct.pack("<ii", 999, 0)) + 8  # the end of the dictionary
    units, position = [], start
    while position < len(data):
        commands, position = data[position : position + 8], position + 8
        for command in commands:
            if command == 253:
                units.append(data[position : position + 8])
                position += 8
            elif command == 254:
                units.append(b" " * 8)
            elif command == 252:
                return data[:start] + b"".join(units)
    return data[:start] + b"".join(units)


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_export_ever_contains_contact_data(answered, analyst, fmt):
    data = exported(answered, analyst, fmt)
    if fmt == "xlsx":  # compressed: look inside every part of the workbook
        with zipfile.ZipFile(io.BytesIO(data)) as workbook:
            data = b"".join(workbook.read(name) for name in workbook.namelist())
    if fmt == "sav":
        data = sav_expanded(data)
    texts = [data.decode("utf-8", "ignore"), data.decode("latin-1")]
    found = [secret for secret in answered.secrets for text in texts if secret in text]
    assert found == []
    assert "[naam]" in texts[0] and "[telefoon]" in texts[0] and "[e-mail]" in texts[0]


def test_labels_and_the_workbook_speak_the_chosen_language(answered, analyst, tmp_path):
    with translation.override("nl"):
        data = exported(answered, analyst, "xlsx", language="en")
    answers, codebook = openpyxl.load_workbook(io.BytesIO(data)).worksheets
    assert (answers.title, codebook.title) == ("Answers", "Codebook")
    labels = {row[0]: row[1] for row in codebook.iter_rows(min_row=2, values_only=True) if row[0]}
    assert labels["unsafe"] == "I often feel unsafe in my neighbourhood."
    assert labels["age_group"] == "Age group"

    path = tmp_path / "nl.sav"
    path.write_bytes(exported(answered, analyst, "sav", language="nl"))
    _data, meta = pyreadstat.read_sav(str(path), output_format="dict")
    assert meta.column_names_to_labels["unsafe"] == "Ik voel me vaak onveilig in mijn buurt."
    assert meta.column_names_to_labels["age_group"] == "Leeftijdsgroep"
    assert meta.variable_value_labels["sex"] == {1: "Vrouw", 2: "Man", 3: "Anders / zeg ik liever niet"}


@pytest.mark.parametrize("role", ["viewer", None])
def test_viewers_and_outsiders_are_refused_and_nothing_is_recorded(
    answered, make_staff, other_organisation, role
):
    user = make_staff(answered.organisation, role) if role else make_staff(other_organisation, "admin")
    with translation.override("en"), pytest.raises(ExportRefused, match="Only analysts and administrators"):
        export_answers(poll=answered, actor=user, fmt="csv", language="nl")
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize(
    ("fmt", "language", "message"),
    [
        ("pdf", "nl", "Unknown export format “pdf”: choose one of csv, xlsx, sav."),
        ("csv", "de", "This poll has no questions in the language “de”: choose one of nl, en."),
    ],
)
def test_an_unknown_format_or_language_is_refused_in_words(answered, analyst, fmt, language, message):
    with translation.override("en"), pytest.raises(ExportRefused) as refused:
        export_answers(poll=answered, actor=analyst, fmt=fmt, language=language)
    assert str(refused.value) == message
    assert not AuditEvent.objects.exists()


def test_more_rows_than_a_format_holds_is_refused(answered, analyst, monkeypatch):
    monkeypatch.setattr(formats.register["xlsx"], "max_rows", 2)
    with (
        translation.override("en"),
        pytest.raises(ExportRefused, match="at most 2 rows and this export has 3"),
    ):
        export_answers(poll=answered, actor=analyst, fmt="xlsx", language="nl")
    assert not AuditEvent.objects.exists()


def test_the_number_of_queries_does_not_grow_with_the_rows(answered, analyst):
    distribution = answered.distributions.get()
    before = _count_queries(lambda: exported(answered, analyst))
    for n in range(5):
        recipient, _token = factories.recipient(distribution)
        answer(recipient, ANSWERS[n % len(ANSWERS)])
    assert _count_queries(lambda: exported(answered, analyst)) == before


def _count_queries(run) -> int:
    with CaptureQueriesContext(connection) as captured:
        run()
    return len(captured)
