"""Feedback to residents: per poll, "you said, we do". What the residents said (the results in
words, with a few figures read from the computed results) and what the municipality does with
it, linked to goals and actions of its safety plan.

Texts are kept per language, as a poll's are (``{"nl": ..., "en": ...}``); the poll's first
language is required. Feedback is published once: the one publish that sets ``published_at``
notifies everyone who answered; later edits change the pages, never send again.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from buurtpeil.organisations.models import Organisation
from buurtpeil.plans.models import Action, Goal
from buurtpeil.polls.models import Poll


class Feedback(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    poll = models.OneToOneField(Poll, on_delete=models.CASCADE, related_name="feedback")
    title = models.JSONField(default=dict)
    said = models.JSONField(default=dict)  # you said: the results in words
    done = models.JSONField(default=dict)  # we do: what the municipality does with them
    goals = models.ManyToManyField(Goal, blank=True, related_name="+", verbose_name=_("goals"))
    actions = models.ManyToManyField(Action, blank=True, related_name="+", verbose_name=_("actions"))
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Members the publishing notified (everyone who had answered the poll then).
    notified = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published_at", "-pk"]
        indexes = [models.Index(fields=["organisation", "published_at"])]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")

    def __str__(self) -> str:
        return f"feedback on poll {self.poll_id}"
