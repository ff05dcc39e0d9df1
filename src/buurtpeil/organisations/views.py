from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from buurtpeil.organisations.access import staff_view
from buurtpeil.organisations.forms import OrganisationSettingsForm, logo_content_type
from buurtpeil.organisations.models import Membership, Organisation
from buurtpeil.organisations.selectors import (
    audit_events,
    organisation_by_code,
    organisations_for_user,
)


@login_required
def staff_home(request):
    """The organisations this staff member works for; straight through if only one."""
    organisations = list(organisations_for_user(request.user))
    partner_of = set(
        Membership.objects.filter(user=request.user, role=Membership.Role.PARTNER).values_list(
            "organisation_id", flat=True
        )
    )
    for organisation in organisations:  # a partner starts at the neighbourhood analyses (0025)
        organisation.start = "analyses:list" if organisation.pk in partner_of else "panel_staff:overview"
    if len(organisations) == 1:
        return redirect(organisations[0].start, organisations[0].code)
    return render(request, "organisations/home.html", {"organisations": organisations})


def admin_login(request):
    """The Django admin's own login page would skip the lock-out and the second step."""
    return redirect_to_login(request.GET.get("next") or "/beheer/")


def landing(request):
    """Public start page: the panels on this installation."""
    organisations = Organisation.objects.only("code", "name").order_by("name")
    return render(request, "organisations/landing.html", {"organisations": organisations})


@staff_view(Membership.Role.ADMIN)
def audit_log(request, org_code):
    """The latest exports, imports and views of personal data in this organisation."""
    organisation = request.organisation
    return render(
        request,
        "organisations/audit_log.html",
        {"organisation": organisation, "events": audit_events(organisation)},
    )


@staff_view(Membership.Role.ADMIN)
@require_http_methods(["GET", "POST"])
def organisation_settings(request, org_code):
    """Name, house style (logo, main colour, design tokens), language and privacy thresholds."""
    organisation = request.organisation
    form = OrganisationSettingsForm(request.POST or None, request.FILES or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The settings have been saved."))
        return redirect("staff:settings", organisation.code)
    return render(request, "organisations/settings.html", {"organisation": organisation, "form": form})


def logo(request, org_code):
    """The organisation's logo, served with its checked image type."""
    organisation = organisation_by_code(org_code)
    if not organisation.logo:
        raise Http404
    handle = organisation.logo.open("rb")
    content_type = logo_content_type(handle.read(16))
    handle.seek(0)
    response = FileResponse(handle, content_type=content_type or "application/octet-stream")
    response["Cache-Control"] = "public, max-age=86400"
    return response
