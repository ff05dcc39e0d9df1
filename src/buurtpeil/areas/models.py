from django.db import models
from django.utils.translation import gettext_lazy as _

from buurtpeil.organisations.models import Organisation


class Area(models.Model):
    """One node of an organisation's area hierarchy: gemeente > wijk > buurt.

    For Belgium: gemeente > deelgemeente (as wijk) > statistical sector (as buurt).
    ``geometry`` is the imported polygon reprojected to WGS84 (used for point lookup);
    ``display_geometry`` is a topology-preserving simplification for maps.
    """

    class Level(models.TextChoices):
        MUNICIPALITY = "gemeente", _("Municipality")
        DISTRICT = "wijk", _("District")
        NEIGHBOURHOOD = "buurt", _("Neighbourhood")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="areas")
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=200)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    geometry = models.JSONField(_("geometry (WGS84)"), null=True, blank=True)
    display_geometry = models.JSONField(_("simplified geometry (WGS84)"), null=True, blank=True)
    population = models.PositiveIntegerField(_("inhabitants"), null=True, blank=True)
    population_year = models.PositiveSmallIntegerField(_("population year"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["level", "code"]
        constraints = [models.UniqueConstraint(fields=["organisation", "code"], name="unique_area_code")]
        indexes = [models.Index(fields=["organisation", "level"])]
        verbose_name = _("area")
        verbose_name_plural = _("areas")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class PopulationCount(models.Model):
    """Population of an area for one category of one weighting variable (e.g. sex = female)."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="population_counts")
    variable = models.CharField(_("variable"), max_length=30)  # "sex", "age_group"
    category = models.CharField(_("category"), max_length=30)  # "female", "25_45"
    count = models.PositiveIntegerField(_("count"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["area", "variable", "category"], name="unique_population_cell")
        ]
        verbose_name = _("population count")
        verbose_name_plural = _("population counts")

    def __str__(self) -> str:
        return f"{self.area.code} {self.variable}={self.category}: {self.count}"
