"""The good-practice library shared by every organisation on the installation: an action of a
municipality's safety plan written up as a practice (problem, Tafel van 12 factor, approach,
partners, cost, measured effect with its caution). Only a published practice is seen by other
organisations; a draft and a withdrawn practice stay with their own."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from buurtpeil.organisations.models import Organisation
from buurtpeil.polls.indicators import FACTORS

FACTOR_CHOICES = [(number, f"{number}. {labels['nl']}") for number, labels in FACTORS.items()]


class Practice(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    source_action = models.ForeignKey(
        "plans.Action", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(_("title"), max_length=300)
    problem = models.TextField(_("problem"))
    factor = models.PositiveSmallIntegerField(_("factor"), choices=FACTOR_CHOICES)
    approach = models.TextField(_("approach"))
    partners = models.CharField(_("partner organisations"), max_length=500, blank=True)
    cost = models.DecimalField(_("cost (euro)"), max_digits=12, decimal_places=2, null=True, blank=True)
    effect = models.TextField(_("measured effect"), blank=True)
    caution = models.TextField(_("caution with the effect"), blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-published_at", "-pk"]
        indexes = [models.Index(fields=["status", "factor"])]

    def __str__(self) -> str:
        return self.title


class PracticeCopy(models.Model):
    """A practice copied into an organisation's plan as a planned action: where it came from."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="copies")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    action = models.ForeignKey("plans.Action", null=True, on_delete=models.SET_NULL, related_name="+")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.practice_id} → {self.organisation_id}"
