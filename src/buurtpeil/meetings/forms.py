"""Forms of meetings: the staff's meeting, report, agreement and goal choice; the resident's
registration and question."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from buurtpeil.areas.models import Area
from buurtpeil.core.forms import StyledFormMixin
from buurtpeil.meetings.models import Meeting
from buurtpeil.meetings.services import QUESTION_MAX

MOMENT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MeetingForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["kind", "title", "area", "description", "place", "starts_at", "ends_at", "capacity"]
        widgets = {"starts_at": MOMENT, "ends_at": MOMENT, "description": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "area": _("The wijk or buurt the meeting is for; its panel members are invited."),
            "capacity": _("Leave empty when there is no maximum."),
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        areas = Area.objects.filter(
            organisation=organisation, level__in=[Area.Level.DISTRICT, Area.Level.NEIGHBOURHOOD]
        ).order_by("code")
        self.fields["area"].queryset = areas
        self.fields["area"].label_from_instance = lambda area: f"{area.name} ({area.get_level_display()})"
        for name in ("starts_at", "ends_at"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]

    def clean(self):
        data = super().clean()
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            raise forms.ValidationError(_("The meeting must end after it starts."))
        return data


class ReportForm(StyledFormMixin, forms.Form):
    report = forms.CharField(
        label=pgettext_lazy("meeting", "What was said"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        max_length=10_000,
        help_text=_("The main points, without names of residents."),
    )
    held = forms.BooleanField(label=_("The meeting was held"), required=False)


class AgreementForm(StyledFormMixin, forms.Form):
    text = forms.CharField(label=pgettext_lazy("meeting", "Agreement"), max_length=300)
    who = forms.CharField(label=pgettext_lazy("meeting", "Who"), max_length=200)
    due = forms.DateField(label=pgettext_lazy("meeting", "By when"), required=False, widget=DATE)


class GoalChoiceForm(StyledFormMixin, forms.Form):
    goal = forms.TypedChoiceField(label=_("Under the goal"), coerce=int)

    def __init__(self, *args, goals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].choices = [(goal.pk, f"{goal.title} ({goal.plan.title})") for goal in goals]


class RegistrationForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=120, required=False)
    email = forms.EmailField(
        label=_("Your e-mail address"),
        required=False,
        help_text=_("Only to reach you about this meeting; deleted a month after it."),
    )

    def __init__(self, *args, recognised: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not recognised:
            self.fields["name"].required = True
            self.fields["email"].required = True


class QuestionForm(StyledFormMixin, forms.Form):
    question = forms.CharField(
        label=_("Your question or topic"),
        max_length=QUESTION_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Do not name people. Names, phone numbers and addresses are removed."),
        error_messages={"max_length": _("Keep it to %(limit_value)d characters (now %(show_value)d).")},
    )
