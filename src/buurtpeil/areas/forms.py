from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from buurtpeil.core.forms import StyledFormMixin

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
GEOJSON_EXTENSIONS = (".geojson", ".json")
CSV_EXTENSIONS = (".csv", ".txt")


def _checked_file(upload, *, extensions: tuple[str, ...], wrong_type: str):
    """Size and type are checked before anything reads the file."""
    if upload is None:
        return None
    if upload.size > MAX_UPLOAD_BYTES:
        raise forms.ValidationError(
            _("The file is %(size)s; files up to %(limit)s can be imported."),
            code="too_large",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(MAX_UPLOAD_BYTES)},
        )
    if not upload.name.lower().endswith(extensions):
        raise forms.ValidationError(wrong_type, code="wrong_type", params={"name": upload.name})
    return upload


class AreaUploadForm(StyledFormMixin, forms.Form):
    geojson = forms.FileField(
        label=_("Area file (GeoJSON)"),
        help_text=_(
            "The buurten (and optionally the wijken) as a GeoJSON FeatureCollection in RD New or WGS84, "
            "with CBS fields (statcode, statnaam) or Statbel fields (CD_SECTOR, T_SEC_NL, CD_SUB_MUNTY). "
            "At most 20 MB."
        ),
        widget=forms.FileInput(attrs={"accept": ".geojson,.json,application/geo+json,application/json"}),
    )
    population = forms.FileField(
        label=_("Population per buurt (CSV)"),
        required=False,
        help_text=_(
            "Columns buurtcode, inwoners, mannen, vrouwen, leeftijd_0_15, leeftijd_15_25, leeftijd_25_45, "
            "leeftijd_45_65 and leeftijd_65_plus, separated by commas or semicolons. Without this file "
            "the current population figures are kept."
        ),
        widget=forms.FileInput(attrs={"accept": ".csv,text/csv"}),
    )
    population_year = forms.IntegerField(
        label=_("Year of the population figures"),
        required=False,
        min_value=1900,
        max_value=2100,
        help_text=_("For example 2019 for 1 January 2019. Not needed when the file has a “jaar” column."),
    )

    def clean_geojson(self):
        return _checked_file(
            self.cleaned_data.get("geojson"),
            extensions=GEOJSON_EXTENSIONS,
            wrong_type=_("“%(name)s” is not a GeoJSON file (.geojson or .json)."),
        )

    def clean_population(self):
        return _checked_file(
            self.cleaned_data.get("population"),
            extensions=CSV_EXTENSIONS,
            wrong_type=_("“%(name)s” is not a CSV file (.csv)."),
        )

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("population_year") is not None
            and not cleaned.get("population")
            and not self.has_error("population")
        ):
            self.add_error("population", _("Choose the population file that goes with this year."))
        return cleaned
