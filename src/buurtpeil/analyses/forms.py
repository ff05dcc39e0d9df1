"""Forms of the neighbourhood analysis: starting one, writing it, adopting a factor into the plan
and inviting a partner."""

from __future__ import annotations

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from buurtpeil.analyses.selectors import FACTOR_NUMBERS, TEXT_LIMIT, analysis_areas
from buurtpeil.areas.models import Area
from buurtpeil.core.forms import StyledFormMixin
from buurtpeil.partners.models import Partner
from buurtpeil.plans.models import Plan
from buurtpeil.polls.indicators import factor_label


class AreaChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.get_level_display().lower()})"


class AreasChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.get_level_display().lower()})"


class AnalysisNewForm(StyledFormMixin, forms.Form):
    area = AreaChoice(label=_("Wijk or buurt"), queryset=Area.objects.none())
    title = forms.CharField(
        label=_("Title or period"), max_length=200, help_text=_("For example: Buurtanalyse 2027.")
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = analysis_areas(organisation)


class AnalysisForm(StyledFormMixin, forms.Form):
    """The text of an analysis; ``version`` is the version the writer started from."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    strengths = forms.CharField(
        label=_("Strengths of the area"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea({"rows": 4}),
    )
    weaknesses = forms.CharField(
        label=_("Weaknesses of the area"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea({"rows": 4}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        language = get_language() or "nl"
        for n in FACTOR_NUMBERS:
            self.fields[f"factor_{n}"] = forms.CharField(
                label=_("Observations on %(factor)s") % {"factor": f"{n}. {factor_label(n, language)}"},
                required=False,
                max_length=TEXT_LIMIT,
                widget=forms.Textarea({"rows": 3}),
            )
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "utrecht-textarea")

    @classmethod
    def initial_from(cls, analysis) -> dict:
        content = analysis.content or {}
        initial = {
            "version": analysis.version,
            "strengths": content.get("strengths", ""),
            "weaknesses": content.get("weaknesses", ""),
        }
        for n in FACTOR_NUMBERS:
            initial[f"factor_{n}"] = (content.get("factors") or {}).get(str(n), "")
        return initial

    def content(self) -> dict:
        data = self.cleaned_data
        return {
            "strengths": data["strengths"],
            "weaknesses": data["weaknesses"],
            "factors": {str(n): data[f"factor_{n}"] for n in FACTOR_NUMBERS},
        }

    def factor_field(self, n: int):
        return self[f"factor_{n}"]


class AnalysisAdoptForm(StyledFormMixin, forms.Form):
    plan = forms.ModelChoiceField(label=_("Plan"), queryset=Plan.objects.none())
    factor = forms.TypedChoiceField(label=_("Factor"), coerce=int, choices=())
    reasons = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea({"rows": 3}))

    def __init__(self, *args, plans, **kwargs):
        super().__init__(*args, **kwargs)
        language = get_language() or "nl"
        self.fields["plan"].queryset = plans
        self.fields["factor"].choices = [(n, f"{n}. {factor_label(n, language)}") for n in FACTOR_NUMBERS]


class PartnerInviteForm(StyledFormMixin, forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    name = forms.CharField(label=_("Name"), max_length=150)
    areas = AreasChoice(
        label=_("Areas this partner sees"),
        queryset=Area.objects.none(),
        help_text=_("The partner sees only the analyses and aggregated results of these areas."),
    )
    partner = forms.ModelChoiceField(
        label=_("On behalf of partner organisation"), queryset=Partner.objects.none(), required=False
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["areas"].queryset = analysis_areas(organisation)
        self.fields["areas"].widget.attrs["size"] = 8
        self.fields["partner"].queryset = Partner.objects.filter(organisation=organisation)
