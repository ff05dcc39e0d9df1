"""Reads of the practice library. The library is the one page that crosses organisations: it
lists every organisation's *published* practices. Drafts and withdrawn practices are read only
by their own organisation."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from buurtpeil.practices.models import Practice


def practices_published(*, factor: int | None = None, text: str = "") -> QuerySet[Practice]:
    """Published practices of every organisation, newest first, by factor and free text over
    title, problem and approach."""
    found = Practice.objects.filter(status=Practice.Status.PUBLISHED).select_related("organisation")
    if factor:
        found = found.filter(factor=factor)
    for word in text.split()[:8]:
        found = found.filter(
            Q(title__icontains=word) | Q(problem__icontains=word) | Q(approach__icontains=word)
        )
    return found


def practices_own(organisation) -> QuerySet[Practice]:
    return Practice.objects.filter(organisation=organisation).select_related("organisation")


def practice_visible(organisation, practice_id) -> Practice | None:
    """A practice ``organisation``'s staff may read: its own (any state) or a published one."""
    return (
        Practice.objects.filter(pk=practice_id)
        .filter(Q(organisation=organisation) | Q(status=Practice.Status.PUBLISHED))
        .select_related("organisation")
        .first()
    )


def practice_own(organisation, practice_id) -> Practice | None:
    return practices_own(organisation).filter(pk=practice_id).first()


def draft_for_action(organisation, action_id) -> Practice | None:
    return (
        practices_own(organisation).filter(source_action_id=action_id, status=Practice.Status.DRAFT).first()
    )


def action_prefill(action, language: str = "nl"):
    """The practice as ``action`` and its goal tell it (``texts.Prefill``), to edit before publishing."""
    from buurtpeil.practices.texts import prefill

    return prefill(action, language)
