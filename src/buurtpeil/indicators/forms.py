from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from buurtpeil.core.forms import StyledFormMixin
from buurtpeil.indicators.importer import MAX_BYTES


class FigureUploadForm(StyledFormMixin, forms.Form):
    file = forms.FileField(
        label=_("File of figures per buurt (CSV)"),
        help_text=_("The long format described above, or a CBS StatLine CSV export. At most 20 MB."),
        widget=forms.FileInput(attrs={"accept": ".csv,text/csv"}),
    )
    source = forms.CharField(
        label=_("Source"),
        max_length=200,
        help_text=_(
            "Where the figures come from, as it should be cited, e.g. “CBS/Politie, 47018NED, 2023”."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is None:
            return None
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("The file is %(size)s; files up to %(limit)s can be imported."),
                code="too_large",
                params={"size": filesizeformat(upload.size), "limit": filesizeformat(MAX_BYTES)},
            )
        if not upload.name.lower().endswith((".csv", ".txt")):
            raise forms.ValidationError(
                _("“%(name)s” is not a CSV file (.csv)."), code="wrong_type", params={"name": upload.name}
            )
        return upload
