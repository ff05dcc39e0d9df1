"""Sending a poll to (part of) the panel: who is invited, through which channel, and when.

A ``Distribution`` is one send of a poll version to a target group. Each invited member gets
one ``Recipient`` row: the member's opaque key, a snapshot of the buurt (for the response
monitor) and the digest of the personal answering token (the token itself is derived from
``token_salt`` and the server secret when a message is built, never stored). Each message to
a recipient is one ``Delivery`` row, unique per recipient, kind and channel, so that a retried
fan-out task never sends one person the same message twice.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from buurtpeil.organisations.models import Organisation
from buurtpeil.polls.models import Poll, PollVersion


class Channel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    PUSH = "push", _("Web push")
    SMS = "sms", _("SMS")


class Distribution(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SCHEDULED = "scheduled", _("Scheduled")
        SENDING = "sending", _("Sending")
        RUNNING = "running", _("Running")
        ENDED = "ended", _("Ended")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="distributions")
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="distributions")
    version = models.ForeignKey(PollVersion, on_delete=models.PROTECT, related_name="distributions")
    # {"areas": [area ids], "traits": {"age_group": [...], "sex": [...]}, "sample_per_buurt": n}
    target = models.JSONField(default=dict)
    channels = models.JSONField(default=list)
    starts_at = models.DateTimeField(_("start"))
    ends_at = models.DateTimeField(_("end"))
    # Days after the start on which non-responders get a reminder.
    reminder_days = models.JSONField(default=list)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    # How many of ``reminder_days`` have been turned into deliveries (set by the tick).
    reminders_done = models.PositiveSmallIntegerField(default=0)
    started_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_at"]
        indexes = [models.Index(fields=["status", "starts_at"])]

    def __str__(self) -> str:
        return f"distribution {self.pk} of poll {self.poll_id}"


class Recipient(models.Model):
    distribution = models.ForeignKey(Distribution, on_delete=models.CASCADE, related_name="recipients")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    member_key = models.UUIDField(db_index=True)
    buurt_code = models.CharField(max_length=20, blank=True)
    token_salt = models.CharField(max_length=32)
    token_digest = models.CharField(max_length=64, unique=True)
    invited_at = models.DateTimeField(null=True, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["distribution", "member_key"], name="unique_recipient_member")
        ]

    def __str__(self) -> str:
        return f"recipient {self.pk}"


class Delivery(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        # Claimed by one sending task; never claimed again, so never sent twice.
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        SKIPPED = "skipped", _("Not sent")

    recipient = models.ForeignKey(Recipient, on_delete=models.CASCADE, related_name="deliveries")
    # "invite", "reminder-1", "reminder-2", ..., or a notice such as "feedback" (see ``notices``)
    kind = models.CharField(max_length=20)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Not before: the start, a reminder day, the end of quiet hours or a retry's back-off.
    due_at = models.DateTimeField(default=timezone.now)
    # When a sending task for it was last enqueued (the tick re-enqueues lost ones).
    queued_at = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["recipient", "kind", "channel"], name="unique_delivery")
        ]
        indexes = [models.Index(fields=["status", "due_at"])]

    def __str__(self) -> str:
        return f"delivery {self.pk}"


class PushSubscription(models.Model):
    """A browser's web-push endpoint for one member. Deleted when the push service says 404/410."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    member_key = models.UUIDField(db_index=True)
    endpoint = models.URLField(max_length=1000, unique=True)
    p256dh = models.CharField(max_length=200)
    auth = models.CharField(max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"push subscription {self.pk}"


class OptOut(models.Model):
    """A member who unsubscribed from one channel (one click from any message)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    member_key = models.UUIDField()
    channel = models.CharField(max_length=10, choices=Channel.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "member_key", "channel"], name="unique_opt_out")
        ]

    def __str__(self) -> str:
        return f"opt-out {self.pk}"
