"""Staff pages of exports under /staff/<org_code>/polls/<poll_id>/exports/. Everyone who may
see the poll sees the page; only analysts and administrators download (a viewer gets 403
with the reason). Every download is recorded in the audit log by the service."""

from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods

from buurtpeil.organisations.access import staff_view
from buurtpeil.organisations.models import Membership
from buurtpeil.polls.selectors import poll_for
from buurtpeil.reports import formats, selectors, services
from buurtpeil.reports.forms import ExportForm


def _download(export: services.ExportFile):
    if hasattr(export.content, "read"):
        response = FileResponse(export.content, content_type=export.content_type)
    else:
        response = StreamingHttpResponse(export.content, content_type=export.content_type)
    response["Content-Disposition"] = content_disposition_header(True, export.filename)
    response["Cache-Control"] = "no-store"
    return response


@staff_view(Membership.Role.VIEWER)
@require_http_methods(["GET", "POST"])
def answers_exports(request, org_code, poll_id):
    poll = poll_for(request.organisation, poll_id)
    if poll is None:
        raise Http404
    allowed = services.may_export_respondents(request.membership)
    languages = selectors.export_languages(poll)
    preferred = get_language() if get_language() in languages else languages[0]
    form = ExportForm(request.POST or None, languages=languages, initial={"language": preferred})
    if allowed and request.method == "POST" and form.is_valid():
        try:
            export = services.export_answers(
                poll=poll,
                actor=request.user,
                fmt=request.POST.get("format", ""),
                language=form.cleaned_data["language"],
            )
        except services.ExportRefused as refused:
            form.add_error(None, str(refused))
        else:
            return _download(export)
    status = 403 if not allowed else 400 if request.method == "POST" else 200
    return render(
        request,
        "reports/exports.html",
        {
            "organisation": request.organisation,
            "poll": poll,
            "allowed": allowed,
            "form": form,
            "formats": list(formats.register),
            "count": selectors.completed_count(poll),
        },
        status=status,
    )


@staff_view(Membership.Role.VIEWER)
@require_http_methods(["GET", "POST"])
def results_exports(request, org_code, poll_id):
    """The poll's computed results (aggregated) as CSV, XLSX, SPSS or GeoJSON; for every role."""
    poll = poll_for(request.organisation, poll_id)
    if poll is None:
        raise Http404
    error = ""
    if request.method == "POST":
        fmt = request.POST.get("format", "")
        try:
            if fmt == "geojson":
                export = services.export_results_geojson(poll=poll, actor=request.user)
            else:
                export = services.export_results(
                    poll=poll, actor=request.user, fmt=fmt, language=get_language()
                )
        except services.ExportRefused as refused:
            error = str(refused)
        else:
            return _download(export)
    return render(
        request,
        "reports/results_exports.html",
        {
            "organisation": request.organisation,
            "poll": poll,
            "formats": list(formats.register),
            "error": error,
        },
        status=400 if error else 200,
    )
