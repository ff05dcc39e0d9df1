"""A resident's signal of a safety concern: a point or a buurt, a category, text, maybe a photo.

Signals refer to the panel member by its opaque key only (like answers), and are deleted when
the member is erased. Text and place are masked for personal data before they are stored; the
photo is stored re-encoded without metadata, in the database (so it is deleted with the row and
reached only through a staff view that checks the organisation).
"""

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from buurtpeil.areas.models import Area
from buurtpeil.concerns.categories import CATEGORY_CHOICES
from buurtpeil.organisations.models import Organisation


class Concern(models.Model):
    class Status(models.TextChoices):
        NEW = "new", pgettext_lazy("signal status", "New")
        SEEN = "seen", pgettext_lazy("signal status", "Seen")
        FORWARDED = "forwarded", pgettext_lazy("signal status", "Forwarded")
        CLOSED = "closed", pgettext_lazy("signal status", "Closed")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="concerns")
    member_key = models.UUIDField(db_index=True)
    # The form's token: a second submit of the same form finds the first signal.
    submission_key = models.UUIDField(default=uuid.uuid4)
    category = models.CharField(_("category"), max_length=20, choices=CATEGORY_CHOICES)
    buurt = models.ForeignKey(
        Area,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="concerns",
        verbose_name=_("buurt"),
    )
    lon = models.FloatField(null=True, blank=True)
    lat = models.FloatField(null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    text = models.TextField(_("what was seen"))
    on_behalf_of = models.CharField(_("on behalf of"), max_length=120, blank=True)
    photo = models.BinaryField(null=True, blank=True, editable=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.NEW)
    created_at = models.DateTimeField(default=timezone.now)
    status_changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "submission_key"], name="unique_concern_submission"
            )
        ]
        indexes = [
            models.Index(fields=["organisation", "created_at"]),
            models.Index(fields=["organisation", "member_key", "created_at"]),
        ]
        verbose_name = _("signal")
        verbose_name_plural = _("signals")

    def __str__(self) -> str:
        return f"{self.get_category_display()} ({self.created_at:%Y-%m-%d})"

    @property
    def has_photo(self) -> bool:
        return self.photo is not None
