"""Forms of the safety plan. The goal form asks the SMART questions and checks them with
``services.goal_check``; a share's target is typed as a percentage."""

from __future__ import annotations

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from buurtpeil.areas.models import Area
from buurtpeil.core.forms import StyledFormMixin
from buurtpeil.partners.models import Partner
from buurtpeil.plans import services
from buurtpeil.plans.models import FACTOR_CHOICES, Action, Plan
from buurtpeil.polls.indicators import FACTORS, factor_label, indicator_is_share, indicator_label

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PlanForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Plan
        fields = ["title", "starts", "ends"]
        widgets = {"starts": DATE, "ends": DATE}
        help_texts = {"title": _("For example: Integraal Veiligheidsplan 2027-2030.")}

    def clean(self):
        data = super().clean()
        if data.get("starts") and data.get("ends") and data["ends"] <= data["starts"]:
            raise forms.ValidationError(_("The plan must end after it starts."))
        return data


class AdoptForm(StyledFormMixin, forms.Form):
    """One check box and one reason per Tafel van 12 factor."""

    plan = forms.ModelChoiceField(label=_("Plan"), queryset=Plan.objects.none())

    def __init__(self, *args, plans, reasons: dict[int, str], adopted: set[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = plans
        language = get_language() or "nl"
        for factor in FACTORS:
            suggested = factor in reasons
            self.fields[f"adopt_{factor}"] = forms.BooleanField(
                label=f"{factor}. {factor_label(factor, language)}",
                required=False,
                initial=suggested and factor not in adopted,
                disabled=factor in adopted,
                help_text=_("Already a priority in this plan.") if factor in adopted else "",
            )
            self.fields[f"reason_{factor}"] = forms.CharField(
                label=_("Reason"),
                required=False,
                initial=reasons.get(factor, ""),
                widget=forms.Textarea({"rows": 2}),
            )

    def factor_rows(self):
        return [(self[f"adopt_{factor}"], self[f"reason_{factor}"]) for factor in FACTORS]

    def chosen(self) -> dict[int, str]:
        return {
            factor: self.cleaned_data.get(f"reason_{factor}", "")
            for factor in FACTORS
            if self.cleaned_data.get(f"adopt_{factor}")
        }


def indicator_choices(language: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """The indicators a goal can use, grouped under the overall feeling of safety and each factor."""
    groups = [
        (str(_("Feeling of safety")), None),
        *((f"{f}. {factor_label(f, language)}", f) for f in FACTORS),
    ]
    return [("", "\u2014")] + [
        (label, [(code, indicator_label(code, language)) for code in services.indicators_of(factor)])
        for label, factor in groups
    ]


class GoalForm(StyledFormMixin, forms.Form):
    title = forms.CharField(
        label=_("Goal"),
        max_length=300,
        help_text=_(
            "What should be different, for whom, e.g. “Fewer residents of the Schilderswijk feel "
            "unsafe at night”."
        ),
    )
    areas = forms.ModelMultipleChoiceField(
        label=_("Area or areas"), queryset=Area.objects.none(), widget=forms.SelectMultiple(attrs={"size": 8})
    )
    factor = forms.TypedChoiceField(label=_("Tafel van 12 factor"), choices=FACTOR_CHOICES, coerce=int)
    indicator = forms.ChoiceField(
        label=_("Indicator that measures it"),
        help_text=_("The baseline is the latest computed poll result of this indicator in each area."),
    )
    target = forms.DecimalField(
        label=_("Target value"),
        max_digits=7,
        decimal_places=2,
        min_value=0,
        help_text=_("In percent for a share (e.g. 20 for 20%); otherwise on the indicator's own scale."),
    )
    deadline = forms.DateField(label=_("Deadline"), widget=DATE)
    owner = forms.CharField(label=_("Owner"), max_length=200, help_text=_("Who answers for this goal."))
    confirm_undetectable = forms.BooleanField(
        label=_("Save anyway: I know the change may be too small to detect"), required=False
    )

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["areas"].queryset = Area.objects.filter(organisation=plan.organisation).order_by(
            "level", "name"
        )
        self.fields["indicator"].choices = indicator_choices(get_language() or "nl")
        self.check: services.GoalCheck | None = None

    def clean(self):
        data = super().clean()
        indicator, target = data.get("indicator"), data.get("target")
        if indicator and target is not None:
            data["target"] = float(target) / 100 if indicator_is_share(indicator) else float(target)
            if indicator_is_share(indicator) and data["target"] > 1:
                self.add_error("target", _("A percentage lies between 0 and 100."))
                return data
        if any(data.get(name) in (None, "") for name in ("areas", "indicator", "target", "deadline")):
            return data  # the missing field says so itself
        self.check = services.goal_check(
            organisation=self.plan.organisation,
            factor=data.get("factor"),
            indicator=indicator or "",
            areas=list(data["areas"]),
            target=data.get("target"),
            deadline=data.get("deadline"),
        )
        for error in self.check.errors:
            self.add_error(None, error)
        if not self.check.errors and self.check.warnings and not data.get("confirm_undetectable"):
            for warning in self.check.warnings:
                self.add_error("confirm_undetectable", warning)
        return data


class ActionForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Action
        fields = ["title", "partners", "starts", "ends", "status", "budget", "notes"]
        widgets = {
            "starts": DATE,
            "ends": DATE,
            "partners": forms.CheckboxSelectMultiple,
            "notes": forms.Textarea({"rows": 3}),
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partners"].queryset = Partner.objects.filter(organisation=organisation)
        self.fields["partners"].required = False

    def clean(self):
        data = super().clean()
        if data.get("starts") and data.get("ends") and data["ends"] < data["starts"]:
            self.add_error("ends", _("The end date cannot be before the start date."))
        return data
