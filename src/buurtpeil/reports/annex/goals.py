"""The annex's chapter on goals, one section per goal: its SMART elements (the baseline with its
95% interval and poll), its progress since the baseline, its evaluation when there is one (with
its caution), and its actions; and the wording the other chapters share with it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext, pgettext

from buurtpeil.plans import selectors as plans
from buurtpeil.polls.indicators import factor_label, higher_is_better, indicator_is_share, indicator_label
from buurtpeil.reports.council.document import Heading, Paragraph, Table
from buurtpeil.reports.council.sections import names
from buurtpeil.reports.council.texts import interval, number


@dataclass
class GoalFacts:
    number: int  # 1, 2, ... in the order of the plan (by deadline)
    goal: Any
    progress: list[plans.AreaProgress]
    evaluation: plans.Evaluation | None
    actions: list[tuple[Any, bool]]  # (action, overdue)

    @property
    def label(self) -> str:
        return _("Goal %(number)s: %(title)s") % {"number": self.number, "title": self.goal.title}


def day(value) -> str:
    return date_format(value, "j F Y")


def period(starts, ends) -> str:
    return f"{date_format(starts, 'j M Y')} \u2013 {date_format(ends, 'j M Y')}"


def factor_text(factor: int, language: str) -> str:
    return f"{factor}. {factor_label(factor, language)}"


def euro(amount) -> str:
    return "\u20ac " + number_format(amount, decimal_pos=0, force_grouping=True)


def status_text(action, overdue: bool) -> str:
    status = str(action.get_status_display())
    return f"{status} ({_('overdue')})" if overdue else status


def target_text(goal) -> str:
    value = number(goal.target, indicator_is_share(goal.indicator))
    if higher_is_better(goal.indicator):
        return _("%(value)s or higher") % {"value": value}
    return _("%(value)s or lower") % {"value": value}


def goals_chapter(goals: list[GoalFacts], language: str) -> list:
    blocks: list = [Heading(_("Goals and actions"))]
    if not goals:
        return [*blocks, Paragraph(_("No goals have been set in this plan yet."))]
    for facts in goals:
        blocks += [
            Heading(facts.label, 2),
            _smart(facts, language),
            *_progress(facts),
            *_evaluation(facts),
            Heading(_("Actions"), 3),
            *_actions(facts),
        ]
    return blocks


def _baseline(goal) -> str:
    percent = indicator_is_share(goal.indicator)
    areas = list(goal.areas.all())
    parts = []
    for area in areas:
        figure = goal.baseline.get(area.code)
        if not figure:
            continue
        text = interval(figure, percent)
        if figure.get("n") is not None:
            text += f", n = {figure['n']}"
        parts.append(f"{area.name}: {text}" if len(areas) > 1 else text)
    if not parts:
        return "\u2013"
    figures = "; ".join(parts)
    if goal.baseline_poll is None:  # the poll has since been deleted
        return _("%(figures)s (95%% interval)") % {"figures": figures}
    return _("%(figures)s (95%% interval), measured in “%(poll)s”") % {
        "figures": figures,
        "poll": goal.baseline_poll.title,
    }


def _smart(facts: GoalFacts, language: str) -> Table:
    goal = facts.goal
    rows = [
        [_("Areas"), names([area.name for area in goal.areas.all()])],
        [_("Tafel van 12 factor"), factor_text(goal.factor, language)],
        [_("Indicator"), indicator_label(goal.indicator, language)],
        [_("Baseline"), _baseline(goal)],
        [_("Target"), target_text(goal)],
        [_("Deadline"), day(goal.deadline)],
        [_("Owner"), goal.owner],
    ]
    return Table(
        _("SMART elements of goal %(number)s") % {"number": facts.number},
        [_("Element"), _("Value")],
        rows,
    )


CHANGE = {
    "better": gettext_noop("Significantly better than the baseline."),
    "worse": gettext_noop("Significantly worse than the baseline."),
    "none": gettext_noop("No significant change since the baseline."),
    "": gettext_noop("Not measured again since the baseline."),
}


def _progress(facts: GoalFacts) -> list:
    if not facts.progress:
        return []
    percent = indicator_is_share(facts.goal.indicator)
    rows = []
    for p in facts.progress:
        latest = "\u2013"
        if p.latest is not None:
            latest = _("%(value)s in “%(poll)s”") % {
                "value": interval(p.latest, percent),
                "poll": p.waves[-1][0],
            }
        reached = _("The target is reached.") if p.reached else _("The target is not reached yet.")
        rows.append([p.area.name, latest, _(CHANGE[p.change]), reached])
    return [
        Table(
            _("Progress of goal %(number)s: the latest measurement against the baseline")
            % {"number": facts.number},
            [_("Area"), _("Latest measurement (95% interval)"), _("Change since the baseline"), _("Target")],
            rows,
        )
    ]


def _evaluation(facts: GoalFacts) -> list:
    found = facts.evaluation
    if found is None:
        return []
    percent = indicator_is_share(facts.goal.indicator)
    count = len(found.comparison_areas)
    changed = ngettext(
        "From “%(before)s” to “%(after)s” the indicator changed by %(treated)s in the area with "
        "actions, and by %(comparison)s on average in %(counter)s comparable area without actions.",
        "From “%(before)s” to “%(after)s” the indicator changed by %(treated)s in the areas with "
        "actions, and by %(comparison)s on average in %(counter)s comparable areas without actions.",
        count,
    ) % {
        "before": found.baseline_poll,
        "after": found.latest_poll,
        "treated": number(found.treated_change, percent),
        "comparison": number(found.comparison_change, percent),
        "counter": count,
    }
    effect = _("Difference in differences: %(effect)s (95%% interval %(low)s to %(high)s).") % {
        "effect": number(found.effect, percent),
        "low": number(found.low, percent),
        "high": number(found.high, percent),
    }
    significance = (
        _("The difference is significant.")
        if found.significant
        else _("The difference is not significant: it may be chance.")
    )
    compared = _(
        "Compared with: %(areas)s (the areas of the same level without actions whose baseline was closest)."
    ) % {"areas": ", ".join(found.comparison_areas)}
    caution = _(
        "Read with care: the areas with actions were not chosen at random. Other things that differ "
        "between the areas, such as new housing, a closed shop or a single incident, can explain a "
        "difference as well as the actions can. The estimate assumes that without the actions the "
        "areas would have changed alike."
    )
    return [
        Heading(_("Evaluation"), 3),
        Paragraph(f"{changed} {effect} {significance}"),
        Paragraph(compared),
        Paragraph(caution, "caution"),
    ]


def _partner_names(action) -> str:
    return ", ".join(partner.name for partner in action.partners.all()) or "\u2013"


def _actions(facts: GoalFacts) -> list:
    if not facts.actions:
        return [Paragraph(_("No actions yet."))]
    rows = [
        [
            action.title,
            _partner_names(action),
            period(action.starts, action.ends),
            status_text(action, overdue),
            euro(action.budget) if action.budget is not None else "\u2013",
        ]
        for action, overdue in facts.actions
    ]
    return [
        Table(
            _("Actions for goal %(number)s") % {"number": facts.number},
            [pgettext("safety plan", "Action"), _("Partners"), _("Period"), _("Status"), _("Budget")],
            rows,
            numeric=[False, False, False, False, True],
        )
    ]
