"""The organisations a municipality works with on safety: police, housing corporations, youth
work, schools, residents' groups. Actions of a safety plan name the partners who carry them."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from buurtpeil.areas.models import Area
from buurtpeil.organisations.models import Organisation


class Partner(models.Model):
    class Sector(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality")
        POLICE = "police", _("Police")
        HOUSING = "housing", _("Housing corporation")
        YOUTH_WORK = "youth_work", _("Youth work")
        SCHOOL = "school", _("School")
        CARE = "care", _("Care and welfare")
        RESIDENTS = "residents", _("Residents' group")
        BUSINESS = "business", _("Business")
        JUSTICE = "justice", _("Justice and public prosecution")
        OTHER = "other", _("Other")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="partners")
    name = models.CharField(_("name"), max_length=200)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    areas = models.ManyToManyField(Area, blank=True, related_name="partners", verbose_name=_("areas"))
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail address"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="unique_partner_name")]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self) -> str:
        return self.name
