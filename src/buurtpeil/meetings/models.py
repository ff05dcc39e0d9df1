"""Dialogue meetings: staff plan a meeting for an area and a topic, invite the panel members,
key figures and partners of that area, take registrations and questions in advance, and record
afterwards what was said and the agreements, each of which can become an action of the plan."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from buurtpeil.areas.models import Area
from buurtpeil.organisations.models import Organisation
from buurtpeil.plans.models import Action
from buurtpeil.polls.models import Poll


class Meeting(models.Model):
    class Kind(models.TextChoices):
        BUURT = "buurt", _("Buurt conversation")
        POLICE_CAFE = "police_cafe", _("Police café")
        YOUTH = "youth", _("Dialogue between youth and neighbours")
        OTHER = "other", pgettext_lazy("meeting kind", "Other")

    class Status(models.TextChoices):
        PLANNED = "planned", pgettext_lazy("meeting", "Planned")
        HELD = "held", pgettext_lazy("meeting", "Held")
        CANCELLED = "cancelled", pgettext_lazy("meeting", "Cancelled")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="meetings")
    area = models.ForeignKey(
        Area, on_delete=models.PROTECT, related_name="+", verbose_name=pgettext_lazy("meeting", "area")
    )
    kind = models.CharField(pgettext_lazy("meeting", "kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(pgettext_lazy("meeting", "topic"), max_length=200)
    description = models.TextField(pgettext_lazy("meeting", "description"), blank=True)
    place = models.CharField(pgettext_lazy("meeting", "place"), max_length=200)
    starts_at = models.DateTimeField(pgettext_lazy("meeting", "starts"))
    ends_at = models.DateTimeField(pgettext_lazy("meeting", "ends"))
    capacity = models.PositiveIntegerField(pgettext_lazy("meeting", "places"), null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNED)
    # What was said, written by staff afterwards (no names of residents).
    report = models.TextField(pgettext_lazy("meeting", "what was said"), blank=True)
    # The short poll sent to the attendees who are panel members once it was held.
    followup_poll = models.ForeignKey(
        Poll, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = pgettext_lazy("dialogue", "meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return self.title


class Invitation(models.Model):
    """One invited member: through which channel the personal link went. Only the link token's
    digest is kept; a member is invited once per meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="invitations")
    member_key = models.UUIDField()
    kind = models.CharField(max_length=20)  # the member's panel type
    channel = models.CharField(max_length=10)
    token_digest = models.CharField(max_length=64, unique=True)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member_key"], name="unique_meeting_invitation")
        ]

    def __str__(self) -> str:
        return f"invitation {self.pk}"


class Registration(models.Model):
    """Someone who comes. A panel member is kept by key only; anyone else by the name and
    e-mail address they gave, which the retention deletes after the meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="registrations")
    member_key = models.UUIDField(null=True, blank=True)
    name = models.CharField(_("name"), max_length=120, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    # Their member of the attendees' panel type, made to send the follow-up poll; it leaves
    # (its address goes) when the registrants are forgotten.
    attendee_key = models.UUIDField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "member_key"],
                condition=Q(member_key__isnull=False),
                name="unique_meeting_member",
            ),
            models.UniqueConstraint(
                fields=["meeting", "email"], condition=~Q(email=""), name="unique_meeting_email"
            ),
        ]

    def __str__(self) -> str:
        return f"registration {self.pk}"


class Question(models.Model):
    """A question asked in advance, masked before it is stored, with the theme the open-answer
    sorter gives it. ``asker`` is a keyed digest of the browser session, for the rate limit."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="questions")
    text = models.TextField()
    theme = models.CharField(max_length=20, blank=True)
    factor = models.PositiveSmallIntegerField(null=True, blank=True)
    asker = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"question {self.pk}"


class Agreement(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agreements")
    text = models.CharField(pgettext_lazy("meeting", "agreement"), max_length=300)
    who = models.CharField(pgettext_lazy("meeting", "who"), max_length=200)
    due = models.DateField(pgettext_lazy("meeting", "by when"), null=True, blank=True)
    action = models.ForeignKey(Action, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text
