"""XLSForm workbooks fuzzed: whatever the upload, it becomes a draft poll or is refused with
problems a person can read, and a refused workbook creates nothing."""

import datetime
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from buurtpeil.organisations.models import AuditEvent
from buurtpeil.polls.models import Poll, PollVersion
from buurtpeil.polls.xlsform import XLSFormError, xlsform_import
from tests.fuzzing import byte_mutations, fuzz_settings, nasty_text, readable
from tests.polls.xlsform_workbooks import YES_NO, survey_nl_en, workbook

pytestmark = [pytest.mark.django_db, pytest.mark.fuzz]

SURVEY = survey_nl_en(
    ["begin group", "safety", "Veiligheid", "Safety"],
    ["select_one yn", "victim", "Slachtoffer?", "Victim?"],
    ["text", "what", "Wat gebeurde er?", "What happened?"],
    ["integer", "mark", "Rapportcijfer", "Mark"],
    ["end group"],
)
SETTINGS = [["form_title", "default_language"], ["Veilig in de buurt", "Dutch (nl)"]]
# What a spreadsheet cell can hold besides text: numbers, booleans, dates, formulas.
CELLS = st.one_of(
    nasty_text.map(lambda text: ILLEGAL_CHARACTERS_RE.sub("", text)[:32_767]),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.just(datetime.datetime(2026, 1, 1, 12, 30)),  # noqa: DTZ001 - a spreadsheet date has no zone
    st.sampled_from(["=1+1", "=A1", '="select_one yn"', "=1/0", None]),
)


@st.composite
def mutated_sheets(draw) -> bytes:
    """The good workbook after a few changes to cells, columns, rows and sheets."""
    sheets = {"survey": [list(r) for r in SURVEY], "choices": [list(r) for r in YES_NO], "settings": SETTINGS}
    sheets = {name: [list(row) for row in rows] for name, rows in sheets.items()}
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        name = draw(st.sampled_from(sorted(name for name, rows in sheets.items() if rows is not None)))
        rows = sheets[name]
        kind = draw(
            st.sampled_from(["cell", "cell", "cell", "drop column", "add column", "double row", "drop sheet"])
        )
        if kind == "cell" and rows:
            row = rows[draw(st.integers(0, len(rows) - 1))]
            if row:
                row[draw(st.integers(0, len(row) - 1))] = draw(CELLS)
        elif kind == "drop column" and rows and rows[0]:
            column = draw(st.integers(0, len(rows[0]) - 1))
            sheets[name] = [row[:column] + row[column + 1 :] for row in rows]
        elif kind == "add column":
            header = draw(
                st.sampled_from(["relevant", "constraint", "buurtpeil::factor", "media::image", "x"])
            )
            sheets[name] = [[*rows[0], header], *[[*row, draw(CELLS)] for row in rows[1:]]] if rows else rows
        elif kind == "double row" and len(rows) > 1:
            rows.insert(1, list(rows[draw(st.integers(1, len(rows) - 1))]))
        elif kind == "drop sheet" and name != "survey":
            sheets[name] = None
    return workbook(sheets["survey"], sheets["choices"], sheets["settings"])


@st.composite
def broken_zip_part(draw) -> bytes:
    """The good workbook with one part of its zip archive cut off or changed."""
    good = workbook(SURVEY, YES_NO, SETTINGS)
    source = zipfile.ZipFile(io.BytesIO(good))
    names = source.namelist()
    broken = draw(st.sampled_from(names))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name in names:
            data = source.read(name)
            archive.writestr(name, draw(byte_mutations(data)) if name == broken else data)
    return out.getvalue()


GOOD = workbook(SURVEY, YES_NO, SETTINGS)
WORKBOOKS = st.one_of(st.binary(max_size=300), byte_mutations(GOOD), broken_zip_part(), mutated_sheets())


def _rows() -> tuple[int, int, int]:
    return Poll.objects.count(), PollVersion.objects.count(), AuditEvent.objects.count()


@fuzz_settings(80)
@given(data=WORKBOOKS)
def test_any_workbook_becomes_a_draft_poll_or_is_refused_in_words(organisation, data):
    before = _rows()
    try:
        poll = xlsform_import(organisation=organisation, file=data)
    except XLSFormError as error:
        assert error.problems, "a refusal names its problems"
        assert all(readable(problem) for problem in error.problems), [str(p) for p in error.problems]
        assert _rows() == before
    else:
        assert poll.status == Poll.Status.DRAFT and _rows() == (before[0] + 1, before[1], before[2] + 1)


def test_the_upload_page_shows_a_damaged_workbook_in_dutch(client, organisation, make_staff):
    client.force_login(make_staff(organisation, "analyst"))
    broken = SimpleUploadedFile("formulier.xlsx", GOOD[: len(GOOD) // 2])
    before = _rows()
    response = client.post(f"/staff/{organisation.code}/polls/import/", {"file": broken})
    assert response.status_code == 400
    assert "De werkmap is beschadigd en kan niet worden gelezen." in response.content.decode()
    assert _rows() == before
