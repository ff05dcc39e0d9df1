from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from buurtpeil.areas.models import Area
from buurtpeil.core.forms import StyledFormMixin
from buurtpeil.watch.models import CODE_VERSION, WatchGroup

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class WatchGroupForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = WatchGroup
        fields = [
            "name",
            "kind",
            "areas",
            "size",
            "started_on",
            "status",
            "coordinator_name",
            "coordinator_email",
            "coordinator_phone",
            "police_contact",
            "police_last_contact",
            "municipality_contact",
            "municipality_last_contact",
            "code_signed_on",
            "code_version",
        ]
        widgets = {
            "areas": forms.SelectMultiple(attrs={"size": 8}),
            "started_on": DATE,
            "police_last_contact": DATE,
            "municipality_last_contact": DATE,
            "code_signed_on": DATE,
        }
        help_texts = {
            "areas": _("The buurten the group covers."),
            "coordinator_email": _("The check-in goes to this address."),
            "code_version": _("Empty: the current version of the code of conduct."),
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        self.fields["areas"].queryset = Area.objects.filter(
            organisation=organisation, level=Area.Level.NEIGHBOURHOOD
        ).order_by("name")
        self.fields["size"].min_value = 1
        self.fields["size"].widget.attrs["min"] = 1

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        others = WatchGroup.objects.filter(organisation=self.instance.organisation, name__iexact=name)
        if others.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("There is already a group with this name."))
        return name

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        for name in ("started_on", "police_last_contact", "municipality_last_contact", "code_signed_on"):
            if data.get(name) and data[name] > today:
                self.add_error(name, _("This date lies in the future."))
        if data.get("police_last_contact") and not data.get("police_contact"):
            data["police_contact"] = True
        if data.get("municipality_last_contact") and not data.get("municipality_contact"):
            data["municipality_contact"] = True
        if data.get("code_signed_on") and not data.get("code_version"):
            data["code_version"] = CODE_VERSION
        if data.get("code_version") and not data.get("code_signed_on"):
            self.add_error("code_signed_on", _("Give the date the code of conduct was signed."))
        return data


FREQUENCY = [("never", _("Never")), ("once", _("Once")), ("several", _("More than once"))]
HABIT = [("never", _("Never")), ("sometimes", _("Sometimes")), ("often", _("Often"))]


class CheckInForm(forms.Form):
    """The coordinator's check-in. The choices' values are those of ``checkin.py``."""

    members = forms.IntegerField(
        label=_("About how many members does the group have now?"), min_value=1, max_value=100_000,
        required=False,
    )  # fmt: skip
    police_calls = forms.IntegerField(
        label=_("How often did members call 112 or the police since %(date)s?"), min_value=0, max_value=1000
    )
    calls_nothing = forms.IntegerField(
        label=_("And how many of those calls turned out to be nothing?"), min_value=0, max_value=1000
    )
    self_action = forms.ChoiceField(
        label=_("Did members speak to, stop or follow people themselves?"),
        choices=FREQUENCY,
        widget=forms.RadioSelect,
    )
    appearance_reports = forms.ChoiceField(
        label=_("Were people reported as suspicious because of how they look?"),
        choices=FREQUENCY,
        widget=forms.RadioSelect,
    )
    neighbour_tracking = forms.ChoiceField(
        label=_("Do members keep track of when neighbours come and go?"),
        choices=HABIT,
        widget=forms.RadioSelect,
    )
    photos_shared = forms.ChoiceField(
        label=_("Are photos of people shared in the group?"), choices=HABIT, widget=forms.RadioSelect
    )
    chat_tone = forms.ChoiceField(
        label=_("What is the tone in the group's chat?"),
        choices=[
            ("friendly", _("Friendly")),
            ("mostly_friendly", _("Mostly friendly")),
            ("sometimes_hostile", _("Sometimes hostile")),
            ("often_hostile", _("Often hostile")),
        ],
        widget=forms.RadioSelect,
    )
    code_followed = forms.ChoiceField(
        label=_("Do members keep to the agreements of the code of conduct?"),
        choices=[
            ("yes", _("Yes")),
            ("mostly", _("Mostly")),
            ("no", _("No")),
            ("unknown", _("I do not know")),
        ],
        widget=forms.RadioSelect,
    )
    police_contact = forms.ChoiceField(
        label=_("Did the group have contact with the wijkagent in this period?"),
        choices=[("regular", _("Yes, regularly")), ("once", _("Once")), ("none", _("No"))],
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, since, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["police_calls"].label = self.fields["police_calls"].label % {"date": since}
        for field in self.fields.values():
            if isinstance(field.widget, forms.NumberInput):
                field.widget.attrs.update(
                    {"class": "utrecht-textbox utrecht-textbox--html-input", "inputmode": "numeric"}
                )

    def clean(self):
        data = super().clean()
        calls, nothing = data.get("police_calls"), data.get("calls_nothing")
        if calls is not None and nothing is not None and nothing > calls:
            self.add_error("calls_nothing", _("This cannot be more than the number of calls."))
        return data

    def answers(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if value is not None}
