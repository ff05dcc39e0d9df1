"""Polls and their versions.

A poll's content is one JSON document (see ``definition``): ``Poll.definition`` is the copy
staff edit; publishing freezes it as a new ``PollVersion``. Residents answer a version, and a
version is never changed, so editing a running poll cannot corrupt earlier answers.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from buurtpeil.organisations.models import Organisation
from buurtpeil.panel.models import PanelMember


class Poll(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")
        PUBLISHED = "published", _("Results published")

    # Who answers: one panel type, whose answers are analysed apart from the others'.
    Audience = PanelMember.Kind

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="polls")
    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    audience = models.CharField(
        _("audience"), max_length=20, choices=Audience.choices, default=Audience.RESIDENTS
    )
    # The editable content; see ``buurtpeil.polls.definition``.
    definition = models.JSONField(default=dict)
    # Show respondents how others answered, once enough have answered.
    show_results = models.BooleanField(_("show respondents how others answered"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["organisation", "status"])]
        verbose_name = _("poll")
        verbose_name_plural = _("polls")

    def __str__(self) -> str:
        return self.title


class PollVersion(models.Model):
    """A frozen copy of a poll's definition. Never updated after it is written."""

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    definition = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["poll", "number"]
        constraints = [models.UniqueConstraint(fields=["poll", "number"], name="unique_poll_version")]

    def __str__(self) -> str:
        return f"{self.poll_id} v{self.number}"
