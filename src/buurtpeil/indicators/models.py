"""Objective figures per buurt from official open data (registered crime, CBS key figures),
each with its year, the months it covers and its source, imported in batches."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from buurtpeil.areas.models import Area
from buurtpeil.organisations.models import Organisation

CRIME = "crime"
FULL_YEAR = 12


class ImportBatch(models.Model):
    """One imported file: where its figures came from and who imported it."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    source = models.CharField(_("source"), max_length=200)
    file_name = models.CharField(_("file name"), max_length=200)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("import of area figures")
        verbose_name_plural = _("imports of area figures")

    def __str__(self) -> str:
        return f"{self.source} ({self.file_name})"


class AreaFigure(models.Model):
    """One figure of one buurt: e.g. indicator ``crime``, category ``104`` (burglary), 2016, 1775.
    ``months`` is the number of months the value covers: 12 is a full year; a smaller number is
    the sum of the months that were published, never a full-year figure."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="figures")
    indicator = models.CharField(_("indicator"), max_length=40)
    category = models.CharField(_("category"), max_length=60)
    category_label = models.CharField(_("category label"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.FloatField(_("value"))
    months = models.PositiveSmallIntegerField(_("months covered"), default=FULL_YEAR)
    source = models.CharField(_("source"), max_length=200)
    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="figures")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["area", "indicator", "category", "year"], name="unique_area_figure"
            )
        ]
        indexes = [models.Index(fields=["organisation", "indicator", "year"])]
        verbose_name = _("area figure")
        verbose_name_plural = _("area figures")

    def __str__(self) -> str:
        return f"{self.area_id} {self.indicator}/{self.category} {self.year}: {self.value}"
