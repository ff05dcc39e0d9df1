from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from buurtpeil.organisations.access import staff_view
from buurtpeil.organisations.models import Membership, Organisation
from buurtpeil.organisations.selectors import audit_events, organisations_for_user


@login_required
def staff_home(request):
    """The organisations this staff member works for; straight through if only one."""
    organisations = list(organisations_for_user(request.user))
    if len(organisations) == 1:
        return redirect("panel_staff:overview", organisations[0].code)
    return render(request, "organisations/home.html", {"organisations": organisations})


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
