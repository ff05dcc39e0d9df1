"""Staff pages of council reports: analysts and administrators ask for one, everyone in the
organisation sees its progress and downloads it (audited), and the requester is told once on
their next page when it is finished."""

from datetime import date

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued(computed, analyst):
    """A report waiting for a worker (no task run)."""
    from buurtpeil.reports.council.models import CouncilReport

    return CouncilReport.objects.create(
        organisation=computed.organisation, poll=computed.poll, requested_by=analyst, language="nl"
    )


def _url(organisation, *parts):
    return "/".join([f"/staff/{organisation.code}/reports", *map(str, parts)]) + "/"


def test_an_analyst_asks_for_a_report_of_a_poll_and_downloads_it(
    client, computed, analyst, django_capture_on_commit_callbacks
):
    from buurtpeil.organisations.models import AuditEvent
    from buurtpeil.reports.council.models import CouncilReport

    client.force_login(analyst)
    page = client.get(_url(computed.organisation))
    assert page.status_code == 200
    assert "Over één peiling" in page.text and "Veiligheid 2026" in page.text
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _url(computed.organisation),
            {"scope": "poll", "poll-poll": computed.poll.pk, "poll-language": "nl"},
        )
    report = CouncilReport.objects.get()
    assert response.status_code == 302 and response["Location"] == _url(computed.organisation, report.pk)
    detail = client.get(response["Location"])
    assert "Het rapport is klaar." in detail.text and "hx-get" not in detail.text
    pdf = client.get(_url(computed.organisation, report.pk, "pdf"))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-") and "attachment" in pdf["Content-Disposition"]
    odt = client.get(_url(computed.organisation, report.pk, "odt"))
    assert odt["Content-Type"] == "application/vnd.oasis.opendocument.text" and odt.content[:2] == b"PK"
    downloads = AuditEvent.objects.filter(subject__contains="downloaded").order_by("pk")
    assert [(e.actor, e.subject.split(":")[0]) for e in downloads] == [
        (analyst, f"council report {report.pk} downloaded as PDF"),
        (analyst, f"council report {report.pk} downloaded as ODT"),
    ]


def test_a_viewer_sees_and_downloads_but_cannot_ask_for_a_report(client, queued, make_staff):
    from buurtpeil.reports.council.models import CouncilReport

    organisation = queued.organisation
    CouncilReport.objects.filter(pk=queued.pk).update(status="done", pdf=b"%PDF-1.7 test", pdf_size=13)
    client.force_login(make_staff(organisation, "viewer"))
    page = client.get(_url(organisation))
    assert page.status_code == 200 and "Veiligheid 2026" in page.text and "Over één peiling" not in page.text
    assert client.get(_url(organisation, queued.pk, "pdf")).content == b"%PDF-1.7 test"
    refused = client.post(
        _url(organisation), {"scope": "poll", "poll-poll": queued.poll_id, "poll-language": "nl"}
    )
    assert refused.status_code == 403
    assert CouncilReport.objects.count() == 1


def test_the_progress_refreshes_itself_until_the_report_is_finished(client, queued, analyst):
    from buurtpeil.reports.council.models import CouncilReport

    client.force_login(analyst)
    CouncilReport.objects.filter(pk=queued.pk).update(status="running", progress=40, step="maps")
    page = client.get(_url(queued.organisation, queued.pk))
    assert '<progress id="report-progress-bar" max="100" value="40">' in page.text
    assert "Kaarten tekenen" in page.text and 'hx-trigger="every 2s"' in page.text
    assert "<script>" not in page.text  # no inline script (CSP); htmx refreshes the block
    block = client.get(_url(queued.organisation, queued.pk, "progress"), headers={"HX-Request": "true"})
    assert block.text.lstrip().startswith('<section class="bp-stack" id="report-progress"')
    assert "<html" not in block.text
    CouncilReport.objects.filter(pk=queued.pk).update(status="failed", error="the map is missing")
    block = client.get(_url(queued.organisation, queued.pk, "progress"), headers={"HX-Request": "true"})
    assert "hx-get" not in block.text and "the map is missing" in block.text
    assert client.get(_url(queued.organisation, queued.pk, "pdf")).status_code == 404  # no file


def test_the_requester_is_told_once_on_their_next_page_when_the_report_is_finished(client, queued, analyst):
    from buurtpeil.reports.council.models import CouncilReport

    client.force_login(analyst)
    assert "staat klaar" not in client.get("/staff/GM0518/").text
    CouncilReport.objects.filter(pk=queued.pk).update(status="done")
    assert client.get("/staff/GM0518/polls/", headers={"HX-Request": "true"}).status_code == 200  # not here
    told = client.get("/staff/GM0518/").text
    assert "Veiligheid 2026" in told and "staat klaar onder Rapporten." in told
    assert "staat klaar onder Rapporten" not in client.get("/staff/GM0518/").text


def test_a_period_that_ends_before_it_starts_or_holds_no_poll_is_refused_in_dutch(client, computed, analyst):
    from buurtpeil.reports.council.models import CouncilReport

    client.force_login(analyst)
    url = _url(computed.organisation)
    backwards = client.post(
        url,
        {"scope": "period", "period-period_start": "2026-03-01", "period-period_end": "2026-01-01"},
        headers={"Accept-Language": "nl"},
    )
    assert "De periode moet eindigen op of na de eerste dag." in backwards.text
    empty = client.post(
        url,
        {
            "scope": "period",
            "period-period_start": date(2001, 1, 1).isoformat(),
            "period-period_end": date(2001, 12, 31).isoformat(),
            "period-language": "nl",
        },
    )
    assert "In deze periode is geen peiling met berekende resultaten gestart." in empty.text
    unknown = client.post(url, {"scope": "poll", "poll-poll": 999999, "poll-language": "nl"})
    assert unknown.status_code == 200 and "poll-poll_error" in unknown.text
    assert not CouncilReport.objects.exists()
