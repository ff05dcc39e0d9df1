"""Writes of meetings: planning, invitations through ``distribution``'s channels,
registrations, questions in advance (masked, sorted into themes), the report, agreements and
turning an agreement into an action of the plan. Keyword-only, each in one transaction."""

from __future__ import annotations

import datetime
import logging
import uuid
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from buurtpeil.core.tokens import link_token_digest, link_token_new
from buurtpeil.distribution.services import (
    DistributionRefused,
    QuietHours,
    distribution_create,
    members_message_send,
)
from buurtpeil.meetings import notice
from buurtpeil.meetings.models import Agreement, Invitation, Meeting, Question, Registration
from buurtpeil.openanswers.privacy import mask_personal_data
from buurtpeil.openanswers.services import texts_sort
from buurtpeil.panel.models import PanelMember
from buurtpeil.panel.selectors import member_email_by_key, members_targeted
from buurtpeil.panel.services import contact_member_save, members_leave
from buurtpeil.partners.selectors import contact_member_keys
from buurtpeil.plans.services import action_create
from buurtpeil.polls.library import module_definition
from buurtpeil.polls.services import poll_create, poll_publish

logger = logging.getLogger(__name__)

QUESTION_MAX = 500  # characters
QUESTIONS_PER_HOUR = 3  # per browser session and meeting
# Name and e-mail address of people outside the panel are deleted this long after the meeting.
REGISTRANTS_KEPT = timedelta(days=30)


class MeetingRefused(ValueError):
    """The request cannot be done; ``str()`` says why, in words for the person asking."""


# --- planning and invitations ---------------------------------------------------------------


@transaction.atomic
def meeting_save(*, meeting: Meeting, actor=None) -> Meeting:
    """Save a new or changed meeting (from the staff form)."""
    if meeting.ends_at <= meeting.starts_at:
        raise MeetingRefused(_("The meeting must end after it starts."))
    if meeting.area.organisation_id != meeting.organisation_id:
        raise MeetingRefused(_("Choose an area of your own organisation."))
    if meeting.pk is None and getattr(actor, "is_authenticated", False):
        meeting.created_by = actor
    meeting.save()
    return meeting


def invitees(meeting: Meeting) -> list[tuple[str, uuid.UUID]]:
    """``(panel type, member key)`` of everyone a meeting invites: the residents' panel members
    who live in its area (a wijk stands for its buurten), and the key figures, partners and
    professionals who work there (in the area, its wijk or one of its buurten)."""
    area = meeting.area
    rows = [
        (PanelMember.Kind.RESIDENTS, key)
        for key, _code in members_targeted(meeting.organisation, area_ids=[area.pk])
    ]
    area_ids = [
        area.pk,
        *([area.parent_id] if area.parent_id else []),
        *area.children.values_list("pk", flat=True),
    ]
    rows += contact_member_keys(meeting.organisation, area_ids=area_ids)
    return list(dict.fromkeys(rows))


@dataclass
class InvitationOutcome:
    sent: dict[str, int] = field(default_factory=dict)  # per channel
    unreachable: int = 0  # no address on any channel, or opted out
    already: int = 0  # invited before


def invitation_link(organisation, token: str) -> str:
    path = reverse("meetings:invited", kwargs={"org_code": organisation.code, "invitation_token": token})
    return settings.SITE_URL + path


@transaction.atomic
def invitations_send(*, meeting: Meeting, now: datetime.datetime | None = None) -> InvitationOutcome:
    """Invite everyone of ``invitees`` who was not invited yet, each with a personal link to the
    meeting's page, through their own channel. Sending again invites only newcomers; the
    meeting's row is locked while sending, so two clicks at once cannot invite anyone twice.
    Refused for a meeting that is not planned or is over, and in quiet hours."""
    now = now or timezone.now()
    meeting = Meeting.objects.select_for_update().select_related("organisation", "area").get(pk=meeting.pk)
    if meeting.status != Meeting.Status.PLANNED or meeting.ends_at <= now:
        raise MeetingRefused(_("Only a planned meeting that is still to come can be sent invitations."))
    everyone = invitees(meeting)
    done = set(meeting.invitations.values_list("member_key", flat=True))
    outcome = InvitationOutcome(already=sum(1 for _kind, key in everyone if key in done))
    waiting = {key: kind for kind, key in everyone if key not in done}
    tokens = {key: link_token_new() for key in waiting}
    try:
        reached = members_message_send(
            organisation=meeting.organisation,
            kind=notice.KIND,
            title=meeting.title,
            links={key: invitation_link(meeting.organisation, token) for key, (token, _d) in tokens.items()},
            when=meeting.starts_at,
            now=now,
        )
    except QuietHours as quiet:
        until = timezone.localtime(quiet.until).strftime("%H:%M")
        raise MeetingRefused(
            _("No messages are sent in quiet hours. Send the invitations after %(time)s.") % {"time": until}
        ) from None
    rows = [
        Invitation(
            meeting=meeting, member_key=key, kind=waiting[key], channel=channel, token_digest=tokens[key][1]
        )
        for key, channel in reached.items()
    ]
    Invitation.objects.bulk_create(rows, ignore_conflicts=True)
    for channel in reached.values():
        outcome.sent[channel] = outcome.sent.get(channel, 0) + 1
    outcome.unreachable = len(waiting) - len(reached)
    logger.info("Meeting %s: %s invitations sent", meeting.pk, len(reached))
    return outcome


# --- residents -------------------------------------------------------------------------------


def _open_for_registration(meeting: Meeting) -> None:
    if meeting.status != Meeting.Status.PLANNED or meeting.ends_at <= timezone.now():
        raise MeetingRefused(_("Registration for this meeting is closed."))


@transaction.atomic
def registration_create(
    *, meeting: Meeting, member_key: uuid.UUID | None = None, name: str = "", email: str = ""
) -> tuple[Registration, bool]:
    """Register a panel member (by key) or someone else (name and e-mail address); (the
    registration, whether it is new). Registering twice gives the first registration back;
    a full meeting refuses newcomers."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    email = email.strip().lower()
    if member_key is not None:
        existing = meeting.registrations.filter(member_key=member_key).first()
    else:
        if not name.strip() or not email:
            raise MeetingRefused(_("Fill in your name and e-mail address."))
        existing = meeting.registrations.filter(email=email).first()
    if existing is not None:
        return existing, False
    _open_for_registration(meeting)
    if meeting.capacity is not None and meeting.registrations.count() >= meeting.capacity:
        raise MeetingRefused(_("Sorry, this meeting is full. No places are left."))
    try:
        with transaction.atomic():
            registration = Registration.objects.create(
                meeting=meeting,
                member_key=member_key,
                name="" if member_key else name.strip()[:120],
                email="" if member_key else email,
            )
    except IntegrityError:  # the same person at the same moment
        registration = meeting.registrations.get(
            **({"member_key": member_key} if member_key else {"email": email})
        )
        return registration, False
    return registration, True


def asker_digest(session_key: str) -> str:
    return link_token_digest(f"meeting-asker:{session_key}")


@transaction.atomic
def question_submit(*, meeting: Meeting, text: str, asker: str) -> Question:
    """Store a question for the meeting, masked (names, numbers, addresses) and sorted into a
    theme. At most ``QUESTION_MAX`` characters and ``QUESTIONS_PER_HOUR`` per asker."""
    _open_for_registration(meeting)
    text = text.strip()
    if not text:
        raise MeetingRefused(_("Write your question."))
    if len(text) > QUESTION_MAX:
        raise MeetingRefused(_("Keep your question to %(count)d characters.") % {"count": QUESTION_MAX})
    recent = meeting.questions.filter(asker=asker, created_at__gte=timezone.now() - timedelta(hours=1))
    if recent.count() >= QUESTIONS_PER_HOUR:
        raise MeetingRefused(_("You have sent several questions just now. Try again in an hour."))
    masked = mask_personal_data(text)
    ((theme, factor),) = texts_sort(organisation_id=meeting.organisation_id, texts=[masked])
    return Question.objects.create(meeting=meeting, text=masked, theme=theme, factor=factor, asker=asker)


# --- afterwards ----------------------------------------------------------------------------


@transaction.atomic
def report_save(*, meeting: Meeting, report: str, held: bool) -> Meeting:
    """Record what was said; with ``held`` the meeting is marked held (it must have started)."""
    meeting.report = report.strip()
    if held:
        if meeting.status == Meeting.Status.CANCELLED:
            raise MeetingRefused(_("A cancelled meeting cannot be marked as held."))
        if meeting.starts_at > timezone.now():
            raise MeetingRefused(_("The meeting has not started yet."))
        meeting.status = Meeting.Status.HELD
    meeting.save(update_fields=["report", "status"])
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: Meeting) -> Meeting:
    if meeting.status == Meeting.Status.HELD:
        raise MeetingRefused(_("A meeting that was held cannot be cancelled."))
    meeting.status = Meeting.Status.CANCELLED
    meeting.save(update_fields=["status"])
    return meeting


@transaction.atomic
def agreement_add(*, meeting: Meeting, text: str, who: str, due: datetime.date | None) -> Agreement:
    if meeting.status == Meeting.Status.CANCELLED:
        raise MeetingRefused(_("A cancelled meeting has no agreements."))
    if not text.strip() or not who.strip():
        raise MeetingRefused(_("Write the agreement and who carries it out."))
    return Agreement.objects.create(
        meeting=meeting, text=mask_personal_data(text.strip())[:300], who=who.strip()[:200], due=due
    )


@transaction.atomic
def agreement_to_action(*, agreement: Agreement, goal) -> Agreement:
    """Make the agreement a planned action under ``goal`` (a goal of the meeting's organisation)
    and link it; an agreement that already has its action keeps it."""
    agreement = Agreement.objects.select_for_update().select_related("meeting").get(pk=agreement.pk)
    if agreement.action_id is not None:
        return agreement
    if goal.plan.organisation_id != agreement.meeting.organisation_id:
        raise MeetingRefused(_("Choose a goal of your own plan."))
    meeting = agreement.meeting
    notes = _("Agreed in the meeting “%(title)s” of %(date)s; carried out by %(who)s.") % {
        "title": meeting.title,
        "date": timezone.localtime(meeting.starts_at).strftime("%d-%m-%Y"),
        "who": agreement.who,
    }
    agreement.action = action_create(goal=goal, title=agreement.text, ends=agreement.due, notes=notes)
    agreement.save(update_fields=["action"])
    return agreement


FOLLOWUP_MODULE = "meeting_followup"
FOLLOWUP_DAYS = 14


@transaction.atomic
def followup_send(*, meeting: Meeting, actor=None, now: datetime.datetime | None = None):
    """Send everyone registered with an e-mail address (a panel member's own, or the one given)
    the short follow-up poll (the library's ``meeting_followup`` module) for ``FOLLOWUP_DAYS``
    days. They get it as members of the attendees' panel type, so its answers are analysed apart
    from the residents' panel and unweighted: who comes to a meeting is no sample. Once per
    meeting: a second call gives the same poll."""
    if meeting.followup_poll_id is not None:
        return meeting.followup_poll
    if meeting.status != Meeting.Status.HELD:
        raise MeetingRefused(_("Mark the meeting as held first."))
    now = now or timezone.now()
    buurt = meeting.area if meeting.area.level == "buurt" else None
    keys = []
    for registration in meeting.registrations.all():
        email = registration.email or member_email_by_key(meeting.organisation, registration.member_key)
        if not email:
            continue
        registration.attendee_key = contact_member_save(
            organisation=meeting.organisation, kind=PanelMember.Kind.ATTENDEES, email=email, buurt=buurt
        )
        registration.save(update_fields=["attendee_key"])
        keys.append(str(registration.attendee_key))
    if not keys:
        raise MeetingRefused(_("Nobody registered with an e-mail address."))
    definition = module_definition(FOLLOWUP_MODULE)
    definition["title"] = {
        "nl": f"Terugblik: {meeting.title}"[:200],
        "en": f"Looking back: {meeting.title}"[:200],
    }
    poll = poll_create(
        organisation=meeting.organisation,
        title=f"Terugblik: {meeting.title}"[:200],
        definition=definition,
        actor=actor,
        audience=PanelMember.Kind.ATTENDEES,
    )
    poll_publish(poll=poll, actor=actor)
    try:
        distribution_create(
            poll=poll,
            target={"members": keys},
            channels=["email"],
            starts_at=now,
            ends_at=now + timedelta(days=FOLLOWUP_DAYS),
            actor=actor,
        )
    except DistributionRefused as refused:
        raise MeetingRefused(str(refused)) from None
    meeting.followup_poll = poll
    meeting.save(update_fields=["followup_poll"])
    return poll


# --- retention -----------------------------------------------------------------------------


def registrants_forget(*, organisation, now: datetime.datetime) -> int:
    """Empty the name and e-mail address of registrations outside the panel once the meeting
    ended ``REGISTRANTS_KEPT`` ago (the count of registrations stays), and let their members of
    the attendees' panel type leave, so that the panel's retention deletes those addresses too.
    Returns how many registrations were forgotten."""
    ended = Registration.objects.filter(
        meeting__organisation=organisation, meeting__ends_at__lt=now - REGISTRANTS_KEPT
    )
    attendees = list(ended.exclude(attendee_key=None).values_list("attendee_key", flat=True))
    members_leave(organisation=organisation, keys=attendees)
    ended.exclude(attendee_key=None).update(attendee_key=None)
    return ended.filter(member_key=None).exclude(name="", email="").update(name="", email="")
