"""Neighbourhood-watch groups (buurtpreventie): the register per buurt and the periodic check-in
with their coordinators.

The coordinator's name, e-mail address and phone number are personal data: they stay in the
group record, are shown only to analysts and administrators (each view is audited) and never
appear in exports or on public pages. No chat content and no names of reported people are
stored."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from buurtpeil.areas.models import Area
from buurtpeil.organisations.models import Organisation

CODE_VERSION = "2026-1"  # the version of the default code of conduct (templates/watch/_code.html)


class WatchGroup(models.Model):
    class Kind(models.TextChoices):
        MESSAGING = "messaging", _("Messaging group (WhatsApp or app)")
        PATROL = "patrol", _("Walking patrol")
        BOTH = "both", _("Messaging group and walking patrol")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        PAUSED = "paused", _("Paused")
        STOPPED = "stopped", _("Stopped")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="watch_groups")
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    areas = models.ManyToManyField(Area, related_name="watch_groups", verbose_name=_("buurten"))
    size = models.PositiveIntegerField(_("members (about)"), null=True, blank=True)
    started_on = models.DateField(_("started on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    coordinator_name = models.CharField(_("coordinator"), max_length=200)
    coordinator_email = models.EmailField(_("coordinator's e-mail address"), blank=True)
    coordinator_phone = models.CharField(_("coordinator's phone number"), max_length=30, blank=True)
    police_contact = models.BooleanField(_("contact with the wijkagent"), default=False)
    police_last_contact = models.DateField(_("last contact with the wijkagent"), null=True, blank=True)
    municipality_contact = models.BooleanField(_("contact person at the municipality"), default=False)
    municipality_last_contact = models.DateField(
        _("last contact with the municipality"), null=True, blank=True
    )
    code_signed_on = models.DateField(_("code of conduct signed on"), null=True, blank=True)
    code_version = models.CharField(_("version of the code of conduct"), max_length=20, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="unique_watch_group_name")
        ]
        verbose_name = _("neighbourhood-watch group")
        verbose_name_plural = _("neighbourhood-watch groups")

    def __str__(self) -> str:
        return self.name


class CheckIn(models.Model):
    """One check-in sent to a group's coordinator, reached by a personal link. Only a digest of
    the link's token is stored; the token is made in the sending task."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    group = models.ForeignKey(WatchGroup, on_delete=models.CASCADE, related_name="checkins")
    token_digest = models.CharField(max_length=64, unique=True, null=True, blank=True)
    period_start = models.DateField(_("period from"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answers = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")

    def __str__(self) -> str:
        return f"{self.group} {self.created_at:%Y-%m-%d}"
