"""Residents' answers, stored under the opaque panel-member key and never next to contact data.

One ``Response`` per invitation (``Recipient``), holding the answers as one JSON object keyed
by question code, and the poll version they were given against. ``SubmissionKey`` remembers
each idempotency key a browser or API client sent, so that a double submit or a retry after a
timeout is recognised and stored once.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from buurtpeil.distribution.models import Recipient
from buurtpeil.organisations.models import Organisation
from buurtpeil.polls.models import Poll, PollVersion


class Response(models.Model):
    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETE = "complete", _("Complete")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="responses")
    version = models.ForeignKey(PollVersion, on_delete=models.PROTECT, related_name="responses")
    recipient = models.OneToOneField(Recipient, null=True, on_delete=models.SET_NULL, related_name="response")
    member_key = models.UUIDField(db_index=True)
    # Snapshots at answering time, so boundaries or a moved member do not change old results.
    buurt_code = models.CharField(max_length=20, blank=True)
    age_group = models.CharField(max_length=10, blank=True)
    sex = models.CharField(max_length=10, blank=True)
    language = models.CharField(max_length=10, blank=True)
    answers = models.JSONField(default=dict)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.IN_PROGRESS)
    started_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    # Counts the saves: a save writes only over the revision it read (optimistic locking).
    revision = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["poll", "status"])]

    def __str__(self) -> str:
        return f"response {self.pk}"


class SubmissionKey(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="submission_keys")
    key = models.CharField(max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["response", "key"], name="unique_submission_key")]

    def __str__(self) -> str:
        return self.key
