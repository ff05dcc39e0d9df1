"""Creating polls from XLSForm (service, command, upload page) and downloading them again;
a workbook with problems creates nothing; both directions leave an audit row."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from buurtpeil.organisations.models import AuditEvent
from buurtpeil.polls.models import Poll
from buurtpeil.polls.xlsform import XLSFormError, xlsform_import, xlsform_read, xlsform_write
from tests.polls.test_xlsform_write import every_condition_definition
from tests.polls.xlsform_workbooks import YES_NO, survey_nl_en, workbook

GOOD = survey_nl_en(
    ["begin group", "safety", "Veiligheid", "Safety"],
    ["select_one yn", "victim", "Slachtoffer?", "Victim?"],
    ["text", "what", "Wat gebeurde er?", "What happened?"],
    ["end group"],
)
BAD = survey_nl_en(
    ["begin repeat", "kids", "Kinderen", "Children"],
    ["text", "kid", "Naam", "Name"],
    ["end repeat"],
    ["select_one yn", "buurt", "Buurt", "Area"],
    ["calculate", "total", None, None],
)
SETTINGS = [["form_title"], ["Veilig in de buurt"]]


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def upload(data: bytes, name="form.xlsx"):
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


# --- the service ------------------------------------------------------------------------


def test_import_creates_a_draft_poll_and_an_audit_row(organisation, make_staff):
    analyst = make_staff(organisation, "analyst")
    poll = xlsform_import(
        organisation=organisation, file=upload(workbook(GOOD, YES_NO, SETTINGS)), actor=analyst
    )
    assert poll.status == Poll.Status.DRAFT and poll.title == "Veilig in de buurt"
    assert poll.created_by == analyst
    assert [q["code"] for q in poll.definition["groups"][0]["questions"]] == ["victim", "what"]
    event = AuditEvent.objects.get(organisation=organisation)
    assert event.action == "import" and event.actor == analyst
    assert f"poll {poll.pk}" in event.subject and "2 questions" in event.subject


def test_a_workbook_with_problems_creates_nothing(organisation):
    with pytest.raises(XLSFormError) as caught:
        xlsform_import(organisation=organisation, file=upload(workbook(BAD, YES_NO)), actor=None)
    assert [(p.row, p.name) for p in caught.value.problems] == [(2, "kids"), (6, "total")]
    assert not Poll.objects.exists() and not AuditEvent.objects.exists()


def test_the_file_name_is_the_title_when_the_form_has_none(organisation):
    poll = xlsform_import(
        organisation=organisation, file=upload(workbook(GOOD, YES_NO), "Buurtmonitor 2026.xlsx")
    )
    assert poll.title == "Buurtmonitor 2026"


def test_the_organisations_language_is_the_source_of_plain_labels(organisation):
    organisation.default_language = "en"
    organisation.save()
    plain = [["type", "name", "label"], ["text", "what", "What happened?"]]
    poll = xlsform_import(organisation=organisation, file=upload(workbook(plain)))
    assert poll.definition["languages"] == ["en"]


# --- random survey rows ------------------------------------------------------------------

CELLS = st.one_of(
    st.none(),
    st.sampled_from(
        [
            "text", "integer", "decimal", "select_one yn", "select_multiple yn", "select_one nolist",
            "begin group", "end group", "begin repeat", "end repeat", "note", "calculate", "range",
            "geopoint", "yes", "no", "${a} = 'yes'", "selected(${b}, 'no')", ". >= 1 and . <= 10",
            "table-list", "likert", "a", "b", "c", "dk", "1", "Ja", "", "   ", "${a} > ", "( ( (",
            "start=1 end=10 step=1", "field-list", "list-nolabel", "label", "13", "x-y",
        ]
    ),
    st.text(max_size=12),
    st.integers(min_value=-5, max_value=20),
)  # fmt: skip
HEADER = [
    "type", "name", "label::Dutch (nl)", "label", "relevant", "required", "constraint", "appearance",
    "buurtpeil::factor", "buurtpeil::type", "choice_filter", "parameters",
]  # fmt: skip
ROWS = st.lists(st.lists(CELLS, min_size=len(HEADER), max_size=len(HEADER)), max_size=10)


@pytest.mark.django_db
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=ROWS)
def test_random_survey_rows_give_a_poll_or_a_clean_xlsform_error(organisation, rows):
    before = Poll.objects.count()
    cleaned = [
        [cell if not isinstance(cell, str) else "".join(c for c in cell if c.isprintable()) for cell in row]
        for row in rows
    ]
    try:
        poll = xlsform_import(organisation=organisation, file=workbook([HEADER, *cleaned], YES_NO))
    except XLSFormError as error:
        assert error.problems and all(problem.message for problem in error.problems)
        assert Poll.objects.count() == before
    else:
        assert Poll.objects.count() == before + 1 and poll.definition["groups"] is not None


@pytest.mark.django_db
@pytest.mark.parametrize("factor", ["²", "٣", "13", "0", "x"])
def test_a_factor_that_is_no_number_from_1_to_12_is_refused_in_words(organisation, factor):
    survey = [
        ["type", "name", "label", "buurtpeil::factor"],
        ["integer", "safe", "Hoe veilig voelt u zich?", factor],
    ]
    with pytest.raises(XLSFormError) as caught:
        xlsform_import(organisation=organisation, file=upload(workbook(survey, YES_NO)), actor=None)
    assert [p.name for p in caught.value.problems if "buurtpeil::factor" in str(p.message)] == ["safe"]
    assert not Poll.objects.exists()


# --- the command ---------------------------------------------------------------------------


def test_the_command_creates_a_poll(organisation, tmp_path):
    path = tmp_path / "veilig.xlsx"
    path.write_bytes(workbook(GOOD, YES_NO, SETTINGS))
    out = io.StringIO()
    call_command("import_xlsform", str(path), "--organisation", organisation.code, stdout=out)
    poll = Poll.objects.get(organisation=organisation)
    assert (
        f"Poll {poll.pk} “Veilig in de buurt” created as a draft: 2 questions in 1 groups" in out.getvalue()
    )


def test_the_command_lists_the_problems_and_fails(organisation, tmp_path):
    path = tmp_path / "bad.xlsx"
    path.write_bytes(workbook(BAD, YES_NO))
    err = io.StringIO()
    with pytest.raises(CommandError, match="2 problems"):
        call_command("import_xlsform", str(path), "--organisation", organisation.code, stderr=err)
    assert "survey, row 2, “kids”: Repeats" in err.getvalue()
    assert "survey, row 6, “total”: Calculations" in err.getvalue()
    assert not Poll.objects.exists()


def test_the_console_command_exits_non_zero(organisation, tmp_path):
    from buurtpeil.cli import main

    path = tmp_path / "bad.xlsx"
    path.write_bytes(b"not a workbook")
    with pytest.raises(SystemExit) as exited:
        main(["buurtpeil", "import-xlsform", str(path), "--organisation", organisation.code])
    assert exited.value.code != 0


def test_the_command_refuses_an_unknown_organisation(db, tmp_path):
    path = tmp_path / "form.xlsx"
    path.write_bytes(workbook(GOOD, YES_NO))
    with pytest.raises(CommandError, match="no organisation"):
        call_command("import_xlsform", str(path), "--organisation", "GM9999")


# --- the pages -------------------------------------------------------------------------------


def test_the_upload_page_creates_a_poll(client, organisation, make_staff):
    client.force_login(make_staff(organisation, "analyst"))
    url = f"/staff/{organisation.code}/polls/import/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"file": upload(workbook(GOOD, YES_NO, SETTINGS))})
    poll = Poll.objects.get(organisation=organisation)
    assert (
        response.status_code == 302 and response["Location"] == f"/staff/{organisation.code}/polls/{poll.pk}/"
    )


def test_the_upload_page_shows_the_problems_per_row_and_creates_nothing(client, organisation, make_staff):
    client.force_login(make_staff(organisation, "admin"))
    response = client.post(
        f"/staff/{organisation.code}/polls/import/", {"file": upload(workbook(BAD, YES_NO))}
    )
    assert response.status_code == 400
    rows = [(p.sheet, p.row, p.name) for p in response.context["problems"]]
    assert rows == [("survey", 2, "kids"), ("survey", 6, "total")]
    body = response.content.decode()
    assert (
        "<code>kids</code>" in body and "Herhalingen (begin repeat) worden niet ondersteund" in body
    )  # staff language
    assert not Poll.objects.exists()


def test_the_upload_page_speaks_dutch(client, organisation, make_staff):
    client.force_login(make_staff(organisation, "admin"))
    with translation.override("nl"):
        response = client.post(
            f"/staff/{organisation.code}/polls/import/",
            {"file": upload(b"naam;vraag\n")},
            HTTP_ACCEPT_LANGUAGE="nl",
        )
    body = response.content.decode()
    assert response.status_code == 400 and "Rij" in body and "geen Excel-werkmap" in body


def test_a_viewer_may_not_import(client, organisation, make_staff):
    client.force_login(make_staff(organisation, "viewer"))
    assert client.get(f"/staff/{organisation.code}/polls/import/").status_code == 403


def test_export_downloads_the_poll_and_writes_an_audit_row(client, organisation, make_staff):
    from buurtpeil.polls.services import poll_create

    viewer = make_staff(organisation, "viewer")
    poll = poll_create(
        organisation=organisation, title="Veilig 2026", definition=every_condition_definition()
    )
    client.force_login(viewer)
    response = client.get(f"/staff/{organisation.code}/polls/{poll.pk}/xlsform/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="veilig-2026.xlsx"' in response["Content-Disposition"]
    definition, title = xlsform_read(response.content)
    assert definition == poll.definition and title == "Peiling"
    event = AuditEvent.objects.get(organisation=organisation, action="export")
    assert event.actor == viewer and f"poll {poll.pk}" in event.subject


def test_an_exported_poll_imports_as_a_new_poll(organisation):
    from buurtpeil.polls.services import poll_create

    poll = poll_create(organisation=organisation, title="Origineel", definition=every_condition_definition())
    copy = xlsform_import(organisation=organisation, file=xlsform_write(poll.definition, poll.title))
    assert copy.pk != poll.pk and copy.definition == poll.definition
