from django import forms
from django.utils.translation import gettext_lazy as _

from buurtpeil.core.forms import StyledFormMixin
from buurtpeil.practices.models import FACTOR_CHOICES, Practice
from buurtpeil.practices.texts import TEXT_FIELDS, masked


class PracticeForm(StyledFormMixin, forms.ModelForm):
    """The practice as it will be shared. Text with personal data is masked in the form and
    refused until the masked text is checked and saved again."""

    class Meta:
        model = Practice
        fields = ["title", "problem", "factor", "approach", "partners", "cost", "effect", "caution"]
        widgets = {
            "problem": forms.Textarea(attrs={"rows": 3}),
            "approach": forms.Textarea(attrs={"rows": 5}),
            "effect": forms.Textarea(attrs={"rows": 3}),
            "caution": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "partners": _("Names of partner organisations only, never of people."),
            "effect": _("From the goal's evaluation; say what was measured, where and when."),
        }

    def clean(self):
        data = super().clean()
        found = []
        for name in TEXT_FIELDS:
            value = data.get(name)
            if isinstance(value, str) and masked(value) != value:
                found.append(name)
        if found:
            self.data = self.data.copy()
            for name in found:
                self.data[name] = masked(data[name])
                self.add_error(
                    name,
                    _(
                        "This text held personal data (an e-mail address, phone number, postcode, "
                        "address or name); it is masked now. Check it and save again."
                    ),
                )
        return data


class SearchForm(StyledFormMixin, forms.Form):
    q = forms.CharField(label=_("Search in problem and approach"), max_length=100, required=False)
    factor = forms.TypedChoiceField(
        label=_("Factor"),
        choices=[("", _("All factors")), *FACTOR_CHOICES],
        coerce=int,
        empty_value=None,
        required=False,
    )


class CopyForm(StyledFormMixin, forms.Form):
    goal = forms.ModelChoiceField(label=_("Under the goal"), queryset=None)

    def __init__(self, *args, goals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = goals
        self.fields["goal"].label_from_instance = lambda goal: f"{goal.plan.title}: {goal.title}"
