"""The staff form to send a poll: target, channels, start and end, reminders."""

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from buurtpeil.core.forms import StyledFormMixin
from buurtpeil.distribution import channels
from buurtpeil.panel.selectors import trait_choices

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


def _datetime_widget():
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT)


class SendForm(StyledFormMixin, forms.Form):
    poll = forms.TypedChoiceField(label=_("Poll"), coerce=int)
    scope = forms.ChoiceField(
        label=_("Who"),
        choices=[("panel", _("The whole panel")), ("areas", _("Chosen wijken and buurten"))],
        initial="panel",
        widget=forms.RadioSelect,
    )
    areas = forms.TypedMultipleChoiceField(label=_("Wijken and buurten"), coerce=int, required=False)
    sample_per_buurt = forms.IntegerField(
        label=_("Random sample per buurt"),
        help_text=_(
            "Invite at most this many members per buurt, drawn at random. Leave empty to invite all."
        ),
        min_value=1,
        max_value=100_000,
        required=False,
    )
    channels = forms.MultipleChoiceField(
        label=_("Channels"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one channel.")},
    )
    starts_at = forms.DateTimeField(label=_("Start"), widget=_datetime_widget())
    ends_at = forms.DateTimeField(label=_("End"), widget=_datetime_widget())
    reminder_days = forms.CharField(
        label=_("Reminders"),
        help_text=_("Days after the start on which members who have not answered get a reminder, e.g. 3, 7."),
        max_length=50,
        required=False,
    )

    def __init__(self, *args, polls, area_ids, **kwargs):
        now = timezone.localtime().replace(second=0, microsecond=0)
        kwargs.setdefault("initial", {})
        kwargs["initial"] = {
            "starts_at": now,
            "ends_at": now + timedelta(days=14),
            "reminder_days": "3, 7",
            "channels": ["email"],
            **kwargs["initial"],
        }
        super().__init__(*args, **kwargs)
        self.fields["poll"].choices = [(poll.pk, poll.title) for poll in polls]
        self.fields["areas"].choices = [(area_id, str(area_id)) for area_id in area_ids]
        self.fields["channels"].choices = [
            (plugin.identifier, plugin.verbose_name) for plugin in channels.register if plugin.is_available()
        ]
        self.trait_names = []
        for trait, (label, choices) in trait_choices().items():
            self.fields[trait] = forms.MultipleChoiceField(
                label=label, choices=choices, required=False, widget=forms.CheckboxSelectMultiple
            )
            self.trait_names.append(trait)

    def trait_fields(self):
        return [self[name] for name in self.trait_names]

    def clean_reminder_days(self):
        raw = self.cleaned_data["reminder_days"].replace(";", ",")
        try:
            return sorted({int(part) for part in raw.split(",") if part.strip()})
        except ValueError:
            raise forms.ValidationError(
                _("Write whole numbers of days, separated by commas."), code="invalid"
            ) from None

    def clean(self):
        data = super().clean()
        if data.get("scope") == "areas" and not data.get("areas"):
            self.add_error("areas", _("Choose at least one wijk or buurt."))
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            self.add_error("ends_at", _("The end must come after the start."))
        return data

    def target(self) -> dict:
        data = self.cleaned_data
        target: dict = {
            "areas": data["areas"] if data["scope"] == "areas" else [],
            "traits": {name: data[name] for name in self.trait_names if data.get(name)},
        }
        if data.get("sample_per_buurt"):
            target["sample_per_buurt"] = data["sample_per_buurt"]
        return target
