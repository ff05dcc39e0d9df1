"""Writes of feedback to residents: saving the texts and links, and publishing once.

Publishing notifies everyone who answered the poll through ``distribution`` (the "feedback"
notice: e-mail and web push, opt-outs and quiet hours respected). Only the publish that sets
``published_at`` notifies; a second submit, a retry or an edit afterwards sends nothing.
"""

import logging
from collections.abc import Iterable, Mapping
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from buurtpeil.distribution.services import respondents_notify
from buurtpeil.feedback.models import Feedback
from buurtpeil.feedback.notice import KIND
from buurtpeil.feedback.selectors import PUBLISHABLE, feedback_languages, plan_actions, plan_goals
from buurtpeil.organisations.services import audit_record

logger = logging.getLogger(__name__)

TITLE_MAX = 200
TEXT_MAX = 5000


class FeedbackRefused(ValueError):
    """The feedback cannot be saved or published as asked; ``str()`` says why, for staff."""


def _texts(values: Mapping[str, str] | None, languages: list[str], limit: int) -> dict[str, str]:
    cleaned = {}
    for language in languages:
        value = ((values or {}).get(language) or "").strip()
        if len(value) > limit:
            raise FeedbackRefused(
                _("A text may have at most %(limit)d characters; this one has %(length)d.")
                % {"limit": limit, "length": len(value)}
            )
        if value:
            cleaned[language] = value
    return cleaned


def _chosen(queryset, ids: Iterable[int], message: str) -> list:
    wanted = set(ids or ())
    found = list(queryset.filter(pk__in=wanted))
    if len(found) != len(wanted):
        raise FeedbackRefused(message)
    return found


@transaction.atomic
def feedback_save(
    *,
    poll,
    title: Mapping[str, str],
    said: Mapping[str, str],
    done: Mapping[str, str],
    goal_ids: Iterable[int] = (),
    action_ids: Iterable[int] = (),
    actor=None,
) -> Feedback:
    """Create or change a poll's feedback. Texts are per language (``{"nl": ...}``); the poll's
    first language needs a title and both texts. Goals and actions must be the organisation's.
    Changing published feedback changes its pages (and is audited) but notifies nobody."""
    organisation = poll.organisation
    languages = feedback_languages(poll)
    texts = {
        "title": _texts(title, languages, TITLE_MAX),
        "said": _texts(said, languages, TEXT_MAX),
        "done": _texts(done, languages, TEXT_MAX),
    }
    if not all(languages[0] in value for value in texts.values()):
        raise FeedbackRefused(_("Write a title, what residents said and what the municipality does."))
    goals = _chosen(plan_goals(organisation), goal_ids, _("Choose goals of this organisation's plans only."))
    actions = _chosen(
        plan_actions(organisation), action_ids, _("Choose actions of this organisation's plans only.")
    )
    feedback, _created = Feedback.objects.select_for_update().get_or_create(
        poll=poll, defaults={"organisation": organisation}
    )
    for field, value in texts.items():
        setattr(feedback, field, value)
    feedback.save()
    feedback.goals.set(goals)
    feedback.actions.set(actions)
    if feedback.published_at is not None:
        audit_record(organisation=organisation, actor=actor, action="feedback.update", subject=poll.title)
    return feedback


@transaction.atomic
def feedback_publish(*, feedback: Feedback, actor=None, now: datetime | None = None) -> int | None:
    """Publish the feedback and notify everyone who answered the poll. Returns how many members
    are notified, or None when it was published already (then nothing is sent).

    The poll must be closed. Of two submits at the same moment only one finds the feedback
    unpublished (a conditional update), so residents get one message per channel."""
    poll = feedback.poll
    if poll.status not in PUBLISHABLE:
        raise FeedbackRefused(_("Close the poll before publishing its feedback."))
    now = now or timezone.now()
    published_by = actor if getattr(actor, "is_authenticated", False) else None
    claimed = Feedback.objects.filter(pk=feedback.pk, published_at__isnull=True).update(
        published_at=now, published_by=published_by
    )
    if not claimed:
        feedback.refresh_from_db()
        return None
    notified = respondents_notify(poll=poll, kind=KIND, now=now)
    Feedback.objects.filter(pk=feedback.pk).update(notified=notified)
    audit_record(organisation=poll.organisation, actor=actor, action="feedback.publish", subject=poll.title)
    feedback.refresh_from_db()
    logger.info("Feedback on poll %s published; %s members notified", poll.pk, notified)
    return notified
