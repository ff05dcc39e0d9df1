from django import forms
from django.utils.translation import gettext_lazy as _

from buurtpeil.areas.selectors import buurt_by_code
from buurtpeil.core.forms import StyledFormMixin
from buurtpeil.panel.models import AgeGroup, Household, MigrationBackground, Sex
from buurtpeil.panel.selectors import buurt_choices, invitation_open

CODE_INVALID = _("This code is not valid. Check the code in your letter; each code can be used only once.")


class EmailForm(StyledFormMixin, forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        error_messages={
            "required": _("Enter your e-mail address."),
            "invalid": _("Enter an e-mail address in the form name@example.nl."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )


class CodeForm(StyledFormMixin, forms.Form):
    code = forms.CharField(
        label=_("Letter code"),
        help_text=_("The 8 characters in your letter, for example ABCD-2345."),
        max_length=40,
        error_messages={"required": _("Enter the code from your letter.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.invitation = None

    def clean_code(self):
        # The same message for an unknown and a used code: nothing is revealed about others' codes.
        self.invitation = invitation_open(self.organisation, self.cleaned_data["code"])
        if self.invitation is None:
            raise forms.ValidationError(CODE_INVALID, code="invalid")
        return self.cleaned_data["code"]


def _optional(choices):
    return [("", _("I'd rather not say")), *choices]


class ProfileForm(StyledFormMixin, forms.Form):
    buurt = forms.ChoiceField(
        label=_("Your neighbourhood (buurt)"),
        help_text=_("Choose the buurt where you live, grouped by district (wijk)."),
        error_messages={"required": _("Choose your buurt.")},
    )
    age_group = forms.ChoiceField(
        label=_("Your age"),
        choices=AgeGroup.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose your age group.")},
    )
    sex = forms.ChoiceField(
        label=_("You are"),
        choices=Sex.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Say whether you are a woman, a man or other.")},
    )
    household = forms.ChoiceField(
        label=_("Your household"),
        choices=_optional(Household.choices),
        widget=forms.RadioSelect,
        required=False,
    )
    migration_background = forms.ChoiceField(
        label=_("Where were you and your parents born?"),
        choices=_optional(MigrationBackground.choices),
        widget=forms.RadioSelect,
        required=False,
    )
    consent = forms.BooleanField(
        label=_("I have read the privacy statement and I agree that my answers are used as it describes."),
        error_messages={"required": _("To join the panel, you need to agree to the privacy statement.")},
    )

    def __init__(self, *args, organisation, ask_consent: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["buurt"].choices = [("", _("Choose your buurt")), *buurt_choices(organisation)]
        if not ask_consent:
            del self.fields["consent"]

    def clean_buurt(self):
        buurt = buurt_by_code(self.organisation, self.cleaned_data["buurt"])
        if buurt is None:
            raise forms.ValidationError(_("Choose your buurt."), code="invalid")
        return buurt

    @property
    def radio_groups(self):
        return [self[name] for name in ("age_group", "sex", "household", "migration_background")]

    @classmethod
    def initial_for(cls, member) -> dict:
        return {
            "buurt": member.buurt.code if member.buurt else "",
            "age_group": member.age_group,
            "sex": member.sex,
            "household": member.household,
            "migration_background": member.migration_background,
        }


class RecruitmentUploadForm(StyledFormMixin, forms.Form):
    name = forms.CharField(
        label=_("Name of the batch"),
        max_length=200,
        help_text=_("For example: random sample, spring 2026."),
    )
    file = forms.FileField(
        label=_("Invitees (CSV)"),
        help_text=_("Columns: name (optional), address, buurtcode. Separated by ; or , and saved as UTF-8."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    MAX_BYTES = 5 * 1024 * 1024

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB; split it into several batches."))
        return upload
