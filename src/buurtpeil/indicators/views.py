"""Staff pages of area figures: /staff/<org_code>/figures/ (the list) and /import/ (upload)."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from buurtpeil.indicators import selectors
from buurtpeil.indicators.forms import FigureUploadForm
from buurtpeil.indicators.services import IndicatorImportError, area_figures_import
from buurtpeil.organisations.access import staff_view
from buurtpeil.organisations.models import Membership
from buurtpeil.organisations.selectors import role_at_least

ANALYST = Membership.Role.ANALYST


@staff_view(Membership.Role.VIEWER)
@require_GET
def figure_list(request, org_code):
    organisation = request.organisation
    overview = selectors.figure_overview(organisation)
    for row in overview:
        row["categories"] = selectors.category_overview(organisation, row["indicator"], row["year"])
    return render(
        request,
        "indicators/list.html",
        {
            "organisation": organisation,
            "overview": overview,
            "batches": selectors.batches(organisation),
            "can_import": role_at_least(request.membership, ANALYST),
        },
    )


@staff_view(ANALYST)
def figure_upload(request, org_code):
    organisation = request.organisation
    import_errors: list[str] = []
    report = None
    if request.method == "POST":
        form = FigureUploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                report = area_figures_import(
                    organisation=organisation,
                    data=upload.read(),
                    file_name=upload.name,
                    source=form.cleaned_data["source"],
                    actor=request.user,
                )
            except IndicatorImportError as error:
                import_errors = error.errors
            else:
                form = FigureUploadForm()
    else:
        form = FigureUploadForm()
    failed = request.method == "POST" and report is None
    return render(
        request,
        "indicators/upload.html",
        {
            "organisation": organisation,
            "form": form,
            "import_errors": import_errors,
            "report_lines": report.lines() if report else [],
        },
        status=400 if failed else 200,
    )
