"""Staff pages of sharing between organisations. A municipality's administrator consents and
withdraws on its own sharing page; a region's staff see the consenting members side by side."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from buurtpeil.organisations.access import staff_view
from buurtpeil.organisations.models import Membership
from buurtpeil.organisations.selectors import organisation_by_code, role_at_least
from buurtpeil.regions import selectors, services
from buurtpeil.regions.forms import ComparisonForm, MemberForm

ADMIN = Membership.Role.ADMIN
VIEWER = Membership.Role.VIEWER


def _language() -> str:
    return (get_language() or "nl")[:2]


@staff_view(VIEWER)
@require_GET
def sharing(request, org_code):
    organisation = request.organisation
    profile = selectors.comparison_profile(organisation)
    form = ComparisonForm(
        initial={
            "urbanity": profile.urbanity if profile else None,
            "consent": bool(profile and profile.sharing),
        }
    )
    return render(
        request,
        "regions/sharing.html",
        {
            "organisation": organisation,
            "memberships": selectors.memberships_of(organisation),
            "profile": profile,
            "form": form,
            "events": selectors.sharing_events(organisation),
            "is_admin": role_at_least(request.membership, ADMIN),
        },
    )


@staff_view(ADMIN)
@require_POST
def comparison_save(request, org_code):
    form = ComparisonForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("regions:sharing", org_code)
    services.comparison_settings_save(
        organisation=request.organisation,
        urbanity=form.cleaned_data["urbanity"],
        consent=form.cleaned_data["consent"],
        actor=request.user,
    )
    messages.success(request, _("The comparison settings are saved."))
    return redirect("regions:sharing", org_code)


def _membership_or_404(request, membership_id):
    membership = selectors.membership_of(request.organisation, membership_id)
    if membership is None:
        raise Http404
    return membership


@staff_view(ADMIN)
@require_POST
def consent_give(request, org_code, membership_id):
    membership = services.region_consent_give(
        membership=_membership_or_404(request, membership_id), actor=request.user
    )
    messages.success(
        request, _("%(region)s now sees your results side by side.") % {"region": membership.region.name}
    )
    return redirect("regions:sharing", org_code)


@staff_view(ADMIN)
@require_POST
def consent_withdraw(request, org_code, membership_id):
    membership = services.region_consent_withdraw(
        membership=_membership_or_404(request, membership_id), actor=request.user
    )
    messages.success(
        request, _("%(region)s no longer sees your results.") % {"region": membership.region.name}
    )
    return redirect("regions:sharing", org_code)


@staff_view(VIEWER)
@require_GET
def region(request, org_code):
    organisation = request.organisation
    is_region = selectors.is_region(organisation)
    return render(
        request,
        "regions/region.html",
        {
            "organisation": organisation,
            "is_region": is_region,
            "table": selectors.region_side_by_side(organisation, _language()) if is_region else None,
            "form": MemberForm(),
            "events": selectors.region_events(organisation) if is_region else [],
            "is_admin": role_at_least(request.membership, ADMIN),
        },
    )


@staff_view(ADMIN)
@require_POST
def member_add(request, org_code):
    form = MemberForm(request.POST)
    member = None
    if form.is_valid():
        try:
            member = organisation_by_code(form.cleaned_data["code"].strip().upper())
        except Http404:
            member = None
    if member is None:
        messages.error(request, _("There is no municipality with this code on this installation."))
        return redirect("regions:region", org_code)
    try:
        services.region_member_request(region=request.organisation, member=member, actor=request.user)
    except services.SharingRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(
            request,
            _("%(member)s is asked to share. Its administrator agrees on its sharing page.")
            % {"member": member.name},
        )
    return redirect("regions:region", org_code)


@staff_view(VIEWER)
@require_GET
def comparison(request, org_code):
    return render(
        request,
        "regions/comparison.html",
        {
            "organisation": request.organisation,
            "comparison": selectors.comparison(request.organisation, _language()),
            "minimum": selectors.COMPARISON_MINIMUM,
            "factor": selectors.POPULATION_FACTOR,
        },
    )
