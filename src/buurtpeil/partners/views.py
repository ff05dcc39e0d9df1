"""Staff pages of the partner register and the key figures: /staff/<org_code>/partners/.
Analysts add and change them; viewers look, without the key figures' contact details."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from buurtpeil.organisations.access import staff_view
from buurtpeil.organisations.models import AuditEvent, Membership
from buurtpeil.organisations.selectors import role_at_least
from buurtpeil.organisations.services import audit_record
from buurtpeil.partners import services
from buurtpeil.partners.forms import KeyFigureForm, PartnerForm
from buurtpeil.partners.selectors import key_figure_for, key_figures_for, partner_for, partners_for


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
        services.partner_save(form=form)
        messages.success(request, _("The partner is saved."))
        return redirect("partners:list", request.organisation.code)
    return render(
        request,
        "partners/edit.html",
        {"organisation": request.organisation, "form": form, "partner": partner},
    )


@staff_view(Membership.Role.VIEWER)
@require_GET
def key_figure_list(request, org_code):
    """Names, communities, areas and languages; contact details only on the analyst's edit page."""
    return render(
        request,
        "partners/key_figures.html",
        {
            "organisation": request.organisation,
            "key_figures": key_figures_for(request.organisation),
            "can_edit": role_at_least(request.membership, Membership.Role.ANALYST),
        },
    )


@staff_view(Membership.Role.ANALYST)
@require_http_methods(["GET", "POST"])
def key_figure_edit(request, org_code, key_figure_id=None):
    key_figure = None
    if key_figure_id is not None:
        key_figure = key_figure_for(request.organisation, key_figure_id)
        if key_figure is None:
            raise Http404
        audit_record(
            organisation=request.organisation,
            actor=request.user,
            action=AuditEvent.Action.VIEW_PERSONAL_DATA,
            subject=f"contact details of key figure {key_figure.pk}",
        )
    form = KeyFigureForm(request.POST or None, instance=key_figure, organisation=request.organisation)
    if request.method == "POST" and form.is_valid():
        services.key_figure_save(form=form)
        messages.success(request, _("The key figure is saved."))
        return redirect("partners:key_figures", request.organisation.code)
    return render(
        request,
        "partners/key_figure_edit.html",
        {"organisation": request.organisation, "form": form, "key_figure": key_figure},
    )


@staff_view(Membership.Role.ANALYST)
@require_POST
def key_figure_erase(request, org_code, key_figure_id):
    key_figure = key_figure_for(request.organisation, key_figure_id)
    if key_figure is None:
        raise Http404
    services.key_figure_erase(key_figure=key_figure)
    messages.success(request, _("The key figure and their contact details are erased."))
    return redirect("partners:key_figures", request.organisation.code)
