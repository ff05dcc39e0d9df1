"""The two ways to ask for a council report: of one poll, or of a period."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from buurtpeil.core.forms import StyledFormMixin


class _LanguageMixin(forms.Form):
    language = forms.ChoiceField(label=_("Language of the report"), choices=settings.LANGUAGES)


class CouncilPollForm(StyledFormMixin, _LanguageMixin):
    poll = forms.ModelChoiceField(
        label=_("Poll"),
        queryset=None,
        empty_label=None,
        help_text=_("Polls whose results have been computed."),
    )
    field_order = ["poll", "language"]

    def __init__(self, *args, polls, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["poll"].queryset = polls


class CouncilPeriodForm(StyledFormMixin, _LanguageMixin):
    period_start = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    period_end = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}))
    field_order = ["period_start", "period_end", "language"]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and start > end:
            self.add_error("period_end", _("The period must end on or after its first day."))
        return cleaned
