from django.contrib import messages
from django.shortcuts import redirect, render

from buurtpeil.areas.forms import AreaUploadForm
from buurtpeil.areas.selectors import buurt_map, gemeenten, wijken_with_buurten
from buurtpeil.areas.services import AreaImportError, areas_import
from buurtpeil.organisations.access import staff_view
from buurtpeil.organisations.models import AuditEvent, Membership
from buurtpeil.organisations.selectors import role_at_least
from buurtpeil.organisations.services import audit_record


@staff_view(Membership.Role.VIEWER)
def area_list(request, org_code):
    organisation = request.organisation
    wijken = wijken_with_buurten(organisation)
    return render(
        request,
        "areas/list.html",
        {
            "organisation": organisation,
            "gemeenten": list(gemeenten(organisation)),
            "wijken": wijken,
            "wijk_count": len(wijken),
            "buurt_count": sum(len(wijk.buurten) for wijk in wijken),
            "map": buurt_map(organisation),
            "can_import": role_at_least(request.membership, Membership.Role.ADMIN),
        },
    )


@staff_view(Membership.Role.ADMIN)
def area_upload(request, org_code):
    organisation = request.organisation
    import_errors: list[str] = []
    if request.method == "POST":
        form = AreaUploadForm(request.POST, request.FILES)
        if form.is_valid():
            population = form.cleaned_data["population"]
            try:
                report = areas_import(
                    organisation=organisation,
                    geojson=form.cleaned_data["geojson"].read(),
                    population_csv=population.read() if population else None,
                    population_year=form.cleaned_data["population_year"],
                )
            except AreaImportError as error:
                import_errors = error.errors
            else:
                audit_record(
                    organisation=organisation,
                    actor=request.user,
                    action=AuditEvent.Action.IMPORT,
                    subject=f"areas: {report.summary()}",
                )
                messages.success(request, f"{report.summary()} {report.population_summary()}")
                for warning in report.warnings:
                    messages.warning(request, warning)
                return redirect("areas:list", organisation.code)
    else:
        form = AreaUploadForm()
    return render(
        request,
        "areas/upload.html",
        {"organisation": organisation, "form": form, "import_errors": import_errors},
        status=400 if request.method == "POST" else 200,
    )
