import re

from django import forms
from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.forms import AuthenticationForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _

from buurtpeil.core.forms import StyledFormMixin
from buurtpeil.organisations import lockout
from buurtpeil.organisations.models import Organisation
from buurtpeil.organisations.staff_login import login_failed_record, user_by_name

LOGO_MAX_BYTES = 512 * 1024
# Raster images only: an SVG logo could carry script.
LOGO_SIGNATURES = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg", b"RIFF": "image/webp"}
HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
# The tokens of the voorbeeld theme that carry its main colour: primary buttons and links.
PRIMARY_COLOUR_TOKENS = ("--basis-color-action-1-inverse-bg-default", "--basis-color-action-2-color-default")


def locked_message() -> str:
    """The same words whether or not the name exists."""
    return _("Too many failed attempts. Try again in %(minutes)d minutes.") % {
        "minutes": settings.STAFF_LOCKOUT_MINUTES
    }


class StaffLoginForm(StyledFormMixin, AuthenticationForm):
    """Django's login form, behind the lock-out: each attempt is reserved before the password is
    checked, and refused while the name or the client address is locked."""

    attempt: lockout.Attempt | None = None

    def clean(self):
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if username is None or not password:
            return self.cleaned_data
        self.attempt = lockout.attempt_begin(username=username, address=lockout.client_address(self.request))
        if not self.attempt.allowed:
            login_failed_record(user=user_by_name(username), reason="refused, locked out")
            raise forms.ValidationError(locked_message(), code="locked")
        self.user_cache = authenticate(self.request, username=username, password=password)
        if self.user_cache is None:
            login_failed_record(user=user_by_name(username), reason="password refused")
            raise self.get_invalid_login_error()
        self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data


class SecondStepForm(StyledFormMixin, forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=40,
        help_text=_("The 6 digits your authenticator app shows now, or one of your recovery codes."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
        ),
    )


class SetupForm(StyledFormMixin, forms.Form):
    code = forms.CharField(
        label=_("Code from the app"),
        max_length=10,
        help_text=_("The 6 digits the app shows for Buurtpeil."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}
        ),
    )


def logo_content_type(head: bytes) -> str | None:
    for signature, content_type in LOGO_SIGNATURES.items():
        if head.startswith(signature) and (signature != b"RIFF" or head[8:12] == b"WEBP"):
            return content_type
    return None


def contrast_with_white(colour: str) -> float:
    """WCAG 2 contrast ratio of a #rrggbb colour against white."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    luminance = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    return 1.05 / (luminance + 0.05)


class OrganisationSettingsForm(StyledFormMixin, forms.ModelForm):
    primary_colour = forms.CharField(
        label=_("Main colour"),
        required=False,
        max_length=7,
        help_text=_("As #rrggbb, for buttons and links. It must contrast at least 4.5:1 with white text."),
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "default_language",
            "logo",
            "privacy_contact",
            "retention_months",
            "privacy_minimum",
            "reliability_minimum",
            "indicative_half_width",
            "design_tokens",
        ]
        widgets = {"design_tokens": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "logo": _("PNG, JPEG or WebP, at most 512 KB."),
            "retention_months": _(
                "The answers to a poll are deleted this many months after it stopped taking answers "
                "(at least 1). Computed results stay."
            ),
            "design_tokens": _(
                'Advanced: further NL Design System tokens as JSON, e.g. {"--utrecht-...": "#004699"}.'
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["primary_colour"].initial = (self.instance.design_tokens or {}).get(
            PRIMARY_COLOUR_TOKENS[0], ""
        )

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if not logo or logo == self.instance.logo:
            return logo
        if logo.size > LOGO_MAX_BYTES:
            raise forms.ValidationError(_("The logo is larger than 512 KB."))
        head = logo.read(16)
        logo.seek(0)
        if logo_content_type(head) is None:
            raise forms.ValidationError(_("The logo must be a PNG, JPEG or WebP image."))
        return logo

    def clean_primary_colour(self):
        colour = self.cleaned_data["primary_colour"].strip()
        if not colour:
            return ""
        if not HEX_COLOUR.match(colour):
            raise forms.ValidationError(_("Give the colour as # followed by six hexadecimal digits."))
        ratio = contrast_with_white(colour)
        if ratio < 4.5:
            raise forms.ValidationError(
                _(
                    "This colour contrasts %(ratio).1f:1 with white; "
                    "at least 4.5:1 is needed for readable text."
                )
                % {"ratio": ratio}
            )
        return colour.lower()

    def clean(self):
        cleaned = super().clean()
        privacy, reliability = cleaned.get("privacy_minimum"), cleaned.get("reliability_minimum")
        if privacy is not None and privacy < 1:
            self.add_error("privacy_minimum", _("At least 1: a figure of no respondents cannot be shown."))
        if privacy is not None and reliability is not None and reliability < privacy:
            self.add_error(
                "reliability_minimum", _("The reliability minimum cannot be below the privacy minimum.")
            )
        tokens = dict(cleaned.get("design_tokens") or {})
        colour = cleaned.get("primary_colour")
        for token in PRIMARY_COLOUR_TOKENS:
            if colour:
                tokens[token] = colour
            elif "primary_colour" in self.changed_data:
                tokens.pop(token, None)
        cleaned["design_tokens"] = tokens
        return cleaned


class FirstPasswordForm(StyledFormMixin, SetPasswordForm):
    """The password an invited person chooses with the link in the invitation."""
