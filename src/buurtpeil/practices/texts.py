"""What a practice says, prefilled from an action of the safety plan, and the check that no
personal data goes into the shared library."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from buurtpeil.openanswers.privacy import mask_personal_data
from buurtpeil.plans.selectors import goal_evaluation
from buurtpeil.polls.indicators import indicator_label

TEXT_FIELDS = ("title", "problem", "approach", "partners", "effect", "caution")


def masked(text: str) -> str:
    """``text`` with e-mail addresses, phone numbers, postcodes, addresses and names replaced
    by placeholders (the same masking as residents' open answers)."""
    return mask_personal_data(text)


def holds_personal_data(text: str) -> bool:
    return masked(text) != text


@dataclass
class Prefill:
    title: str
    problem: str
    factor: int
    approach: str
    partners: str
    cost: Decimal | None
    effect: str
    caution: str


def prefill(action, language: str = "nl") -> Prefill:
    """The practice as the action and its goal tell it; staff edit it before publishing."""
    goal = action.goal
    evaluation = goal_evaluation(goal)
    if evaluation is not None:
        effect = _(
            "%(indicator)s: %(treated)s change in the areas with the action against %(comparison)s in "
            "comparable areas (%(baseline)s to %(latest)s); difference %(effect)s, 95%% interval "
            "%(low)s to %(high)s, %(significance)s."
        ) % {
            "indicator": indicator_label(goal.indicator, language),
            "treated": evaluation.text(evaluation.treated_change),
            "comparison": evaluation.text(evaluation.comparison_change),
            "baseline": evaluation.baseline_poll,
            "latest": evaluation.latest_poll,
            "effect": evaluation.text(evaluation.effect),
            "low": evaluation.text(evaluation.low),
            "high": evaluation.text(evaluation.high),
            "significance": _("significant") if evaluation.significant else _("not significant"),
        }
        caution = _(
            "Before/after measurement against comparable areas without the action, not a randomised "
            "experiment: other changes in the areas may explain part of the effect."
        )
    else:
        effect = ""
        caution = _("No measured effect yet: no later poll to compare with the baseline.")
    approach = action.title + (f"\n\n{action.notes}" if action.notes else "")
    return Prefill(
        title=action.title,
        problem=goal.title,
        factor=goal.factor,
        approach=approach,
        partners=", ".join(partner.name for partner in action.partners.all()),
        cost=action.budget,
        effect=effect,
        caution=caution,
    )
