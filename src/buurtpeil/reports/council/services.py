"""Writes of council reports: requesting one (made in the background), making it with its
progress, handing out its files (audited) and noting that the requester was told."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from buurtpeil.insights.models import PollResults
from buurtpeil.insights.selectors import poll_results
from buurtpeil.organisations.models import AuditEvent
from buurtpeil.organisations.services import audit_record
from buurtpeil.reports.council import build, selectors
from buurtpeil.reports.council.models import CouncilReport

logger = logging.getLogger(__name__)
Status = CouncilReport.Status


def _subject(report: CouncilReport) -> str:
    if report.poll_id:
        return f"poll {report.poll_id} “{report.poll.title}”"
    return f"period {report.period_start:%Y-%m-%d} to {report.period_end:%Y-%m-%d}"


def council_report_request(*, organisation, poll=None, period=None, actor, language: str) -> CouncilReport:
    """Queue a council report of one poll with computed results, or of a period ``(start, end)``
    that holds at least one. Raises ``ValidationError`` (in the user's language) otherwise."""
    from buurtpeil.reports.council.tasks import council_report_build_task

    if (poll is None) == (period is None):
        raise ValidationError(_("Choose one poll or one period."))
    if language not in dict(settings.LANGUAGES):
        raise ValidationError(_("Choose a language from the list."))
    if poll is not None:
        results = poll_results(poll) if poll.organisation_id == organisation.pk else None
        if results is None or results.status != PollResults.Status.READY:
            raise ValidationError(_("The results of this poll have not been computed yet."))
        fields = {"poll": poll}
    else:
        start, end = period
        if start > end:
            raise ValidationError(_("The period must end on or after its first day."))
        if not selectors.council_report_polls_in_period(organisation, start, end):
            raise ValidationError(_("No poll with computed results was started in this period."))
        fields = {"period_start": start, "period_end": end}
    with transaction.atomic():
        report = CouncilReport.objects.create(
            organisation=organisation, requested_by=actor, language=language, **fields
        )
        audit_record(
            organisation=organisation,
            actor=actor,
            action=AuditEvent.Action.EXPORT,
            subject=f"council report {report.pk} requested ({language}): {_subject(report)}",
        )
        transaction.on_commit(lambda: council_report_build_task.enqueue(report.pk))
    return report


def _progress(report_id: int):
    def update(percent: int, step: str) -> None:
        CouncilReport.objects.filter(pk=report_id).update(progress=percent, step=step)

    return update


def council_report_build(*, report_id: int) -> CouncilReport | None:
    """Make the report's PDF and ODT, noting progress as it goes; on failure the report is
    marked failed with the reason. The requester gets an e-mail either way."""
    report = (
        CouncilReport.objects.select_related("organisation", "poll", "requested_by")
        .filter(pk=report_id)
        .first()
    )
    if report is None or report.status == Status.DONE:
        return report
    CouncilReport.objects.filter(pk=report.pk).update(
        status=Status.RUNNING, started_at=timezone.now(), progress=1, error=""
    )
    try:
        with translation.override(report.language):
            pdf, odt = build.make(report, _progress(report.pk))
    except Exception as error:
        logger.exception("council report %s could not be made", report.pk)
        CouncilReport.objects.filter(pk=report.pk).update(
            status=Status.FAILED,
            error=(str(error) or type(error).__name__)[:2000],
            finished_at=timezone.now(),
        )
        report.refresh_from_db()
        _email(report)
        raise
    CouncilReport.objects.filter(pk=report.pk).update(
        status=Status.DONE,
        progress=100,
        step=CouncilReport.Step.FINISHED,
        pdf=pdf,
        odt=odt,
        pdf_size=len(pdf),
        odt_size=len(odt),
        finished_at=timezone.now(),
    )
    report.refresh_from_db()
    _email(report)
    return report


def _email(report: CouncilReport) -> None:
    user = report.requested_by
    if user is None or not user.email:
        return
    url = settings.SITE_URL + reverse(
        "reports_council:detail", kwargs={"org_code": report.organisation.code, "report_id": report.pk}
    )
    with translation.override(report.language):
        words = {"label": report.label, "organisation": report.organisation.name, "url": url}
        if report.status == Status.DONE:
            subject = _("Council report ready: %(label)s") % words
            body = (
                _("The council report “%(label)s” of %(organisation)s is ready. Download it here:\n%(url)s")
                % words
            )
        else:
            subject = _("Council report failed: %(label)s") % words
            body = (
                _("The council report “%(label)s” of %(organisation)s could not be made. See:\n%(url)s")
                % words
            )
    try:
        send_mail(subject, body, None, [user.email])
    except Exception:  # the report is there all the same; the page tells them too
        logger.exception("e-mail about council report %s could not be sent", report.pk)


def council_report_download(*, report: CouncilReport, kind: str, actor) -> bytes | None:
    """The report's PDF or ODT, with an audit row of who fetched what."""
    data = selectors.council_report_file(report, kind)
    if data is None:
        return None
    audit_record(
        organisation=report.organisation,
        actor=actor,
        action=AuditEvent.Action.EXPORT,
        subject=f"council report {report.pk} downloaded as {kind.upper()}: {_subject(report)}",
    )
    return data


def council_reports_notified(*, reports) -> None:
    CouncilReport.objects.filter(pk__in=[r.pk for r in reports], notified_at__isnull=True).update(
        notified_at=timezone.now()
    )
