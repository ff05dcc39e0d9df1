"""Writing the safety plan: adopting priorities, SMART goals with their baseline, and actions.

A goal's baseline is not typed in: it is the latest computed estimate of its indicator in each
of its areas, taken from the stored poll results (so from the analysis engine), and saved with
the goal. A goal that cannot be measured, has no deadline or aims the wrong way is refused; a
target inside the baseline's margin of error is allowed only once staff confirm they know the
change may not be detectable.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from buurtpeil.areas.models import Area
from buurtpeil.insights.area_page import is_direct
from buurtpeil.insights.figures import printed
from buurtpeil.insights.selectors import areas_waves
from buurtpeil.plans.models import Action, Goal, Plan, Priority
from buurtpeil.polls.indicators import INDICATORS, higher_is_better, indicator_is_share, indicator_label

MAX_PRIORITIES = 5  # per area and plan: the Tafel van 12 advises working on 3 to 5 factors
Z95 = 1.959963984540054


class PlanRefused(ValueError):
    """A plan change that cannot be made; the message says why, in the user's language."""


def indicators_of(factor: int | None) -> list[str]:
    """The indicators (no free text) of a Tafel van 12 factor, or of the overall feeling of
    safety for None. A goal on a factor is measured by one of its own or by the feeling of safety."""
    return [
        code for code, entry in INDICATORS.items() if entry["kind"] != "open" and entry["factor"] == factor
    ]


def value_text(value: float | None, indicator: str) -> str:
    return printed(value, indicator_is_share(indicator))


@transaction.atomic
def priorities_adopt(
    *, plan: Plan, area: Area, reasons: dict[int, str], poll=None, actor=None
) -> list[Priority]:
    """Adopt the factors in ``reasons`` ({factor: why}) for ``area``; at most five per area."""
    existing = set(plan.priorities.filter(area=area).values_list("factor", flat=True))
    new = {factor: text.strip() for factor, text in reasons.items() if factor not in existing}
    if not new:
        raise PlanRefused(_("Choose at least one factor that is not yet a priority here."))
    if len(existing) + len(new) > MAX_PRIORITIES:
        raise PlanRefused(
            _("An area has at most %(max)d priority factors; %(area)s already has %(count)d.")
            % {"max": MAX_PRIORITIES, "area": area.name, "count": len(existing)}
        )
    if any(not text for text in new.values()):
        raise PlanRefused(_("Give the reason for each factor you adopt."))
    adopted = [
        Priority.objects.create(
            plan=plan, area=area, factor=factor, reasons=text, poll=poll, adopted_by=actor
        )
        for factor, text in sorted(new.items())
    ]
    return adopted


@dataclass
class Baseline:
    poll_id: int | None
    poll_title: str
    figures: dict[str, dict[str, Any]]  # area code: {e, l, h, se, n}
    missing: list[str] = field(default_factory=list)  # area names without an estimate


def goal_baseline(organisation, indicator: str, areas: list[Area]) -> Baseline:
    """The latest poll in which every area has a shown estimate of ``indicator``."""
    codes = {area.code: area.name for area in areas}
    column = f"i.{indicator}"
    waves = areas_waves(organisation, list(codes))
    for poll_id, title, _created, cells in reversed(waves):
        figures = {code: cells.get(code, {}).get("columns", {}).get(column) for code in codes}
        if all(is_direct(f) for f in figures.values()):
            return Baseline(
                poll_id,
                title,
                {
                    code: {k: f[k] for k in ("e", "l", "h", "se", "n") if k in f}
                    for code, f in figures.items()
                },
            )
    measured: set[str] = set()
    for _poll, _title, _created, cells in waves:
        measured |= {code for code in codes if is_direct(cells.get(code, {}).get("columns", {}).get(column))}
    return Baseline(None, "", {}, sorted(name for code, name in codes.items() if code not in measured))


@dataclass
class GoalCheck:
    baseline: Baseline
    errors: list[str]
    warnings: list[str]


def goal_check(
    *,
    organisation,
    factor: int | None,
    indicator: str,
    areas: list[Area],
    target: float | None,
    deadline: datetime.date | None,
    today: datetime.date | None = None,
) -> GoalCheck:
    """Is this goal SMART? Errors refuse it; warnings (the target cannot be told apart from the
    baseline with the poll's precision) need the staff member's confirmation."""
    today = today or timezone.localdate()
    errors, warnings = [], []
    label = indicator_label(indicator)
    baseline = goal_baseline(organisation, indicator, areas) if areas and indicator in INDICATORS else None
    if indicator not in INDICATORS:
        errors.append(_("Choose the indicator that measures this goal."))
    elif indicator not in indicators_of(factor) + indicators_of(None):
        errors.append(
            _(
                "This indicator does not measure the chosen factor; choose one of its own or the "
                "feeling of safety."
            )
        )
    if not areas:
        errors.append(_("Choose the area or areas the goal is for."))
    if baseline is not None and baseline.poll_id is None:
        errors.append(
            _(
                "Not measurable: no computed poll has a figure for “%(indicator)s” in %(areas)s. "
                "Ask it in a poll first, or choose another indicator or a larger area."
            )
            % {"indicator": label, "areas": ", ".join(baseline.missing)}
        )
    if target is None:
        errors.append(_("Give the target value."))
    if deadline is None:
        errors.append(_("Give the deadline by which the target should be reached."))
    elif deadline <= today:
        errors.append(_("The deadline must lie in the future."))
    if errors or baseline is None or target is None:
        return GoalCheck(baseline or Baseline(None, "", {}), errors, warnings)
    better = higher_is_better(indicator)
    names = {area.code: area.name for area in areas}
    for code, figure in baseline.figures.items():
        step = target - figure["e"]
        if (step <= 0) if better else (step >= 0):
            errors.append(
                _(
                    "The target is no improvement on the baseline in %(area)s (%(baseline)s): for this "
                    "indicator %(way)s is better."
                )
                % {
                    "area": names[code],
                    "baseline": value_text(figure["e"], indicator),
                    "way": _("higher") if better else _("lower"),
                }
            )
        elif figure["l"] <= target <= figure["h"]:
            detectable = Z95 * math.sqrt(2) * figure["se"]
            warnings.append(
                _(
                    "Probably not detectable in %(area)s: the target lies within the baseline's margin of "
                    "error (%(low)s to %(high)s). With a poll as precise as the last one, a change of "
                    "about %(needed)s is needed to be significant."
                )
                % {
                    "area": names[code],
                    "low": value_text(figure["l"], indicator),
                    "high": value_text(figure["h"], indicator),
                    "needed": value_text(detectable, indicator),
                }
            )
    return GoalCheck(baseline, errors, warnings)


@transaction.atomic
def goal_create(
    *,
    plan: Plan,
    title: str,
    factor: int,
    indicator: str,
    areas: list[Area],
    target: float,
    deadline: datetime.date,
    owner: str,
    confirm_undetectable: bool = False,
    actor=None,
) -> Goal:
    check = goal_check(
        organisation=plan.organisation,
        factor=factor,
        indicator=indicator,
        areas=areas,
        target=target,
        deadline=deadline,
    )
    if check.errors:
        raise PlanRefused(" ".join(check.errors))
    if check.warnings and not confirm_undetectable:
        raise PlanRefused(" ".join(check.warnings))
    goal = Goal.objects.create(
        plan=plan,
        title=title,
        factor=factor,
        indicator=indicator,
        baseline_poll_id=check.baseline.poll_id,
        baseline=check.baseline.figures,
        target=target,
        deadline=deadline,
        owner=owner,
        created_by=actor,
    )
    goal.areas.set(areas)
    return goal


def action_save(*, action: Action, partners) -> Action:
    """Save an action (new or changed) with its partners, all of the goal's organisation."""
    organisation = action.goal.plan.organisation
    if any(partner.organisation_id != organisation.pk for partner in partners):
        raise PlanRefused(_("Choose partners of your own organisation."))
    if action.ends < action.starts:
        raise PlanRefused(_("The end date cannot be before the start date."))
    with transaction.atomic():
        action.save()
        action.partners.set(partners)
    return action


@transaction.atomic
def action_create(*, goal: Goal, title: str, ends: datetime.date | None = None, notes: str = "") -> Action:
    """A planned action under ``goal``, without partners, from today until ``ends``; when that is
    not given or has passed, until the goal's deadline, or a year when that has passed too. For
    an agreement made in a meeting with residents, or a practice of another municipality."""
    today = timezone.localdate()
    if ends is None or ends < today:
        ends = goal.deadline if goal.deadline >= today else today + datetime.timedelta(days=365)
    return Action.objects.create(goal=goal, title=title[:300], starts=today, ends=ends, notes=notes)
