"""Sharing between organisations: a municipality's membership of a region (a police zone, a
veiligheidsregio or police district) with its consent, and its consent to be compared with
similar municipalities. The current state is on the row; every change is also an append-only
``SharingEvent`` (and an audit row)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from buurtpeil.organisations.models import Organisation

URBANITY_CHOICES = [
    (1, _("1: very strongly urban")),
    (2, _("2: strongly urban")),
    (3, _("3: moderately urban")),
    (4, _("4: hardly urban")),
    (5, _("5: not urban")),
]


class RegionMembership(models.Model):
    """A municipality in a region. The region's administrator asks; the member's administrator
    consents on its own sharing page and may withdraw at any time."""

    region = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    member = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    consent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    consent_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["region", "member"], name="unique_region_member")]
        ordering = ["member__name"]

    def __str__(self) -> str:
        return f"{self.member_id} in {self.region_id}"

    @property
    def sharing(self) -> bool:
        return self.consent_at is not None and self.withdrawn_at is None


class ComparisonProfile(models.Model):
    """An organisation's urbanity (CBS stedelijkheid 1-5) and its consent to be compared with
    similar municipalities."""

    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE, related_name="+")
    urbanity = models.PositiveSmallIntegerField(
        _("urbanity (CBS)"),
        null=True,
        blank=True,
        choices=URBANITY_CHOICES,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    consent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    consent_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"comparison profile of {self.organisation_id}"

    @property
    def sharing(self) -> bool:
        return self.consent_at is not None and self.withdrawn_at is None


class SharingEvent(models.Model):
    """One change of what an organisation shares. Append-only."""

    class Kind(models.TextChoices):
        REGION_REQUESTED = "region_requested", _("Region asked to share")
        REGION_CONSENTED = "region_consented", _("Consent to the region given")
        REGION_WITHDRAWN = "region_withdrawn", _("Consent to the region withdrawn")
        COMPARISON_CONSENTED = "comparison_consented", _("Consent to comparison given")
        COMPARISON_WITHDRAWN = "comparison_withdrawn", _("Consent to comparison withdrawn")
        URBANITY_SET = "urbanity_set", _("Urbanity recorded")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    region = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d} {self.kind}"
