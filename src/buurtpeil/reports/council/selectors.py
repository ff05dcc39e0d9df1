"""Reads of council reports and of the polls a report can cover."""

from django.db.models import QuerySet

from buurtpeil.insights import selectors as insights
from buurtpeil.insights.models import PollResults
from buurtpeil.polls.selectors import polls_for
from buurtpeil.reports.council.models import CouncilReport

FILES = ("pdf", "odt")


def _ready_ids(organisation) -> list[int]:
    return [
        poll_id
        for poll_id, results in insights.results_by_poll(organisation).items()
        if results.status == PollResults.Status.READY
    ]


def council_report_polls_ready(organisation) -> QuerySet:
    """The organisation's polls with computed results, newest first."""
    return polls_for(organisation).filter(pk__in=_ready_ids(organisation)).order_by("-created_at", "-pk")


def council_report_polls_in_period(organisation, start, end) -> list:
    """Residents' polls with computed results created within [start, end] (dates, inclusive),
    oldest first. Polls to key figures or partners are reported one by one, never in a period."""
    return list(
        polls_for(organisation)
        .filter(
            pk__in=_ready_ids(organisation),
            audience="residents",
            created_at__date__gte=start,
            created_at__date__lte=end,
        )
        .order_by("created_at", "pk")
    )


def council_report_inputs(report: CouncilReport) -> list[tuple]:
    """(poll, its ready results) of everything the report covers, oldest first."""
    if report.poll_id:
        polls = [report.poll]
    else:
        polls = council_report_polls_in_period(report.organisation, report.period_start, report.period_end)
    found = [(poll, insights.poll_results(poll)) for poll in polls]
    return [
        (poll, results) for poll, results in found if results and results.status == PollResults.Status.READY
    ]


def council_reports_for(organisation, limit: int = 50) -> QuerySet[CouncilReport]:
    return (
        CouncilReport.objects.filter(organisation=organisation)
        .select_related("poll", "requested_by")
        .defer("pdf", "odt")[:limit]
    )


def council_report_for(organisation, report_id) -> CouncilReport | None:
    return (
        CouncilReport.objects.filter(organisation=organisation, pk=report_id)
        .select_related("poll", "requested_by")
        .defer("pdf", "odt")
        .first()
    )


def council_report_file(report: CouncilReport, kind: str) -> bytes | None:
    """The finished PDF or ODT of the report, or None."""
    if kind not in FILES:
        raise ValueError(kind)
    data = CouncilReport.objects.filter(pk=report.pk).values_list(kind, flat=True).first()
    return bytes(data) if data else None


def council_report_notices(user) -> list[CouncilReport]:
    """The user's finished reports they have not been told about on a page yet."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(
        CouncilReport.objects.filter(
            requested_by=user,
            notified_at__isnull=True,
            status__in=[CouncilReport.Status.DONE, CouncilReport.Status.FAILED],
        )
        .select_related("poll")
        .defer("pdf", "odt")
    )
