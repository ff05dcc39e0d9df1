"""Writes of the practice library: a draft from an action, publishing, withdrawing, and copying
a published practice into one's own plan. Each is audited."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from buurtpeil.organisations.services import audit_record
from buurtpeil.plans.services import action_create
from buurtpeil.practices.models import Practice, PracticeCopy
from buurtpeil.practices.texts import TEXT_FIELDS, holds_personal_data


class PracticeRefused(ValueError):
    pass


def _refuse_personal_data(fields: dict) -> None:
    if any(holds_personal_data(str(fields.get(name) or "")) for name in TEXT_FIELDS):
        raise PracticeRefused(
            _(
                "A practice may hold no personal data (e-mail addresses, phone numbers, postcodes, "
                "addresses, names)."
            )
        )


@transaction.atomic
def practice_draft_save(*, organisation, action, actor, fields: dict) -> Practice:
    """Create or update the draft practice of ``action`` (of ``organisation``); not yet shared."""
    if action.goal.plan.organisation_id != organisation.pk:
        raise PracticeRefused(_("Choose an action of your own plan."))
    _refuse_personal_data(fields)
    practice = Practice.objects.filter(
        organisation=organisation, source_action=action, status=Practice.Status.DRAFT
    ).first() or Practice(organisation=organisation, source_action=action, created_by=actor)
    for name, value in fields.items():
        setattr(practice, name, value)
    practice.full_clean()
    practice.save()
    return practice


@transaction.atomic
def practice_publish(*, practice: Practice, actor) -> Practice:
    """Share the practice with every organisation on the installation."""
    _refuse_personal_data({name: getattr(practice, name) for name in TEXT_FIELDS})
    practice.status = Practice.Status.PUBLISHED
    practice.published_at = timezone.now()
    practice.save(update_fields=["status", "published_at"])
    audit_record(
        organisation=practice.organisation, actor=actor, action="practice.publish", subject=practice.title
    )
    return practice


@transaction.atomic
def practice_unpublish(*, practice: Practice, actor) -> Practice:
    """Take the practice out of the library at once; copies already made stay with their plans."""
    practice.status = Practice.Status.WITHDRAWN
    practice.save(update_fields=["status"])
    audit_record(
        organisation=practice.organisation, actor=actor, action="practice.unpublish", subject=practice.title
    )
    return practice


def _template_notes(practice: Practice) -> str:
    lines = [
        _("From the good-practice library: %(organisation)s, “%(title)s” (published %(date)s).")
        % {
            "organisation": practice.organisation.name,
            "title": practice.title,
            "date": f"{practice.published_at:%Y-%m-%d}" if practice.published_at else "",
        },
        "",
        _("Problem: %(text)s") % {"text": practice.problem},
        _("Approach: %(text)s") % {"text": practice.approach},
    ]
    if practice.partners:
        lines.append(_("Partners there: %(text)s") % {"text": practice.partners})
    if practice.cost is not None:
        lines.append(_("Cost there: € %(cost)s") % {"cost": f"{practice.cost:.0f}"})
    if practice.effect:
        lines.append(_("Measured effect there: %(text)s") % {"text": practice.effect})
    if practice.caution:
        lines.append(_("Caution: %(text)s") % {"text": practice.caution})
    return "\n".join(lines)


@transaction.atomic
def practice_copy(*, practice: Practice, organisation, goal, actor) -> PracticeCopy:
    """Copy a published practice into ``organisation``'s plan: a planned action under ``goal``
    holding the practice's text and where it came from."""
    if practice.status != Practice.Status.PUBLISHED:
        raise PracticeRefused(_("Only a published practice can be copied."))
    if goal.plan.organisation_id != organisation.pk:
        raise PracticeRefused(_("Choose a goal of your own plan."))
    action = action_create(goal=goal, title=practice.title, notes=_template_notes(practice))
    copy = PracticeCopy.objects.create(
        practice=practice, organisation=organisation, action=action, actor=actor
    )
    audit_record(organisation=organisation, actor=actor, action="practice.copy", subject=practice.title)
    audit_record(
        organisation=practice.organisation,
        actor=None,
        action="practice.copied",
        subject=f"{practice.title} → {organisation.code}",
    )
    return copy
