import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

TOKEN_NAME = re.compile(r"^--[a-z0-9-]{1,120}$")
TOKEN_VALUE = re.compile(r"^[^;{}<>\\\"']{1,200}$")


def validate_design_tokens(value):
    """Design tokens are CSS custom properties: ``{"--utrecht-...": "#004699"}``."""
    if not isinstance(value, dict):
        raise ValidationError(_("Design tokens must be an object of CSS custom properties."))
    for name, token in value.items():
        if not TOKEN_NAME.match(str(name)):
            raise ValidationError(
                _("“%(name)s” is not a CSS custom property name (--lowercase-name)."),
                params={"name": name},
            )
        if not isinstance(token, str) or not TOKEN_VALUE.match(token):
            raise ValidationError(
                _("The value of %(name)s contains characters that are not allowed."),
                params={"name": name},
            )


class Organisation(models.Model):
    """A tenant: a Dutch gemeente, a Flemish gemeente, a Belgian police zone or a region."""

    class Country(models.TextChoices):
        NL = "NL", _("Netherlands")
        BE = "BE", _("Belgium")

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality")
        POLICE_ZONE = "police_zone", _("Police zone")
        # A Dutch veiligheidsregio or police district: follows its member municipalities.
        REGION = "region", _("Region (veiligheidsregio, police district)")

    code = models.CharField(
        _("code"),
        max_length=12,
        unique=True,
        help_text=_("CBS code (GM0518) for the Netherlands, NIS code or police zone number for Belgium."),
    )
    name = models.CharField(_("name"), max_length=200)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices, default=Country.NL)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.MUNICIPALITY)
    default_language = models.CharField(
        _("default language"), max_length=8, choices=settings.LANGUAGES, default="nl"
    )
    logo = models.FileField(_("logo"), upload_to="logos/", blank=True)
    theme_class = models.CharField(_("theme class"), max_length=60, default="voorbeeld-theme")
    design_tokens = models.JSONField(
        _("design tokens"), default=dict, blank=True, validators=[validate_design_tokens]
    )
    privacy_minimum = models.PositiveIntegerField(
        _("privacy minimum"), default=10, help_text=_("No figure is shown for fewer respondents.")
    )
    reliability_minimum = models.PositiveIntegerField(
        _("reliability minimum"),
        default=30,
        help_text=_("Below this a figure is marked indicative."),
    )
    indicative_half_width = models.PositiveSmallIntegerField(
        _("widest reliable interval (percentage points)"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=_("A share whose confidence interval is wider than this either side is indicative."),
    )
    privacy_contact = models.CharField(
        _("privacy contact"),
        max_length=200,
        blank=True,
        help_text=_("Where residents go with questions about their data (e-mail or web address)."),
    )
    retention_months = models.PositiveIntegerField(_("retention of answers (months)"), default=60)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Membership(models.Model):
    """A staff member's role in one organisation. Staff may belong to several."""

    class Role(models.TextChoices):
        ADMIN = "admin", _("Administrator")
        ANALYST = "analyst", _("Analyst")
        VIEWER = "viewer", _("Viewer")
        # An outside partner (police, housing corporation, ...): below a viewer, so every staff
        # page refuses it unless the page says otherwise; it sees only the neighbourhood
        # analyses of its own areas (buurtpeil.analyses, decision 0025).
        PARTNER = "partner", _("Partner")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.VIEWER)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="unique_membership")]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation.code}: {self.role}"


class AuditEvent(models.Model):
    """Who did what with an organisation's data: exports, views of personal data, imports.

    Append-only; never holds the personal data itself, only what was touched."""

    class Action(models.TextChoices):
        EXPORT = "export", _("Export")
        VIEW_PERSONAL_DATA = "view_personal_data", _("Viewed personal data")
        IMPORT = "import", _("Import")
        API_TOKEN = "api_token", _("API token created or revoked")
        OPEN_ANSWER = "open_answer", _("Open answers sorted or corrected")
        LOGIN = "login", _("Logged in")
        LOGIN_FAILED = "login_failed", _("Failed login")
        ROLE_CHANGE = "role_change", _("Role changed")
        ERASURE = "erasure", _("Personal data erased")
        RETENTION = "retention", _("Deleted after the retention period")
        TWO_FACTOR = "two_factor", _("Two-factor authentication set up or changed")

    # Empty only for events that belong to no organisation, such as a failed login by an unknown name.
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="audit_events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(_("action"), max_length=30, choices=Action.choices)
    subject = models.CharField(_("subject"), max_length=200)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.subject}"


class LoginThrottle(models.Model):
    """Recent failed staff logins for one user name or one client address.

    ``key`` is a keyed digest of the name or address, so the table holds neither. Every
    application process counts in this one table, so a lock-out holds across processes and
    machines. Rows past their window and lock are deleted as new attempts come in."""

    key = models.CharField(max_length=64, unique=True)
    failures = models.PositiveIntegerField(default=0)
    window_started_at = models.DateTimeField()
    locked_until = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("login throttle")
        verbose_name_plural = _("login throttles")

    def __str__(self) -> str:
        return f"{self.key[:8]}… {self.failures}"


class TOTPDevice(models.Model):
    """A staff member's authenticator app (TOTP, RFC 6238), confirmed with a first code.

    ``last_step`` is the time step of the last code accepted: a code is never accepted twice.
    Deleting the device (Django admin) lets its owner set up a new one after the password."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="totp_device"
    )
    secret = models.CharField(max_length=64)
    last_step = models.BigIntegerField(default=0)
    confirmed_at = models.DateTimeField(_("set up"))
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        verbose_name = _("authenticator app")
        verbose_name_plural = _("authenticator apps")

    def __str__(self) -> str:
        return f"{self.user}"


class RecoveryCode(models.Model):
    """A single-use recovery code; only its SHA-256 digest is stored (the codes carry 80 random
    bits, so a digest alone cannot be reversed)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recovery_codes"
    )
    digest = models.CharField(max_length=64)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "digest"], name="unique_recovery_code")]

    def __str__(self) -> str:
        return f"{self.user}: {self.digest[:8]}…"
