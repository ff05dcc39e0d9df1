from django import forms
from django.utils.translation import gettext_lazy as _

from buurtpeil.areas.models import Area
from buurtpeil.core.forms import StyledFormMixin
from buurtpeil.partners.models import Partner


class PartnerForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Partner
        fields = ["name", "sector", "contact_name", "contact_email", "areas"]
        widgets = {"areas": forms.SelectMultiple(attrs={"size": 8})}
        help_texts = {
            "areas": _("The wijken and buurten the partner works in; none for the whole municipality.")
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        self.fields["areas"].queryset = Area.objects.filter(organisation=organisation).exclude(
            level=Area.Level.MUNICIPALITY
        )
        self.fields["areas"].required = False

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        others = Partner.objects.filter(organisation=self.instance.organisation, name__iexact=name)
        if others.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("There is already a partner with this name."))
        return name
