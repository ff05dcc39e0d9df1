"""Staff pages of the safety plan under /staff/<org_code>/plans/: plans, priorities adopted from
an area's Tafel van 12 profile, SMART goals with their progress and evaluation, and actions on
a board and a timeline. Analysts and administrators write; viewers look."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from buurtpeil.areas.models import Area
from buurtpeil.insights.selectors import poll_results, result_parts
from buurtpeil.insights.texts import reason_text
from buurtpeil.organisations.access import staff_view
from buurtpeil.organisations.models import Membership
from buurtpeil.organisations.selectors import role_at_least
from buurtpeil.plans import selectors, services
from buurtpeil.plans.forms import ActionForm, AdoptForm, GoalForm, PlanForm
from buurtpeil.plans.models import Action, Goal
from buurtpeil.polls.indicators import indicator_is_share, indicator_label
from buurtpeil.polls.selectors import poll_for

ANALYST = Membership.Role.ANALYST
VIEWER = Membership.Role.VIEWER


def _plan_or_404(request, plan_id):
    plan = selectors.plan_for(request.organisation, plan_id)
    if plan is None:
        raise Http404
    return plan


def _goal_or_404(plan, goal_id) -> Goal:
    goal = selectors.goal_for(plan, goal_id)
    if goal is None:
        raise Http404
    return goal


def _context(request, **extra):
    return {
        "organisation": request.organisation,
        "can_edit": role_at_least(request.membership, ANALYST),
        **extra,
    }


@staff_view(VIEWER)
@require_http_methods(["GET", "POST"])
def plan_list(request, org_code):
    form = PlanForm(request.POST or None)
    if request.method == "POST":
        if not role_at_least(request.membership, ANALYST):
            raise PermissionDenied
        if form.is_valid():
            plan = form.save(commit=False)
            plan.organisation = request.organisation
            plan.save()
            messages.success(request, _("The plan is created. Adopt priorities from an area's results page."))
            return redirect("plans:plan", request.organisation.code, plan.pk)
    plans = selectors.plans_for(request.organisation)
    return render(request, "plans/list.html", _context(request, plans=plans, form=form))


@staff_view(VIEWER)
@require_GET
def plan_page(request, org_code, plan_id):
    plan = _plan_or_404(request, plan_id)
    goals = list(selectors.goals_of(plan))
    today = timezone.localdate()
    rows = []
    for goal in goals:
        actions = list(goal.actions.all())
        rows.append(
            {
                "goal": goal,
                "indicator": indicator_label(goal.indicator),
                "target": services.value_text(goal.target, goal.indicator),
                "actions": len(actions),
                "overdue": sum(selectors.is_overdue(a, today) for a in actions),
            }
        )
    priorities = plan.priorities.select_related("area", "poll")
    return render(request, "plans/plan.html", _context(request, plan=plan, goals=rows, priorities=priorities))


@staff_view(ANALYST)
@require_http_methods(["GET", "POST"])
def adopt(request, org_code):
    """Adopt factors for an area from its Tafel van 12 profile in a poll (``?poll=&area=``)."""
    poll = poll_for(request.organisation, request.GET.get("poll") or 0)
    area = Area.objects.filter(organisation=request.organisation, code=request.GET.get("area", "")).first()
    results = poll_results(poll) if poll else None
    if poll is None or area is None or results is None or area.level == Area.Level.MUNICIPALITY:
        raise Http404(_("Choose a wijk or buurt on a poll's results page to adopt priorities."))
    document = result_parts(results, [f"tafel:{area.level}"]).get(f"tafel:{area.level}", {})
    profile = document.get("areas", {}).get(area.code, {})
    suggested = {r["factor"]: reason_text(r) for r in profile.get("suggested", [])}
    plans = selectors.plans_for(request.organisation)
    chosen_plan = selectors.plan_for(
        request.organisation, request.POST.get("plan") or request.GET.get("plan") or 0
    )
    adopted = (
        set(chosen_plan.priorities.filter(area=area).values_list("factor", flat=True))
        if chosen_plan
        else set()
    )
    form = AdoptForm(
        request.POST or None,
        plans=plans,
        reasons=suggested,
        adopted=adopted,
        initial={"plan": chosen_plan or plans.first()},
    )
    if request.method == "POST" and form.is_valid():
        plan = form.cleaned_data["plan"]
        try:
            services.priorities_adopt(
                plan=plan, area=area, reasons=form.chosen(), poll=poll, actor=request.user
            )
        except services.PlanRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, _("The priorities are adopted. Now write a SMART goal for each."))
            return redirect("plans:plan", request.organisation.code, plan.pk)
    return render(
        request,
        "plans/adopt.html",
        _context(request, poll=poll, area=area, form=form, suggested=suggested, has_plans=plans.exists()),
    )


@staff_view(ANALYST)
@require_http_methods(["GET", "POST"])
def goal_new(request, org_code, plan_id):
    plan = _plan_or_404(request, plan_id)
    initial = {}
    if area := Area.objects.filter(
        organisation=request.organisation, code=request.GET.get("area", "")
    ).first():
        initial["areas"] = [area]
    if request.GET.get("factor", "").isdigit():
        initial["factor"] = int(request.GET["factor"])
    form = GoalForm(request.POST or None, plan=plan, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        goal = services.goal_create(
            plan=plan,
            title=data["title"],
            factor=data["factor"],
            indicator=data["indicator"],
            areas=list(data["areas"]),
            target=data["target"],
            deadline=data["deadline"],
            owner=data["owner"],
            confirm_undetectable=data["confirm_undetectable"],
            actor=request.user,
        )
        messages.success(
            request, _("The goal is saved with its baseline. Add the actions that should reach it.")
        )
        return redirect("plans:goal", request.organisation.code, plan.pk, goal.pk)
    return render(request, "plans/goal_form.html", _context(request, plan=plan, form=form))


@staff_view(VIEWER)
@require_GET
def goal_page(request, org_code, plan_id, goal_id):
    plan = _plan_or_404(request, plan_id)
    goal = _goal_or_404(plan, goal_id)
    progress = selectors.goal_progress(goal, target_label=_("target"))
    today = timezone.localdate()
    actions = [(a, selectors.is_overdue(a, today)) for a in goal.actions.all()]
    return render(
        request,
        "plans/goal.html",
        _context(
            request,
            plan=plan,
            goal=goal,
            indicator=indicator_label(goal.indicator),
            percent=indicator_is_share(goal.indicator),
            target=services.value_text(goal.target, goal.indicator),
            progress=progress,
            evaluation=selectors.goal_evaluation(goal),
            actions=actions,
            form=ActionForm(organisation=request.organisation),
        ),
    )


@staff_view(ANALYST)
@require_http_methods(["GET", "POST"])
def action_edit(request, org_code, plan_id, goal_id=None, action_id=None):
    plan = _plan_or_404(request, plan_id)
    if action_id is not None:
        action = selectors.action_for(plan, action_id)
        if action is None:
            raise Http404
        goal = action.goal
    else:
        goal = _goal_or_404(plan, goal_id)
        action = Action(goal=goal)
    form = ActionForm(request.POST or None, instance=action, organisation=request.organisation)
    if request.method == "POST" and form.is_valid():
        services.action_save(action=form.save(commit=False), partners=list(form.cleaned_data["partners"]))
        messages.success(request, _("The action is saved."))
        return redirect("plans:goal", request.organisation.code, plan.pk, goal.pk)
    return render(
        request, "plans/action_form.html", _context(request, plan=plan, goal=goal, action=action, form=form)
    )


@staff_view(ANALYST)
@require_POST
def action_status(request, org_code, plan_id, action_id):
    plan = _plan_or_404(request, plan_id)
    action = selectors.action_for(plan, action_id)
    if action is None:
        raise Http404
    status = request.POST.get("status", "")
    if status not in Action.Status.values:
        messages.error(request, _("Choose a status from the list."))
    else:
        action.status = status
        action.save(update_fields=["status", "updated_at"])
        messages.success(
            request,
            _("“%(action)s” is now: %(status)s.")
            % {"action": action.title, "status": action.get_status_display()},
        )
    return redirect("plans:board", request.organisation.code, plan.pk)


def _actions(plan):
    today = timezone.localdate()
    actions = Action.objects.filter(goal__plan=plan).select_related("goal").prefetch_related("partners")
    return [(a, selectors.is_overdue(a, today)) for a in actions]


@staff_view(VIEWER)
@require_GET
def board(request, org_code, plan_id):
    plan = _plan_or_404(request, plan_id)
    actions = _actions(plan)
    columns = [
        (value, label, [(a, overdue) for a, overdue in actions if a.status == value])
        for value, label in Action.Status.choices
    ]
    return render(
        request,
        "plans/board.html",
        _context(
            request,
            plan=plan,
            columns=columns,
            statuses=Action.Status.choices,
            overdue=sum(o for _a, o in actions),
        ),
    )


@staff_view(VIEWER)
@require_GET
def timeline(request, org_code, plan_id):
    plan = _plan_or_404(request, plan_id)
    actions = [a for a, _overdue in _actions(plan)]
    bars, ticks = selectors.timeline(actions, plan.starts, plan.ends)
    height = 28 * len(bars) + 24
    rows = [(bar.action, bar.overdue) for bar in bars]
    return render(
        request,
        "plans/timeline.html",
        _context(request, plan=plan, bars=bars, ticks=ticks, height=height, rows=rows),
    )
