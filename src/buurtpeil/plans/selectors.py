"""Reads of the safety plan: a goal's progress over the waves, its evaluation against comparable
areas, and the actions by status and in time. Every figure comes from the stored poll results."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from buurtpeil.analysis import AnalysisError, difference_in_differences, wave_change
from buurtpeil.areas.models import Area
from buurtpeil.insights.area_page import is_direct
from buurtpeil.insights.charts import trend_chart
from buurtpeil.insights.selectors import areas_waves, poll_results, result_parts
from buurtpeil.plans.models import Action, Goal, Plan
from buurtpeil.plans.services import value_text
from buurtpeil.polls.indicators import higher_is_better, indicator_is_share, indicator_label
from buurtpeil.polls.selectors import poll_for

OPEN_STATUSES = (Action.Status.PLANNED, Action.Status.RUNNING)
COMPARISON_AREAS = 10  # the comparison group: this many areas nearest to the baseline


def plans_for(organisation) -> QuerySet[Plan]:
    return Plan.objects.filter(organisation=organisation)


def plan_for(organisation, plan_id) -> Plan | None:
    return plans_for(organisation).filter(pk=plan_id).first()


def goals_for(organisation) -> QuerySet[Goal]:
    """Every goal of the organisation's plans, newest plan first."""
    return (
        Goal.objects.filter(plan__organisation=organisation)
        .select_related("plan")
        .order_by("-plan__starts", "deadline", "pk")
    )


def goal_of_organisation(organisation, goal_id) -> Goal | None:
    return goals_for(organisation).filter(pk=goal_id).first()


def goals_of(plan: Plan) -> QuerySet[Goal]:
    actions = Action.objects.prefetch_related("partners")
    return plan.goals.prefetch_related("areas", Prefetch("actions", queryset=actions))


def goal_for(plan: Plan, goal_id) -> Goal | None:
    return goals_of(plan).filter(pk=goal_id).first()


def action_for(plan: Plan, action_id) -> Action | None:
    return Action.objects.filter(goal__plan=plan, pk=action_id).select_related("goal").first()


def actions_of_organisation(organisation) -> QuerySet[Action]:
    """Every action of the organisation's plans, with its goal, plan and partners."""
    return (
        Action.objects.filter(goal__plan__organisation=organisation)
        .select_related("goal__plan")
        .prefetch_related("partners")
        .order_by("goal__plan__title", "goal__title", "title", "pk")
    )


def action_of_organisation(organisation, action_id) -> Action | None:
    return actions_of_organisation(organisation).filter(pk=action_id).first()


def goals_of_organisation(organisation) -> QuerySet[Goal]:
    return (
        Goal.objects.filter(plan__organisation=organisation)
        .select_related("plan")
        .order_by("plan__title", "title", "pk")
    )


def is_overdue(action: Action, today: datetime.date | None = None) -> bool:
    return action.status in OPEN_STATUSES and action.ends < (today or timezone.localdate())


@dataclass
class AreaProgress:
    area: Area
    baseline: dict[str, Any]
    waves: list[tuple[str, dict[str, Any]]]  # (poll title, shown figure), oldest first
    latest: dict[str, Any] | None
    change: str  # "better" | "worse" | "none" (no significant change) | "" (no later poll)
    reached: bool
    chart: dict[str, Any] | None


def goal_progress(goal: Goal, *, target_label: str) -> list[AreaProgress]:
    """Per area of the goal: its indicator in every computed poll, the change from the baseline
    to the latest poll with its significance, and whether the target is reached."""
    column = f"i.{goal.indicator}"
    areas = list(goal.areas.all())
    waves = areas_waves(goal.plan.organisation, [a.code for a in areas])
    percent = indicator_is_share(goal.indicator)
    better = 1 if higher_is_better(goal.indicator) else -1
    progress = []
    for area in areas:
        series = [
            (poll_id, title, cells[area.code]["columns"][column])
            for poll_id, title, _created, cells in waves
            if is_direct(cells.get(area.code, {}).get("columns", {}).get(column))
        ]
        baseline = goal.baseline.get(area.code, {})
        latest = series[-1][2] if series and series[-1][0] != goal.baseline_poll_id else None
        change = ""
        if latest is not None and baseline:
            test = wave_change([baseline["e"]], [baseline["se"]], [latest["e"]], [latest["se"]])
            change = {better: "better", -better: "worse"}.get(int(test.direction[0]), "none")
        now = latest or baseline
        reached = bool(now) and (now["e"] - goal.target) * better >= 0
        rows = [
            {
                "wave": title,
                "value": f["e"],
                "low": f["l"],
                "high": f["h"],
                "text": value_text(f["e"], goal.indicator),
            }
            for _poll, title, f in series
        ]
        chart = None
        if rows:
            label = indicator_label(goal.indicator)
            chart = trend_chart(f"{label}: {area.name}", rows, axis_title=label, percent=percent)
            chart["layer"].append(
                {
                    "data": {"values": [{"target": goal.target, "label": target_label}]},
                    "mark": {"type": "rule", "strokeDash": [6, 4], "color": "#222222"},
                    "encoding": {"y": {"field": "target", "type": "quantitative"}},
                }
            )
        progress.append(
            AreaProgress(area, baseline, [(t, f) for _p, t, f in series], latest, change, reached, chart)
        )
    return progress


@dataclass
class Evaluation:
    effect: float
    low: float
    high: float
    p_value: float
    significant: bool
    treated_change: float
    comparison_change: float
    comparison_areas: list[str]
    n_treated: int
    baseline_poll: str
    latest_poll: str
    indicator: str

    def text(self, value: float) -> str:
        return value_text(value, self.indicator)


def goal_evaluation(goal: Goal) -> Evaluation | None:
    """Difference in differences: the change in the goal's areas (which have actions) from the
    baseline poll to the latest poll, against the change in the areas of the same level without
    any action whose baseline lies nearest. None when there is nothing to compare yet."""
    started = [a for a in goal.actions.all() if a.status != Action.Status.PLANNED]
    areas = list(goal.areas.all())
    levels = {a.level for a in areas}
    if not started or goal.baseline_poll_id is None or len(levels) != 1 or levels <= {"gemeente"}:
        return None
    organisation = goal.plan.organisation
    waves = [w for w in areas_waves(organisation, [a.code for a in areas]) if w[0] != goal.baseline_poll_id]
    later = [w for w in waves if w[2] > goal.baseline_poll.created_at]
    if not later:
        return None
    latest_id, latest_title = later[-1][0], later[-1][1]
    key = f"map:i.{goal.indicator}"
    documents = []
    for poll_id in (goal.baseline_poll_id, latest_id):
        poll = poll_for(organisation, poll_id)
        results = poll_results(poll) if poll else None
        documents.append(result_parts(results, [key]).get(key, {}) if results else {})
    before, after = documents
    with_actions = set(
        Goal.objects.filter(plan__organisation=organisation, actions__isnull=False).values_list(
            "areas__code", flat=True
        )
    )
    treated = {a.code for a in areas}
    level_codes = Area.objects.filter(organisation=organisation, level=levels.pop()).values_list(
        "code", "name"
    )
    usable = [
        (code, name)
        for code, name in level_codes
        if is_direct(before.get(code))
        and is_direct(after.get(code))
        and (code in treated or code not in with_actions)
    ]
    treated_rows = [(c, n) for c, n in usable if c in treated]
    if not treated_rows:
        return None
    centre = float(np.mean([before[c]["e"] for c, _n in treated_rows]))
    comparison = sorted(
        (r for r in usable if r[0] not in treated), key=lambda r: abs(before[r[0]]["e"] - centre)
    )
    rows = treated_rows + comparison[:COMPARISON_AREAS]
    try:
        did = difference_in_differences(
            [before[c]["e"] for c, _n in rows],
            [before[c]["se"] for c, _n in rows],
            [after[c]["e"] for c, _n in rows],
            [after[c]["se"] for c, _n in rows],
            [c in treated for c, _n in rows],
        )
    except AnalysisError:
        return None
    effect = did.effect
    return Evaluation(
        effect=float(effect.difference[0]),
        low=float(effect.ci_low[0]),
        high=float(effect.ci_high[0]),
        p_value=float(effect.p_value[0]),
        significant=bool(effect.significant[0]),
        treated_change=did.treated_change,
        comparison_change=did.comparison_change,
        comparison_areas=sorted(n for _c, n in comparison[:COMPARISON_AREAS]),
        n_treated=did.n_treated,
        baseline_poll=goal.baseline_poll.title,
        latest_poll=latest_title,
        indicator=goal.indicator,
    )


@dataclass
class TimelineBar:
    action: Action
    overdue: bool
    x: float
    width: float
    y: int


def timeline(
    actions: list[Action], starts: datetime.date, ends: datetime.date, *, width: int = 600
) -> tuple[list[TimelineBar], list[tuple[float, str]]]:
    """Bars of the actions between ``starts`` and ``ends`` (an SVG of ``width``), and the year
    ticks (x, year)."""
    first = min([starts, *(a.starts for a in actions)])
    last = max([ends, *(a.ends for a in actions)])
    days = max((last - first).days, 1)

    def x(day: datetime.date) -> float:
        return round((day - first).days / days * width, 1)

    today = timezone.localdate()
    bars = [
        TimelineBar(a, is_overdue(a, today), x(a.starts), max(x(a.ends) - x(a.starts), 3.0), 28 * i)
        for i, a in enumerate(sorted(actions, key=lambda a: (a.starts, a.pk)))
    ]
    ticks = [
        (x(datetime.date(year, 1, 1)), str(year))
        for year in range(first.year + (first > datetime.date(first.year, 1, 1)), last.year + 1)
    ]
    return bars, ticks
