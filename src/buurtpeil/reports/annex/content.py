"""What the annex of a safety plan says, in the active language: a title page; a summary with the
plan in figures and its goals; the adopted Tafel van 12 factors per area with their reasons; per
goal its SMART elements (baseline with its 95% interval and poll), its progress, its evaluation
when there is one, and its actions (``annex.goals``); every action per partner; and a short
method note.

Every figure comes from the goal's stored baseline or from ``plans.selectors``, which read the
stored poll results: a suppressed figure was never stored, so none can be shown here."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.utils import timezone
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from buurtpeil.organisations.selectors import organisation_main_colour
from buurtpeil.plans import selectors as plans
from buurtpeil.polls.indicators import indicator_label
from buurtpeil.reports.annex.analyses import analyses_chapter, plan_area_ids, priority_sources
from buurtpeil.reports.annex.goals import (
    GoalFacts,
    day,
    euro,
    factor_text,
    goals_chapter,
    period,
    status_text,
    target_text,
)
from buurtpeil.reports.council.build import house_logo
from buurtpeil.reports.council.document import Bullets, Document, Heading, Paragraph, Table, TitlePage
from buurtpeil.reports.council.sections import names


def annex_document(plan) -> Document:
    """The annex of ``plan``, written in the active language."""
    language = get_language() or "nl"
    organisation = plan.organisation
    goals = _collect(plan)
    priorities = list(plan.priorities.select_related("area", "poll"))
    title = _("Annex: %(plan)s") % {"plan": plan.title}
    blocks = [
        _title_page(plan),
        *_summary(plan, priorities, goals, language),
        *analyses_chapter(plan, plan_area_ids(priorities, goals), language),
        *_priorities(priorities, language),
        *goals_chapter(goals, language),
        *_partners(goals),
        *_method(organisation),
    ]
    return Document(
        title=title,
        language=language,
        organisation=organisation.name,
        colour=organisation_main_colour(organisation),
        blocks=blocks,
    )


def _collect(plan) -> list[GoalFacts]:
    today = timezone.localdate()
    target = _("target")
    return [
        GoalFacts(
            number=k,
            goal=goal,
            progress=plans.goal_progress(goal, target_label=target),
            evaluation=plans.goal_evaluation(goal),
            actions=[(action, plans.is_overdue(action, today)) for action in goal.actions.all()],
        )
        for k, goal in enumerate(plans.goals_of(plan).select_related("baseline_poll"), start=1)
    ]


def _title_page(plan) -> TitlePage:
    organisation = plan.organisation
    logo, logo_type = house_logo(organisation)
    words = {"start": day(plan.starts), "end": day(plan.ends)}
    if organisation.country == "BE":
        subtitle = _("Annex to the zonal safety plan: priorities, goals and actions, %(start)s to %(end)s")
    else:
        subtitle = _("Annex to the integral safety plan: priorities, goals and actions, %(start)s to %(end)s")
    return TitlePage(
        organisation=organisation.name,
        title=plan.title,
        subtitle=subtitle % words,
        made=_("Made on %(date)s with Buurtpeil") % {"date": day(timezone.localdate())},
        logo=logo,
        logo_type=logo_type,
    )


def _summary(plan, priorities, goals: list[GoalFacts], language: str) -> list:
    actions = [pair for facts in goals for pair in facts.actions]
    partners = {partner.pk for action, _o in actions for partner in action.partners.all()}
    budgets = [action.budget for action, _o in actions if action.budget is not None]
    lead = _(
        "This annex to “%(plan)s” (%(start)s to %(end)s) sets out the Tafel van 12 factors "
        "%(organisation)s works on in each area, the SMART goals with their baseline and target, "
        "and the actions that should reach them, with the partners who carry them."
    ) % {
        "plan": plan.title,
        "start": day(plan.starts),
        "end": day(plan.ends),
        "organisation": plan.organisation.name,
    }
    figures = [
        [_("Areas with priorities"), str(len({p.area_id for p in priorities}))],
        [_("Priority factors"), str(len(priorities))],
        [_("Goals"), str(len(goals))],
        [_("Actions"), str(len(actions))],
        [_("Actions overdue"), str(sum(overdue for _a, overdue in actions))],
        [_("Partners"), str(len(partners))],
        [_("Budget of the actions"), euro(sum(budgets)) if budgets else "\u2013"],
    ]
    blocks: list = [
        Heading(_("Summary")),
        Paragraph(lead),
        Table(_("The plan in figures"), [_("Item"), _("Count")], figures, numeric=[False, True]),
    ]
    if goals:
        rows = [
            [
                facts.label,
                names([area.name for area in facts.goal.areas.all()]),
                indicator_label(facts.goal.indicator, language),
                target_text(facts.goal),
                day(facts.goal.deadline),
                facts.goal.owner,
            ]
            for facts in goals
        ]
        header = [_("Goal"), _("Areas"), _("Indicator"), _("Target"), _("Deadline"), _("Owner")]
        blocks.append(Table(_("The goals of the plan"), header, rows, small=True))
    return blocks


def _priorities(priorities, language: str) -> list:
    blocks: list = [Heading(_("Priorities per area"))]
    if not priorities:
        return [*blocks, Paragraph(_("No priorities have been adopted in this plan yet."))]
    blocks.append(
        Paragraph(
            _(
                "The Tafel van 12 factors adopted per area, at most five, with the reasons given when "
                "they were adopted and the poll whose results they were chosen from."
            )
        )
    )
    sources = priority_sources(priorities)
    by_area: dict[Any, list] = defaultdict(list)
    for priority in priorities:
        by_area[priority.area].append(priority)
    for area, rows in sorted(by_area.items(), key=lambda item: item[0].name):
        blocks += [
            Heading(area.name, 2),
            Table(
                _("Priority factors in %(area)s") % {"area": area.name},
                [_("Factor"), _("Reasons"), _("From poll or analysis")],
                [
                    [
                        factor_text(p.factor, language),
                        p.reasons,
                        sources.get(p.pk) or (p.poll.title if p.poll else "\u2013"),
                    ]
                    for p in rows
                ],
            ),
        ]
    return blocks


def _partners(goals: list[GoalFacts]) -> list:
    """Every action under the partners who carry it (an action of two partners under both)."""
    blocks: list = [Heading(_("Who does what"))]
    carried: dict[Any, list] = defaultdict(list)
    for facts in goals:
        for action, overdue in facts.actions:
            for partner in action.partners.all() or [None]:
                carried[partner].append((action, overdue, facts))
    if not carried:
        return [*blocks, Paragraph(_("No actions yet."))]
    blocks.append(Paragraph(_("Every action of the plan under the partners who carry it, with its goal.")))
    rows = []
    order = sorted(carried, key=lambda partner: (partner is None, partner.name if partner else ""))
    for partner in order:
        who = f"{partner.name} ({partner.get_sector_display()})" if partner else _("No partner named")
        for action, overdue, facts in sorted(carried[partner], key=lambda row: (row[0].starts, row[0].pk)):
            rows.append(
                [
                    who,
                    action.title,
                    facts.label,
                    period(action.starts, action.ends),
                    status_text(action, overdue),
                ]
            )
    header = [_("Partner"), pgettext("safety plan", "Action"), _("Goal"), _("Period"), _("Status")]
    blocks.append(Table(_("All actions per partner"), header, rows, small=True))
    return blocks


def _method(organisation) -> list:
    return [
        Heading(_("Method")),
        Paragraph(
            _(
                "Priorities are Tafel van 12 factors adopted for a wijk or buurt from its profile in the "
                "results of a Buurtpeil poll, with the reasons staff gave when adopting them."
            )
        ),
        Paragraph(
            _(
                "A goal's baseline is not typed in: it is the latest estimate of the goal's indicator in "
                "each of its areas in the stored results of the poll named, weighted to the population, "
                "with its 95% interval (the range that holds the true value with a confidence of 95%) "
                "and the number of respondents (n). The target is on the same scale."
            )
        ),
        Paragraph(
            _(
                "Progress compares the latest poll that measured the indicator in an area with the "
                "baseline; a change is called significant when the 95% interval of the change does not "
                "include zero. The evaluation, once an action has started and the indicator "
                "has been measured again, compares the change in the goal's areas with the change in "
                "comparable areas without actions (difference in differences)."
            )
        ),
        Bullets(
            [
                _(
                    "A figure based on fewer than %(minimum)s respondents is suppressed: it is never "
                    "shown, not in this annex either, and no goal can be measured by it."
                )
                % {"minimum": organisation.privacy_minimum},
                _(
                    "Baselines, progress and evaluations use only figures of an area's own "
                    "respondents, never model estimates for areas with too few of them."
                ),
                _("An action is overdue when its end date has passed while it is still planned or running."),
            ]
        ),
    ]
