from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from buurtpeil.areas.models import Area
from buurtpeil.core.forms import StyledFormMixin
from buurtpeil.partners.models import KeyFigure, Partner, Professional


class _OrganisationAreasForm(StyledFormMixin, forms.ModelForm):
    """A record of one organisation, optionally tied to its wijken and buurten."""

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        self.fields["areas"].queryset = Area.objects.filter(organisation=organisation).exclude(
            level=Area.Level.MUNICIPALITY
        )
        self.fields["areas"].required = False


class PartnerForm(_OrganisationAreasForm):
    class Meta:
        model = Partner
        fields = ["name", "sector", "contact_name", "contact_email", "areas"]
        widgets = {"areas": forms.SelectMultiple(attrs={"size": 8})}
        help_texts = {
            "areas": _("The wijken and buurten the partner works in; none for the whole municipality."),
            "contact_email": _("The contact person gets the network poll and the polls sent to partners."),
        }

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        others = Partner.objects.filter(organisation=self.instance.organisation, name__iexact=name)
        if others.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("There is already a partner with this name."))
        return name


class KeyFigureForm(_OrganisationAreasForm):
    consent = forms.BooleanField(
        label=_("This person agreed to be registered and contacted by the municipality about safety"),
        help_text=_("Without consent a key figure is not registered. They can ask to be erased at any time."),
    )

    class Meta:
        model = KeyFigure
        fields = ["name", "community", "areas", "languages", "email", "phone"]
        widgets = {"areas": forms.SelectMultiple(attrs={"size": 8})}
        help_texts = {
            "languages": _("For example: Nederlands, Turks, Arabisch."),
            "email": _(
                "With an e-mail address or a phone number, the key figure gets the polls sent to key figures."
            ),
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, organisation=organisation, **kwargs)
        if self.instance.pk:
            self.fields["consent"].initial = True

    def save(self, commit=True):
        if not self.instance.consent_at:
            self.instance.consent_at = timezone.now()
        return super().save(commit)


class ProfessionalForm(_OrganisationAreasForm):
    class Meta:
        model = Professional
        fields = ["name", "role", "employer", "areas", "email", "phone"]
        widgets = {"areas": forms.SelectMultiple(attrs={"size": 8})}
        help_texts = {
            "employer": _("For example: Politie eenheid Den Haag, or the municipality's department."),
            "areas": _("The wijken and buurten they work in; none for the whole municipality."),
            "email": _("With an e-mail address or a phone number, they get the polls sent to professionals."),
        }
