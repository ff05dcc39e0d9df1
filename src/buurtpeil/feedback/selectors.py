"""Reads of feedback to residents: a poll's feedback, the published ones, the key figures a
feedback page shows, the goals and actions staff can link, and a resident's answered polls."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, QuerySet

from buurtpeil.distribution.selectors import polls_answered
from buurtpeil.feedback.models import Feedback
from buurtpeil.insights.selectors import poll_results, result_parts
from buurtpeil.plans.models import Action, Goal
from buurtpeil.polls.definition import text
from buurtpeil.polls.indicators import INDICATORS, indicator_is_share, indicator_label
from buurtpeil.polls.selectors import polls_for

__all__ = [
    "AnsweredPoll",
    "FeedbackTexts",
    "KeyFigure",
    "answered_polls",
    "feedback_for",
    "feedback_languages",
    "feedback_texts",
    "key_figures",
    "plan_actions",
    "plan_goals",
    "polls_with_feedback",
    "published_feedback",
    "published_feedback_for",
]

# The headline indicators of a safety poll, shown when the poll measured them (after the
# indicators of the linked goals), at most ``FIGURES_MAX`` in all.
HEADLINE = ("buurt_unsafe", "unsafe_ever", "mark_safety", "mark_liveability")
FIGURES_MAX = 4
PUBLISHABLE = ("closed", "published")  # poll states in which feedback can be published


def feedback_languages(poll) -> list[str]:
    """The languages feedback on ``poll`` is written in: the poll's languages that Buurtpeil
    offers, the first (required) one first; the organisation's language for a poll without."""
    offered = {code for code, _name in settings.LANGUAGES}
    languages = [code for code in (poll.definition or {}).get("languages", ()) if code in offered]
    return languages or [poll.organisation.default_language]


def feedback_for(poll) -> Feedback | None:
    return Feedback.objects.filter(poll=poll).prefetch_related("goals", "actions").first()


def polls_with_feedback(organisation) -> QuerySet:
    """The organisation's polls that were sent (not drafts), with their feedback if any."""
    return polls_for(organisation).exclude(status="draft").select_related("feedback").order_by("-created_at")


def _with_plan(queryset: QuerySet[Feedback]) -> QuerySet[Feedback]:
    return queryset.select_related("poll").prefetch_related(
        Prefetch("goals", queryset=Goal.objects.order_by("deadline", "pk")),
        Prefetch("actions", queryset=Action.objects.prefetch_related("partners").order_by("starts", "pk")),
    )


def published_feedback(organisation) -> QuerySet[Feedback]:
    """Published feedback of the organisation, newest first."""
    return (
        Feedback.objects.filter(organisation=organisation, published_at__isnull=False)
        .select_related("poll")
        .order_by("-published_at", "-pk")
    )


def published_feedback_for(organisation, poll_id) -> Feedback | None:
    """The published feedback on one poll of the organisation, with its goals and actions."""
    found = Feedback.objects.filter(organisation=organisation, poll_id=poll_id, published_at__isnull=False)
    return _with_plan(found).first()


def plan_goals(organisation) -> QuerySet[Goal]:
    """Goals of the organisation's plans, for staff to link."""
    return (
        Goal.objects.filter(plan__organisation=organisation)
        .select_related("plan")
        .order_by("plan__title", "deadline", "pk")
    )


def plan_actions(organisation) -> QuerySet[Action]:
    """Actions towards the organisation's goals, for staff to link."""
    return (
        Action.objects.filter(goal__plan__organisation=organisation)
        .select_related("goal")
        .order_by("goal__title", "starts", "pk")
    )


@dataclass(frozen=True)
class FeedbackTexts:
    title: str
    said: str
    done: str


def feedback_texts(feedback: Feedback, language: str) -> FeedbackTexts:
    """The texts in ``language``, else in the poll's first language that has them."""
    languages = feedback_languages(feedback.poll)
    return FeedbackTexts(
        title=text(feedback.title, language, languages) or feedback.poll.title,
        said=text(feedback.said, language, languages),
        done=text(feedback.done, language, languages),
    )


@dataclass(frozen=True)
class KeyFigure:
    code: str
    label: str
    value: float  # a share as a fraction, or a mean or mark
    percent: bool
    n: int

    @property
    def percentage(self) -> float:
        return self.value * 100


def figure_codes(measured: Sequence[str], goal_indicators: Sequence[str]) -> list[str]:
    """Which indicators a feedback page shows: those of the linked goals, then the headline
    ones, if the poll measured them and they are numbers; at most ``FIGURES_MAX``."""
    chosen: list[str] = []
    for code in (*goal_indicators, *HEADLINE):
        if code in measured and INDICATORS.get(code, {}).get("kind") != "open" and code not in chosen:
            chosen.append(code)
    return chosen[:FIGURES_MAX]


def shown_figures(cell: Mapping[str, Any], codes: Sequence[str], language: str) -> list[KeyFigure]:
    """The figures of ``cell`` for ``codes`` whose status is "shown": never a suppressed one
    (stored without a number anyway) nor an indicative one."""
    figures = []
    columns = cell.get("columns", {})
    for code in codes:
        figure = columns.get(f"i.{code}", {})
        if figure.get("s") == "shown" and figure.get("e") is not None:
            figures.append(
                KeyFigure(
                    code, indicator_label(code, language), figure["e"], indicator_is_share(code), figure["n"]
                )
            )
    return figures


def key_figures(feedback: Feedback, language: str) -> list[KeyFigure]:
    """A few municipality-wide figures from the poll's computed results (none while they are
    not computed). Two queries."""
    results = poll_results(feedback.poll)
    if results is None or results.status != "ready":
        return []
    summary = results.summary
    top = next(
        (code for code, _name, level, _parent in summary.get("areas", ()) if level == "gemeente"), None
    )
    if top is None:
        return []
    key = f"cell:{top}::"
    cell = result_parts(results, [key]).get(key, {})
    goals = [goal.indicator for goal in feedback.goals.all()]
    return shown_figures(cell, figure_codes(summary.get("indicators", ()), goals), language)


@dataclass(frozen=True)
class AnsweredPoll:
    poll: Any
    answered_at: datetime
    feedback: Feedback | None  # published feedback only
    texts: FeedbackTexts | None


def answered_polls(organisation, member, language: str) -> list[AnsweredPoll]:
    """The polls the member answered, latest first, each with its published feedback. Whether
    and when come from the invitations, never from the answers. Two queries."""
    answered = polls_answered(organisation, member.key)
    if not answered:
        return []
    polls = polls_for(organisation).filter(pk__in=list(answered)).select_related("feedback", "organisation")
    rows = []
    for poll in polls:
        feedback = getattr(poll, "feedback", None)
        if feedback is not None and feedback.published_at is None:
            feedback = None
        texts = feedback_texts(feedback, language) if feedback else None
        rows.append(AnsweredPoll(poll, answered[poll.pk], feedback, texts))
    return sorted(rows, key=lambda row: row.answered_at, reverse=True)
