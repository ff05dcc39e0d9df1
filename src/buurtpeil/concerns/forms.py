"""The resident's signal form: a place (a point on the map, or a buurt from the list and a
description), a category, what was seen, optionally a photo; and the question whether it is
happening now."""

import math
import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from buurtpeil.areas.selectors import buurt_by_code, locate_point
from buurtpeil.concerns.categories import CATEGORY_CHOICES
from buurtpeil.concerns.emergency import emergency_words
from buurtpeil.concerns.photos import MAX_BYTES, PhotoRefused, photo_clean
from buurtpeil.concerns.services import MAX_TEXT
from buurtpeil.core.forms import StyledFormMixin
from buurtpeil.panel.selectors import buurt_choices

PHOTO_ERRORS = {
    "too_large": _("The photo is larger than 5 MB. Choose a smaller photo."),
    "wrong_type": _("Only photos in JPEG, PNG or WebP format can be sent."),
    "not_an_image": _("This file is not a photo we can read. Choose a JPEG, PNG or WebP photo."),
}


class ConcernForm(StyledFormMixin, forms.Form):
    happening_now = forms.TypedChoiceField(
        label=_("Is it happening right now, or is someone in danger?"),
        choices=[("yes", _("Yes, it is happening now")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Say whether it is happening right now.")},
    )
    category = forms.ChoiceField(
        label=_("What is it about?"),
        choices=CATEGORY_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what it is about.")},
    )
    buurt = forms.ChoiceField(
        label=_("Buurt"),
        help_text=_("Choose the buurt, or tap the spot on the map."),
        required=False,
    )
    place = forms.CharField(
        label=_("Where exactly?"),
        help_text=_(
            "A street, a corner or a landmark, for example: the playground on the Hoefkade. No house numbers."
        ),
        max_length=200,
        required=False,
    )
    lon = forms.FloatField(required=False, widget=forms.HiddenInput)
    lat = forms.FloatField(required=False, widget=forms.HiddenInput)
    text = forms.CharField(
        label=_("What did you see?"),
        help_text=_("Describe what happens and when. Please do not name people: names are removed."),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": _("Describe what you saw."),
            "max_length": _("Keep it to %(limit_value)d characters (now %(show_value)d)."),
        },
    )
    on_behalf_of = forms.CharField(
        label=_("Reporting for a residents' group? Its name"),
        max_length=120,
        required=False,
    )
    photo = forms.FileField(
        label=_("Photo"),
        help_text=_("JPEG, PNG or WebP, at most 5 MB. We remove the location and other data from the photo."),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    not_an_emergency = forms.BooleanField(
        label=_("It is not happening now and nobody is in danger: save my signal."),
        required=False,
    )
    submission_key = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["buurt"].choices = [("", _("Choose a buurt")), *buurt_choices(organisation)]
        self.fields["buurt"].widget.attrs["autocomplete"] = "off"
        if not self.is_bound:
            self.initial.setdefault("submission_key", uuid.uuid4())
        self.photo_bytes: bytes | None = None
        self.warning_words: list[str] = []

    def clean_photo(self):
        upload = self.cleaned_data.get("photo")
        if not upload:
            return None
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(PHOTO_ERRORS["too_large"], code="too_large")
        try:
            self.photo_bytes = photo_clean(upload.read())
        except PhotoRefused as refused:
            raise forms.ValidationError(PHOTO_ERRORS[refused.reason], code=refused.reason) from None
        return upload

    def clean(self):
        data = super().clean()
        lon, lat = data.get("lon"), data.get("lat")
        located = None
        if lon is not None and lat is not None and math.isfinite(lon) and math.isfinite(lat):
            located = locate_point(organisation=self.organisation, lon=lon, lat=lat)
            if located is None:
                self.add_error(
                    "buurt", _("The spot on the map is outside our buurten. Choose the buurt from the list.")
                )
        else:
            data["lon"] = data["lat"] = None
        chosen = buurt_by_code(self.organisation, data["buurt"]) if data.get("buurt") else None
        data["buurt"] = located or chosen
        if data["buurt"] is None and "buurt" not in self.errors:
            self.add_error("buurt", _("Choose the buurt, or tap the spot on the map."))
        if located is None:
            data["lon"] = data["lat"] = None
        if not data.get("happening_now"):
            self.warning_words = emergency_words(f"{data.get('text', '')} {data.get('place', '')}")
            if self.warning_words and not data.get("not_an_emergency"):
                self.add_error(
                    "not_an_emergency",
                    _(
                        "Your signal mentions something that may be an emergency. If it is happening now, "
                        "call 112. If not, tick the box to save your signal."
                    ),
                )
        return data

    @property
    def radio_groups(self):
        return [self["happening_now"], self["category"]]
