"""Staff pages of the good-practice library. Every staff member searches the published practices
of all organisations (the one page that crosses organisations on purpose); analysts and
administrators prepare, publish, withdraw and copy."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from buurtpeil.organisations.access import staff_view
from buurtpeil.organisations.models import Membership
from buurtpeil.organisations.selectors import role_at_least
from buurtpeil.plans.selectors import action_of_organisation, actions_of_organisation, goals_of_organisation
from buurtpeil.practices import selectors, services
from buurtpeil.practices.forms import CopyForm, PracticeForm, SearchForm
from buurtpeil.practices.models import Practice

ANALYST = Membership.Role.ANALYST
VIEWER = Membership.Role.VIEWER


@staff_view(VIEWER)
@require_GET
def library(request, org_code):
    form = SearchForm(request.GET or None)
    factor, text = None, ""
    if form.is_valid():
        factor, text = form.cleaned_data["factor"], form.cleaned_data["q"]
    return render(
        request,
        "practices/library.html",
        {
            "organisation": request.organisation,
            "form": form,
            "practices": selectors.practices_published(factor=factor, text=text)[:100],
            "own": selectors.practices_own(request.organisation).exclude(status=Practice.Status.PUBLISHED),
            "can_edit": role_at_least(request.membership, ANALYST),
        },
    )


@staff_view(ANALYST)
@require_GET
def actions(request, org_code):
    return render(
        request,
        "practices/actions.html",
        {"organisation": request.organisation, "actions": actions_of_organisation(request.organisation)},
    )


@staff_view(ANALYST)
@require_http_methods(["GET", "POST"])
def prepare(request, org_code, action_id):
    action = action_of_organisation(request.organisation, action_id)
    if action is None:
        raise Http404
    draft = selectors.draft_for_action(request.organisation, action.pk)
    if request.method == "POST":
        form = PracticeForm(request.POST)
        if form.is_valid():
            fields = {name: form.cleaned_data[name] for name in PracticeForm.Meta.fields}
            try:
                practice = services.practice_draft_save(
                    organisation=request.organisation, action=action, actor=request.user, fields=fields
                )
            except services.PracticeRefused as refusal:
                form.add_error(None, str(refusal))
            else:
                messages.success(request, _("Check the preview, then publish it to the library."))
                return redirect("practices:practice", org_code, practice.pk)
    elif draft is not None:
        form = PracticeForm(instance=draft)
    else:
        form = PracticeForm(initial=vars(selectors.action_prefill(action, (get_language() or "nl")[:2])))
    return render(
        request,
        "practices/prepare.html",
        {"organisation": request.organisation, "form": form, "action": action},
    )


@staff_view(VIEWER)
@require_GET
def practice_page(request, org_code, practice_id):
    practice = selectors.practice_visible(request.organisation, practice_id)
    if practice is None:
        raise Http404
    own = practice.organisation_id == request.organisation.pk
    can_edit = role_at_least(request.membership, ANALYST)
    goals = goals_of_organisation(request.organisation)
    return render(
        request,
        "practices/practice.html",
        {
            "organisation": request.organisation,
            "practice": practice,
            "own": own,
            "can_edit": can_edit,
            "copy_form": CopyForm(goals=goals) if can_edit and goals.exists() else None,
        },
    )


def _own_practice(request, practice_id) -> Practice:
    practice = selectors.practice_own(request.organisation, practice_id)
    if practice is None:
        raise Http404
    return practice


@staff_view(ANALYST)
@require_POST
def publish(request, org_code, practice_id):
    practice = _own_practice(request, practice_id)
    try:
        services.practice_publish(practice=practice, actor=request.user)
    except services.PracticeRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("The practice is in the library for every organisation."))
    return redirect("practices:practice", org_code, practice.pk)


@staff_view(ANALYST)
@require_POST
def unpublish(request, org_code, practice_id):
    practice = _own_practice(request, practice_id)
    services.practice_unpublish(practice=practice, actor=request.user)
    messages.success(request, _("The practice is withdrawn from the library."))
    return redirect("practices:practice", org_code, practice.pk)


@staff_view(ANALYST)
@require_POST
def copy(request, org_code, practice_id):
    practice = selectors.practice_visible(request.organisation, practice_id)
    if practice is None or practice.status != Practice.Status.PUBLISHED:
        raise Http404
    form = CopyForm(request.POST, goals=goals_of_organisation(request.organisation))
    if not form.is_valid():
        messages.error(request, _("Choose a goal of your plan."))
        return redirect("practices:practice", org_code, practice.pk)
    goal = form.cleaned_data["goal"]
    try:
        copied = services.practice_copy(
            practice=practice, organisation=request.organisation, goal=goal, actor=request.user
        )
    except services.PracticeRefused as refusal:
        messages.error(request, str(refusal))
        return redirect("practices:practice", org_code, practice.pk)
    messages.success(
        request, _("The practice is copied into your plan as a planned action. Adapt it to your situation.")
    )
    return redirect("plans:action", org_code, goal.plan_id, copied.action_id)
