"""Staff pages of the partner register: /staff/<org_code>/partners/. Analysts add and change
partners; viewers look."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from buurtpeil.organisations.access import staff_view
from buurtpeil.organisations.models import Membership
from buurtpeil.organisations.selectors import role_at_least
from buurtpeil.partners.forms import PartnerForm
from buurtpeil.partners.selectors import partner_for, partners_for


@staff_view(Membership.Role.VIEWER)
@require_GET
def partner_list(request, org_code):
    partners = partners_for(request.organisation).prefetch_related("areas", "actions")
    return render(
        request,
        "partners/list.html",
        {
            "organisation": request.organisation,
            "partners": partners,
            "can_edit": role_at_least(request.membership, Membership.Role.ANALYST),
            "form": PartnerForm(organisation=request.organisation),
        },
    )


@staff_view(Membership.Role.ANALYST)
@require_http_methods(["GET", "POST"])
def partner_edit(request, org_code, partner_id=None):
    partner = None
    if partner_id is not None:
        partner = partner_for(request.organisation, partner_id)
        if partner is None:
            raise Http404
    form = PartnerForm(request.POST or None, instance=partner, organisation=request.organisation)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The partner is saved."))
        return redirect("partners:list", request.organisation.code)
    return render(
        request,
        "partners/edit.html",
        {"organisation": request.organisation, "form": form, "partner": partner},
    )
