"""A poll's computed results: one ``PollResults`` row per poll with its state, and its figures
as named JSON documents (``ResultPart``), so that a page reads only the few it shows."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from buurtpeil.organisations.models import Organisation
from buurtpeil.polls.models import Poll


class PollResults(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be computed")
        COMPUTING = "computing", _("Being computed")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    poll = models.OneToOneField(Poll, on_delete=models.CASCADE, related_name="results")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    requested_at = models.DateTimeField(auto_now_add=True)
    computed_at = models.DateTimeField(null=True, blank=True)
    respondents = models.PositiveIntegerField(default=0)
    # What the page needs to draw itself: areas, questions, indicators, weighting note.
    summary = models.JSONField(default=dict)
    error = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"results of poll {self.poll_id}"


class ResultPart(models.Model):
    """One document of figures: ``cell:<area>:<trait>:<category>``, ``map:<column>`` or
    ``tafel:<level>`` (see ``insights.compute``)."""

    results = models.ForeignKey(PollResults, on_delete=models.CASCADE, related_name="parts")
    key = models.CharField(max_length=200)
    data = models.JSONField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["results", "key"], name="unique_result_part")]

    def __str__(self) -> str:
        return self.key
