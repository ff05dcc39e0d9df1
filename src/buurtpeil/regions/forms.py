from django import forms
from django.utils.translation import gettext_lazy as _

from buurtpeil.core.forms import StyledFormMixin
from buurtpeil.regions.models import URBANITY_CHOICES


class MemberForm(StyledFormMixin, forms.Form):
    code = forms.CharField(
        label=_("Code of the municipality"),
        max_length=12,
        help_text=_("The CBS or NIS code, e.g. GM0518. The municipality's administrator must agree."),
    )


class ComparisonForm(StyledFormMixin, forms.Form):
    urbanity = forms.TypedChoiceField(
        label=_("Urbanity (CBS stedelijkheid)"),
        choices=[("", "-"), *URBANITY_CHOICES],
        coerce=int,
        empty_value=None,
        required=False,
    )
    consent = forms.BooleanField(
        label=_("Compare us with similar municipalities that agree to the same"),
        required=False,
        help_text=_(
            "Your figures for the whole municipality are shown to municipalities of similar size "
            "and urbanity that agree too, never below your privacy minimum."
        ),
    )

    def clean(self):
        data = super().clean()
        if data.get("consent") and not data.get("urbanity"):
            raise forms.ValidationError(_("Choose your urbanity before agreeing to comparison."))
        return data
