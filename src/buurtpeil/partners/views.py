"""Staff pages of the partner register, the key figures and the professionals:
/staff/<org_code>/partners/. Analysts add and change them; viewers look, without the key
figures' and professionals' contact details."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from buurtpeil.organisations.access import staff_view
from buurtpeil.organisations.models import AuditEvent, Membership
from buurtpeil.organisations.selectors import role_at_least
from buurtpeil.organisations.services import audit_record
from buurtpeil.partners import services
from buurtpeil.partners.forms import KeyFigureForm, PartnerForm, ProfessionalForm
from buurtpeil.partners.selectors import (
    key_figure_for,
    key_figures_for,
    partner_for,
    partners_for,
    professional_for,
    professionals_for,
)


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


# Key figures and professionals: people with a member of a panel of their own. Their lists
# show no contact details; the edit page does, to analysts, and each view of it is audited.
KEY_FIGURES = {
    "kind": "key_figures",
    "selector": key_figure_for,
    "form": KeyFigureForm,
    "save": services.key_figure_save,
    "subject": "contact details of key figure",
    "saved": gettext_lazy("The key figure is saved."),
    "erased": gettext_lazy("The key figure and their contact details are erased."),
    "list": "partners:key_figures",
}
PROFESSIONALS = {
    "kind": "professionals",
    "selector": professional_for,
    "form": ProfessionalForm,
    "save": services.professional_save,
    "subject": "contact details of professional",
    "saved": gettext_lazy("The professional is saved."),
    "erased": gettext_lazy("The professional and their contact details are erased."),
    "list": "partners:professionals",
}


def _contact_list(request, register, records):
    return render(
        request,
        f"partners/{register['kind']}.html",
        {
            "organisation": request.organisation,
            "records": records,
            "can_edit": role_at_least(request.membership, Membership.Role.ANALYST),
        },
    )


def _contact_edit(request, register, record_id):
    record = None
    if record_id is not None:
        record = register["selector"](request.organisation, record_id)
        if record is None:
            raise Http404
        audit_record(
            organisation=request.organisation,
            actor=request.user,
            action=AuditEvent.Action.VIEW_PERSONAL_DATA,
            subject=f"{register['subject']} {record.pk}",
        )
    form = register["form"](request.POST or None, instance=record, organisation=request.organisation)
    if request.method == "POST" and form.is_valid():
        register["save"](form=form)
        messages.success(request, register["saved"])
        return redirect(register["list"], request.organisation.code)
    return render(
        request,
        f"partners/{register['kind']}_edit.html",
        {"organisation": request.organisation, "form": form, "record": record},
    )


def _contact_erase(request, register, record_id):
    record = register["selector"](request.organisation, record_id)
    if record is None:
        raise Http404
    services.contact_erase(record=record)
    messages.success(request, register["erased"])
    return redirect(register["list"], request.organisation.code)


@staff_view(Membership.Role.VIEWER)
@require_GET
def key_figure_list(request, org_code):
    return _contact_list(request, KEY_FIGURES, key_figures_for(request.organisation))


@staff_view(Membership.Role.ANALYST)
@require_http_methods(["GET", "POST"])
def key_figure_edit(request, org_code, key_figure_id=None):
    return _contact_edit(request, KEY_FIGURES, key_figure_id)


@staff_view(Membership.Role.ANALYST)
@require_POST
def key_figure_erase(request, org_code, key_figure_id):
    return _contact_erase(request, KEY_FIGURES, key_figure_id)


@staff_view(Membership.Role.VIEWER)
@require_GET
def professional_list(request, org_code):
    return _contact_list(request, PROFESSIONALS, professionals_for(request.organisation))


@staff_view(Membership.Role.ANALYST)
@require_http_methods(["GET", "POST"])
def professional_edit(request, org_code, professional_id=None):
    return _contact_edit(request, PROFESSIONALS, professional_id)


@staff_view(Membership.Role.ANALYST)
@require_POST
def professional_erase(request, org_code, professional_id):
    return _contact_erase(request, PROFESSIONALS, professional_id)
