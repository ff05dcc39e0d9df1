"""Residents' open answers, sorted into a theme and a Tafel van 12 factor.

One ``OpenAnswer`` per answered text question of a complete response. It holds the answer
with personal data masked (``privacy.mask_personal_data``) and never the resident's own
words unmasked: staff read, search and export only this copy. A label comes from the sorter
(``auto``, with its confidence) or from staff (``staff``); sorting again never overwrites a
staff label, and staff labels teach the sorter for the organisation's later answers.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from buurtpeil.openanswers.themes import THEME_CHOICES
from buurtpeil.organisations.models import Organisation
from buurtpeil.polls.models import Poll
from buurtpeil.responses.models import Response


class OpenAnswer(models.Model):
    class Source(models.TextChoices):
        AUTO = "auto", _("Sorted automatically")
        STAFF = "staff", _("Corrected by staff")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="+")
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="+")
    question_code = models.CharField(max_length=64)
    text = models.TextField(_("answer, personal data masked"))
    theme = models.CharField(_("theme"), max_length=20, choices=THEME_CHOICES)
    factor = models.PositiveSmallIntegerField(
        _("Tafel van 12 factor"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    source = models.CharField(max_length=5, choices=Source.choices, default=Source.AUTO)
    confidence = models.FloatField(null=True, blank=True)  # the sorter's; None for a staff label
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "question_code"], name="unique_open_answer"),
        ]
        indexes = [
            models.Index(fields=["poll", "theme"]),
            models.Index(fields=["organisation", "source"]),
        ]
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"open answer {self.pk}"
