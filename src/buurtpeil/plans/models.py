"""The safety plan of a period: the Tafel van 12 factors adopted as priorities per area, SMART
goals measured by a poll indicator, and the actions that should reach them, with partners."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from buurtpeil.areas.models import Area
from buurtpeil.organisations.models import Organisation
from buurtpeil.partners.models import Partner
from buurtpeil.polls.indicators import FACTORS
from buurtpeil.polls.models import Poll

FACTOR_CHOICES = [(number, f"{number}. {labels['nl']}") for number, labels in FACTORS.items()]


class Plan(models.Model):
    """A plan period, e.g. the integral safety plan (IVP) 2027-2030 or a Belgian zonal plan."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="plans")
    title = models.CharField(_("title"), max_length=200)
    starts = models.DateField(_("start"))
    ends = models.DateField(_("end"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts", "title"]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")

    def __str__(self) -> str:
        return self.title


class Priority(models.Model):
    """A Tafel van 12 factor the municipality works on in an area during the plan period."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="priorities")
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="+")
    factor = models.PositiveSmallIntegerField(_("factor"), choices=FACTOR_CHOICES)
    reasons = models.TextField(_("reasons"))
    poll = models.ForeignKey(Poll, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    adopted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["area__code", "factor"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "area", "factor"], name="unique_priority"),
        ]
        verbose_name = _("priority")
        verbose_name_plural = _("priorities")

    def __str__(self) -> str:
        return f"{self.area.name}: {self.get_factor_display()}"


class Goal(models.Model):
    """A SMART goal: in these areas, this indicator reaches this target by this deadline.

    ``baseline`` is filled in from the latest computed poll when the goal is saved:
    ``{area code: {"e", "l", "h", "se", "n"}}``, estimates on the indicator's own scale (a share
    as a fraction). ``target`` is on the same scale."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="goals")
    title = models.CharField(_("goal"), max_length=300)
    factor = models.PositiveSmallIntegerField(_("factor"), choices=FACTOR_CHOICES)
    indicator = models.CharField(_("indicator"), max_length=60)
    areas = models.ManyToManyField(Area, related_name="+", verbose_name=_("areas"))
    baseline_poll = models.ForeignKey(Poll, null=True, on_delete=models.SET_NULL, related_name="+")
    baseline = models.JSONField(default=dict)
    target = models.FloatField(_("target value"))
    deadline = models.DateField(_("deadline"))
    owner = models.CharField(_("owner"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["deadline", "pk"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self) -> str:
        return self.title


class Action(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        STOPPED = "stopped", _("Stopped")

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="actions")
    title = models.CharField(pgettext_lazy("safety plan", "action"), max_length=300)
    partners = models.ManyToManyField(Partner, blank=True, related_name="actions", verbose_name=_("partners"))
    starts = models.DateField(_("start"))
    ends = models.DateField(_("end"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    budget = models.DecimalField(_("budget (euro)"), max_digits=12, decimal_places=2, null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts", "pk"]
        verbose_name = pgettext_lazy("safety plan", "action")
        verbose_name_plural = _("actions")

    def __str__(self) -> str:
        return self.title
