"""The staff forms of open answers: filtering the list, and correcting one answer's labels."""

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from buurtpeil.core.forms import StyledFormMixin
from buurtpeil.openanswers.selectors import Filters
from buurtpeil.openanswers.themes import THEME_CHOICES
from buurtpeil.polls.indicators import FACTORS, factor_label

SEARCH_MAX = 200


def factor_choices() -> list[tuple[int, str]]:
    language = (get_language() or "nl")[:2]
    return [(number, f"{number}. {factor_label(number, language)}") for number in FACTORS]


class FilterForm(StyledFormMixin, forms.Form):
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    factor = forms.TypedChoiceField(label=_("Factor"), coerce=int, empty_value=None, required=False)
    question = forms.ChoiceField(label=_("Question"), required=False)
    q = forms.CharField(label=_("Search in the answers"), max_length=SEARCH_MAX, required=False)

    def __init__(self, *args, questions: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [("", _("All themes")), *THEME_CHOICES]
        self.fields["factor"].choices = [("", _("All factors")), *factor_choices()]
        self.fields["question"].choices = [("", _("All questions")), *questions]
        self.fields["q"].widget.attrs["type"] = "search"

    def filters(self) -> Filters:
        """The valid filters; a field with a wrong value filters nothing (and shows its error)."""
        if not self.is_bound:
            return Filters()
        self.is_valid()
        data = self.cleaned_data
        return Filters(
            theme=data.get("theme") or "",
            factor=data.get("factor"),
            question=data.get("question") or "",
            search=(data.get("q") or "").strip(),
        )


class CorrectionForm(StyledFormMixin, forms.Form):
    theme = forms.ChoiceField(label=_("Theme"))
    factor = forms.TypedChoiceField(label=_("Factor"), coerce=int)

    def __init__(self, *args, answer_id: int, **kwargs):
        super().__init__(*args, auto_id=f"answer-{answer_id}-%s", **kwargs)
        self.fields["theme"].choices = THEME_CHOICES
        self.fields["factor"].choices = factor_choices()
