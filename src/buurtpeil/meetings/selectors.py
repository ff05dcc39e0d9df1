"""Reads of meetings. Other apps (feedback) read held meetings and their agreements here:
never registrations or personal data."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from buurtpeil.areas.models import Area
from buurtpeil.core.tokens import link_token_digest
from buurtpeil.meetings.models import Agreement, Invitation, Meeting, Question, Registration
from buurtpeil.openanswers.themes import theme_label


def meetings_for(organisation) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(organisation=organisation)
        .select_related("area")
        .annotate(registered=Count("registrations", distinct=True))
    )


def meeting_for(organisation, meeting_id) -> Meeting | None:
    return meetings_for(organisation).filter(pk=meeting_id).first()


def agreement_for(meeting: Meeting, agreement_id) -> Agreement | None:
    return meeting.agreements.filter(pk=agreement_id).first()


def invitation_by_token(organisation, token: str) -> Invitation | None:
    return (
        Invitation.objects.filter(meeting__organisation=organisation, token_digest=link_token_digest(token))
        .select_related("meeting")
        .first()
    )


def registration_count(meeting: Meeting) -> int:
    return Registration.objects.filter(meeting=meeting).count()


def is_registered(meeting: Meeting, member_key) -> bool:
    return member_key is not None and meeting.registrations.filter(member_key=member_key).exists()


def invitation_counts(meeting: Meeting) -> dict[str, int]:
    """Invitations sent per channel."""
    return dict(Counter(meeting.invitations.values_list("channel", flat=True)))


@dataclass(frozen=True)
class ThemeGroup:
    theme: str
    label: str
    questions: list[Question]

    @property
    def count(self) -> int:
        return len(self.questions)


def questions_by_theme(meeting: Meeting) -> list[ThemeGroup]:
    """The questions asked in advance grouped by theme, the largest theme first."""
    groups: dict[str, list[Question]] = {}
    for question in meeting.questions.all():
        groups.setdefault(question.theme or "other", []).append(question)
    ordered = sorted(groups.items(), key=lambda item: (-len(item[1]), theme_label(item[0])))
    return [ThemeGroup(theme=code, label=theme_label(code), questions=rows) for code, rows in ordered]


def _in_area(area) -> Q:
    """Meetings in ``area``, in the wijk it lies in, or in a buurt of it (for a wijk)."""
    return Q(area=area) | Q(area_id=area.parent_id) | Q(area__parent=area)


def upcoming(organisation, *, area=None) -> QuerySet[Meeting]:
    meetings = meetings_for(organisation).filter(status=Meeting.Status.PLANNED, ends_at__gte=timezone.now())
    if area is not None:
        meetings = meetings.filter(_in_area(area))
    return meetings.order_by("starts_at")


def held_with_agreements(organisation, *, area=None) -> QuerySet[Meeting]:
    """Held meetings with their agreements (and the action each became), newest first."""
    meetings = Meeting.objects.filter(organisation=organisation, status=Meeting.Status.HELD)
    if area is not None:
        meetings = meetings.filter(_in_area(area))
    return (
        meetings.select_related("area")
        .prefetch_related(Prefetch("agreements", queryset=Agreement.objects.select_related("action")))
        .order_by("-starts_at")
    )


def area_meetings(organisation, area_code: str) -> tuple[list[Meeting], list[Meeting]] | None:
    """(upcoming, held) meetings of the area with this code, or None for an unknown code."""
    area = Area.objects.filter(organisation=organisation, code=area_code).first()
    if area is None:
        return None
    return list(upcoming(organisation, area=area)), list(held_with_agreements(organisation, area=area))
