from django import forms
from django.utils.translation import gettext_lazy as _

from buurtpeil.core.forms import StyledFormMixin


class ApiTokenForm(StyledFormMixin, forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, e.g. “Dashboard of the policy team”."),
    )
