"""Staff pages of council reports under /staff/<org_code>/reports/: the list with the request
forms, a report's progress (refreshed by htmx, or by reloading) and its downloads. Analysts and
administrators request; viewers look and download."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from buurtpeil.organisations.access import staff_view
from buurtpeil.organisations.models import Membership
from buurtpeil.organisations.selectors import role_at_least
from buurtpeil.reports.council import selectors, services
from buurtpeil.reports.council.forms import CouncilPeriodForm, CouncilPollForm

ANALYST = Membership.Role.ANALYST
VIEWER = Membership.Role.VIEWER
CONTENT_TYPES = {"pdf": "application/pdf", "odt": "application/vnd.oasis.opendocument.text"}


def _forms(request, data=None, scope=""):
    organisation = request.organisation
    initial = {"language": organisation.default_language}
    polls = selectors.council_report_polls_ready(organisation)
    return (
        CouncilPollForm(data if scope == "poll" else None, polls=polls, initial=initial, prefix="poll"),
        CouncilPeriodForm(data if scope == "period" else None, initial=initial, prefix="period"),
    )


@staff_view(VIEWER)
@require_http_methods(["GET", "POST"])
def report_list(request, org_code):
    organisation = request.organisation
    can_request = role_at_least(request.membership, ANALYST)
    scope = request.POST.get("scope", "")
    poll_form, period_form = _forms(request, request.POST if request.method == "POST" else None, scope)
    if request.method == "POST":
        form = {"poll": poll_form, "period": period_form}.get(scope)
        if not can_request:
            raise PermissionDenied
        if form is not None and form.is_valid():
            data = form.cleaned_data
            try:
                report = services.council_report_request(
                    organisation=organisation,
                    poll=data.get("poll"),
                    period=(data["period_start"], data["period_end"]) if scope == "period" else None,
                    actor=request.user,
                    language=data["language"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The report is being made. This page shows how far it is."))
                return redirect("reports_council:detail", organisation.code, report.pk)
        elif form is None:
            messages.error(request, _("Choose one poll or one period."))
    return render(
        request,
        "reports/council/list.html",
        {
            "organisation": organisation,
            "reports": selectors.council_reports_for(organisation),
            "can_request": can_request,
            "poll_form": poll_form,
            "period_form": period_form,
            "has_polls": poll_form.fields["poll"].queryset.exists(),
        },
    )


def _report_or_404(request, report_id):
    report = selectors.council_report_for(request.organisation, report_id)
    if report is None:
        raise Http404
    if report.finished and report.requested_by_id == request.user.pk and report.notified_at is None:
        services.council_reports_notified(reports=[report])  # they see it here
    return report


@staff_view(VIEWER)
@require_GET
def report_detail(request, org_code, report_id):
    report = _report_or_404(request, report_id)
    return render(
        request, "reports/council/detail.html", {"organisation": request.organisation, "report": report}
    )


@staff_view(VIEWER)
@require_GET
def report_progress(request, org_code, report_id):
    """The progress block alone, for htmx to refresh while the report is made."""
    report = _report_or_404(request, report_id)
    return render(
        request, "reports/council/_progress.html", {"organisation": request.organisation, "report": report}
    )


def _download(request, report_id, kind):
    report = _report_or_404(request, report_id)
    data = services.council_report_download(report=report, kind=kind, actor=request.user)
    if data is None:
        raise Http404(_("This report has no file yet."))
    response = HttpResponse(data, content_type=CONTENT_TYPES[kind])
    name = f"raadsrapportage-{request.organisation.code}-{report.pk}.{kind}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@staff_view(VIEWER)
@require_GET
def report_pdf(request, org_code, report_id):
    return _download(request, report_id, "pdf")


@staff_view(VIEWER)
@require_GET
def report_odt(request, org_code, report_id):
    return _download(request, report_id, "odt")
