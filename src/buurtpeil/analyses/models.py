"""The neighbourhood analysis (CCV step 3) that staff and invited partners write together for a
wijk or buurt: per Tafel van 12 factor what they observe, and the area's strengths and
weaknesses. Every save is kept as a version; an agreed analysis feeds the safety plan.

What a partner membership (``organisations.Membership.Role.PARTNER``) may see is stored here,
beside the analyses it opens: the areas (none until some are given) and the partner
organisation it speaks for. Decision 0025."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from buurtpeil.areas.models import Area
from buurtpeil.organisations.models import Membership, Organisation
from buurtpeil.partners.models import Partner
from buurtpeil.plans.models import Priority


class PartnerAccess(models.Model):
    """The areas a partner membership may see (empty: none) and the partner it speaks for."""

    membership = models.OneToOneField(Membership, on_delete=models.CASCADE, related_name="partner_access")
    areas = models.ManyToManyField(Area, blank=True, related_name="+", verbose_name=_("areas"))
    partner = models.ForeignKey(
        Partner, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("partner")
    )

    class Meta:
        verbose_name = _("partner access")
        verbose_name_plural = _("partner accesses")

    def __str__(self) -> str:
        return str(self.membership)


class Analysis(models.Model):
    """One analysis of an area for a period. ``content`` is the current text:
    ``{"factors": {"1": "...", ..., "12": "..."}, "strengths": "...", "weaknesses": "..."}``."""

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("analysis status", "Draft")
        REVIEW = "review", pgettext_lazy("analysis status", "In review")
        AGREED = "agreed", pgettext_lazy("analysis status", "Agreed")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="+", verbose_name=_("area"))
    title = models.CharField(_("title or period"), max_length=200)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    content = models.JSONField(default=dict)
    version = models.PositiveIntegerField(default=0)
    agreed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["area__name", "-created_at"]
        constraints = [models.UniqueConstraint(fields=["area", "title"], name="unique_analysis_title")]
        verbose_name = _("neighbourhood analysis")
        verbose_name_plural = _("neighbourhood analyses")

    def __str__(self) -> str:
        return f"{self.area.name}: {self.title}"


class AnalysisVersion(models.Model):
    """Append-only: the content as it was after a save or a change of status."""

    class Event(models.TextChoices):
        CREATED = "created", pgettext_lazy("analysis event", "Started")
        SAVED = "saved", pgettext_lazy("analysis event", "Text saved")
        SUBMITTED = "submitted", pgettext_lazy("analysis event", "Offered for review")
        RETURNED = "returned", pgettext_lazy("analysis event", "Back to draft")
        AGREED = "agreed", pgettext_lazy("analysis event", "Agreed")
        REOPENED = "reopened", pgettext_lazy("analysis event", "Reopened as a new draft")

    analysis = models.ForeignKey(Analysis, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    event = models.CharField(max_length=10, choices=Event.choices)
    status = models.CharField(max_length=10, choices=Analysis.Status.choices)
    content = models.JSONField(default=dict)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_role = models.CharField(max_length=10, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["analysis", "number"], name="unique_analysis_version")]

    def __str__(self) -> str:
        return f"{self.analysis} v{self.number}"


class AnalysisPriority(models.Model):
    """A plan priority adopted from an agreed analysis (which version)."""

    analysis = models.ForeignKey(Analysis, on_delete=models.CASCADE, related_name="priorities")
    priority = models.OneToOneField(Priority, on_delete=models.CASCADE, related_name="+")
    version = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.analysis} v{self.version}: {self.priority_id}"
