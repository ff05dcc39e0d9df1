"""Pages of the neighbourhood analysis under /staff/<org_code>/analyses/. Partners open the list,
the analyses of their areas, their text and history; staff also start analyses, agree them,
adopt factors into the plan and invite partners."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from buurtpeil.analyses import selectors, services
from buurtpeil.analyses.forms import AnalysisAdoptForm, AnalysisForm, AnalysisNewForm, PartnerInviteForm
from buurtpeil.analyses.models import Analysis
from buurtpeil.organisations.access import staff_view
from buurtpeil.organisations.models import Membership
from buurtpeil.plans.selectors import plans_for

PARTNER = Membership.Role.PARTNER
ANALYST = Membership.Role.ANALYST
ADMIN = Membership.Role.ADMIN


def _analysis_or_404(request, analysis_id) -> Analysis:
    analysis = selectors.analysis_for(request.membership, analysis_id)
    if analysis is None:
        raise Http404
    return analysis


def _context(request, **extra):
    return {
        "organisation": request.organisation,
        "is_partner": selectors.is_partner(request.membership),
        "can_agree": selectors.can_agree(request.membership),
        **extra,
    }


@staff_view(PARTNER)
@require_http_methods(["GET", "POST"])
def analysis_list(request, org_code):
    form = AnalysisNewForm(request.POST or None, organisation=request.organisation)
    if request.method == "POST":
        if not selectors.can_agree(request.membership):
            raise PermissionDenied
        if form.is_valid():
            try:
                analysis = services.analysis_create(
                    organisation=request.organisation,
                    area=form.cleaned_data["area"],
                    title=form.cleaned_data["title"],
                    membership=request.membership,
                )
            except services.AnalysisRefused as refused:
                form.add_error(None, str(refused))
            else:
                messages.success(request, _("The analysis is started. Write it together with the partners."))
                return redirect("analyses:analysis", request.organisation.code, analysis.pk)
    analyses = selectors.analyses_for(request.membership)
    return render(request, "analyses/list.html", _context(request, analyses=analyses, form=form))


@staff_view(PARTNER)
@require_GET
def analysis_page(request, org_code, analysis_id):
    analysis = _analysis_or_404(request, analysis_id)
    facts = selectors.measured(request.organisation, analysis.area)
    can_write = (
        selectors.can_write(request.membership, analysis) and analysis.status != Analysis.Status.AGREED
    )
    adopt = None
    if analysis.status == Analysis.Status.AGREED and selectors.can_agree(request.membership):
        plans = plans_for(request.organisation)
        adopt = AnalysisAdoptForm(
            plans=plans, initial={"plan": plans.first(), "reasons": analysis.content.get("weaknesses", "")}
        )
    return render(
        request,
        "analyses/analysis.html",
        _context(
            request,
            analysis=analysis,
            measured=facts,
            rows=selectors.with_observations(facts, analysis.content),
            can_write=can_write,
            can_status=selectors.can_write(request.membership, analysis),
            agreed=selectors.last_agreed_version(analysis),
            adopt=adopt,
            adopted=selectors.adopted_priorities(analysis),
        ),
    )


@staff_view(PARTNER)
@require_http_methods(["GET", "POST"])
def analysis_edit(request, org_code, analysis_id):
    analysis = _analysis_or_404(request, analysis_id)
    if not selectors.can_write(request.membership, analysis) or analysis.status == Analysis.Status.AGREED:
        raise PermissionDenied
    form = AnalysisForm(request.POST or None, initial=AnalysisForm.initial_from(analysis))
    if request.method == "POST" and form.is_valid():
        try:
            services.analysis_save(
                analysis=analysis,
                content=form.content(),
                based_on=form.cleaned_data["version"],
                membership=request.membership,
            )
        except services.AnalysisRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, _("The analysis is saved as a new version."))
            return redirect("analyses:analysis", request.organisation.code, analysis.pk)
    facts = selectors.measured(request.organisation, analysis.area)
    rows = [
        (row, form.factor_field(row.factor)) for row in selectors.with_observations(facts, analysis.content)
    ]
    return render(
        request,
        "analyses/edit.html",
        _context(request, analysis=analysis, form=form, rows=rows, measured=facts),
    )


STEPS = {
    "submit": (services.analysis_submit, gettext_lazy("The analysis is offered for review.")),
    "return": (services.analysis_return, gettext_lazy("The analysis is a draft again.")),
    "agree": (
        services.analysis_agree,
        gettext_lazy("The analysis is agreed. Adopt its factors as priorities of the plan."),
    ),
    "reopen": (
        services.analysis_reopen,
        gettext_lazy("The analysis is a new draft; the agreed version stays in the history."),
    ),
}


@staff_view(PARTNER)
@require_POST
def analysis_status(request, org_code, analysis_id):
    analysis = _analysis_or_404(request, analysis_id)
    step = STEPS.get(request.POST.get("step", ""))
    if step is None:
        messages.error(request, _("Choose a step."))
        return redirect("analyses:analysis", request.organisation.code, analysis.pk)
    service, done = step
    try:
        service(analysis=analysis, membership=request.membership)
    except services.AnalysisRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, str(done))
    return redirect("analyses:analysis", request.organisation.code, analysis.pk)


@staff_view(ANALYST)
@require_POST
def analysis_adopt(request, org_code, analysis_id):
    analysis = _analysis_or_404(request, analysis_id)
    form = AnalysisAdoptForm(request.POST, plans=plans_for(request.organisation))
    if form.is_valid():
        try:
            services.analysis_priority_adopt(
                analysis=analysis,
                plan=form.cleaned_data["plan"],
                factor=form.cleaned_data["factor"],
                reasons=form.cleaned_data["reasons"],
                membership=request.membership,
            )
        except services.AnalysisRefused as refused:
            messages.error(request, str(refused))
        else:
            messages.success(
                request, _("The factor is a priority of the plan. Now write a SMART goal for it.")
            )
            return redirect("plans:plan", request.organisation.code, form.cleaned_data["plan"].pk)
    else:
        messages.error(request, _("Choose a plan and a factor, and give the reason."))
    return redirect("analyses:analysis", request.organisation.code, analysis.pk)


@staff_view(PARTNER)
@require_GET
def analysis_history(request, org_code, analysis_id):
    analysis = _analysis_or_404(request, analysis_id)
    return render(
        request,
        "analyses/history.html",
        _context(request, analysis=analysis, versions=selectors.versions_of(analysis)),
    )


@staff_view(ADMIN)
@require_http_methods(["GET", "POST"])
def partner_list(request, org_code):
    """The partners who log in, with their areas; inviting one sends a link to choose a password."""
    form = PartnerInviteForm(request.POST or None, organisation=request.organisation)
    if request.method == "POST" and form.is_valid():
        try:
            _membership, mailed = services.partner_invite(
                organisation=request.organisation,
                email=form.cleaned_data["email"],
                name=form.cleaned_data["name"],
                areas=list(form.cleaned_data["areas"]),
                partner=form.cleaned_data["partner"],
                actor=request.user,
            )
        except services.AnalysisRefused as refused:
            form.add_error(None, str(refused))
        else:
            if mailed:
                messages.success(
                    request, _("The partner is invited: an e-mail with a link to choose a password is sent.")
                )
            else:
                messages.success(
                    request, _("The partner's areas are saved; they log in with their own password.")
                )
            return redirect("analyses:partners", request.organisation.code)
    return render(
        request,
        "analyses/partners.html",
        _context(request, form=form, partners=selectors.partner_memberships(request.organisation)),
    )
