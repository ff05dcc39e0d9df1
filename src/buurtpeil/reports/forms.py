"""The staff form of the exports page: the language. The format is the button pressed."""

from django import forms
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from buurtpeil.core.forms import StyledFormMixin


def language_name(code: str) -> str:
    try:
        return get_language_info(code)["name_translated"]
    except KeyError:
        return code


class ExportForm(StyledFormMixin, forms.Form):
    language = forms.ChoiceField(
        label=_("Language of the questions and labels"),
        error_messages={"invalid_choice": _("Choose one of the poll's languages.")},
    )

    def __init__(self, *args, languages: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [(code, language_name(code)) for code in languages]
