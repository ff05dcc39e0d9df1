"""Forms of the poll editor. Texts are asked per language of the poll; the question form turns
its fields into a question of the definition (``QuestionForm.question()``)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from buurtpeil.core.forms import StyledFormMixin
from buurtpeil.polls.definition import CHOICE_TYPES, CODE_RE, LANGUAGE_RE
from buurtpeil.polls.editing import texts
from buurtpeil.polls.indicators import FACTORS
from buurtpeil.polls.models import Poll
from buurtpeil.polls.scales import SCALES, scale_choices

TYPE_LABELS = {
    "single": _("Single choice"),
    "multiple": _("Multiple choice"),
    "likert": _("Five-point scale (Likert)"),
    "mark": _("Report mark 1 to 10"),
    "number": _("Number"),
    "text": _("Open text"),
    "point": _("Point on the map"),
    "grid": _("Grid (several items on one scale)"),
}
OP_LABELS = {
    "eq": _("is"),
    "ne": _("is not"),
    "in": _("is one of (separate by commas)"),
    "selected": _("includes (multiple choice)"),
    "gt": _("is more than"),
    "ge": _("is at least"),
    "lt": _("is less than"),
    "le": _("is at most"),
    "answered": _("is answered"),
}
# The keys this form writes; any other key of an existing question is kept as it was.
OWN_KEYS = {
    "code", "type", "text", "help", "required", "choices", "items", "dont_know", "min", "max",
    "condition", "factor", "indicator", "reverse", "scale",
}  # fmt: skip


def text_label(key: str) -> str:
    """What a text key of ``editing.texts`` is, in words for staff."""
    parts = key.split(":")
    if key == "title":
        return str(_("Title"))
    if key == "intro":
        return str(_("Introduction"))
    if parts[0] == "g":
        return str(_("Group %(id)s") % {"id": parts[1]})
    if len(parts) == 2:
        return str(_("Question %(code)s") % {"code": parts[1]})
    if parts[2] == "help":
        return str(_("Question %(code)s, help text") % {"code": parts[1]})
    if parts[2] == "c":
        return str(_("Question %(code)s, choice %(value)s") % {"code": parts[1], "value": parts[3]})
    return str(_("Question %(code)s, item %(item)s") % {"code": parts[1], "item": parts[3]})


def factor_choices():
    return [("", _("No factor"))] + [(str(n), f"{n}. {label['nl']}") for n, label in FACTORS.items()]


class PollNewForm(StyledFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    audience = forms.ChoiceField(
        label=_("Who answers"),
        choices=Poll.Audience.choices,
        initial=Poll.Audience.RESIDENTS,
        required=False,  # residents unless chosen
        widget=forms.RadioSelect,
        help_text=_(
            "Key figures and partners answer as a panel of their own, registered under Partners; "
            "their answers are analysed apart from the residents' and are not weighted."
        ),
    )
    english = forms.BooleanField(label=_("Also in English"), required=False, initial=True)
    other_languages = forms.CharField(
        label=_("Further languages"),
        required=False,
        help_text=_("Language codes separated by commas, for example “tr, ar, pl”. Dutch is the source."),
    )

    def clean_other_languages(self):
        codes = [c.strip().lower() for c in self.cleaned_data["other_languages"].split(",") if c.strip()]
        wrong = [code for code in codes if not LANGUAGE_RE.match(code)]
        if wrong:
            raise forms.ValidationError(
                _("Not a language code: %(codes)s"), params={"codes": ", ".join(wrong)}
            )
        return codes

    def languages(self) -> list[str]:
        languages = ["nl"] + (["en"] if self.cleaned_data["english"] else [])
        return languages + [c for c in self.cleaned_data["other_languages"] if c not in languages]


class PollSettingsForm(StyledFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    intro = forms.CharField(
        label=_("Introduction for residents"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    show_results = forms.BooleanField(
        label=_("Show respondents how others answered, once enough have answered"), required=False
    )


class LanguageForm(StyledFormMixin, forms.Form):
    language = forms.CharField(
        label=_("Language code"), max_length=12, help_text=_("For example “en”, “tr”, “ar” or “pl”.")
    )


class GroupForm(StyledFormMixin, forms.Form):
    """A group's title per language of the poll."""

    def __init__(self, *args, languages: list[str], **kwargs):
        self.base_fields = {
            f"title_{language}": forms.CharField(
                label=_("Title (%(language)s)") % {"language": language}, required=False, max_length=200
            )
            for language in languages
        }
        super().__init__(*args, **kwargs)
        self.languages = languages

    def title(self) -> dict[str, str]:
        return {lang: self.cleaned_data[f"title_{lang}"] for lang in self.languages}


def _lines(value: str) -> list[tuple[str, str]]:
    """``value|label`` lines as pairs; a line without ``|`` is an error (raised by the caller)."""
    pairs = []
    for line in value.splitlines():
        if line.strip():
            key, bar, label = line.partition("|")
            pairs.append((key.strip(), label.strip()) if bar else ("", line.strip()))
    return pairs


class QuestionForm(StyledFormMixin, forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=64,
        help_text=_("Letters, digits and _, starting with a letter; unique in the poll."),
    )
    type = forms.ChoiceField(label=_("Type"), choices=list(TYPE_LABELS.items()))
    required = forms.BooleanField(label=_("An answer is required"), required=False)

    def __init__(self, *args, languages: list[str], earlier: list[tuple[str, str]], question=None, **kwargs):
        self.languages, self.original = languages, dict(question or {})
        # Built before Form.__init__, so that StyledFormMixin styles every field.
        fields = dict(type(self).base_fields)
        source = languages[0]
        for language in languages:
            fields[f"text_{language}"] = forms.CharField(
                label=_("Question text (%(language)s)") % {"language": language},
                required=language == source,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        for language in languages:
            fields[f"help_{language}"] = forms.CharField(
                label=_("Help text (%(language)s)") % {"language": language}, required=False
            )
        fields["scale"] = forms.ChoiceField(
            label=_("Answer scale"),
            required=False,
            choices=[("", _("Own choices (below)"))] + [(n, s["label"]["nl"]) for n, s in SCALES.items()],
            help_text=_(
                "A scale of the Veiligheidsmonitor keeps results comparable; it replaces the choices below."
            ),
        )
        for language in languages:
            fields[f"choices_{language}"] = forms.CharField(
                label=_("Choices (%(language)s)") % {"language": language},
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
                help_text=_(
                    "One per line as value|label, for example “yes|Ja”. Other languages use the same values."
                ),
            )
        for language in languages:
            fields[f"items_{language}"] = forms.CharField(
                label=_("Grid items (%(language)s)") % {"language": language},
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
                help_text=_("Grid only. One per line as code|text, for example “litter|Zwerfvuil”."),
            )
        fields["dont_know"] = forms.BooleanField(label=_("Offer “don't know / no opinion”"), required=False)
        fields["min"] = forms.FloatField(label=_("Lowest number allowed"), required=False)
        fields["max"] = forms.FloatField(label=_("Highest number allowed"), required=False)
        condition = self.original.get("condition") or {}
        if "all" in condition or "any" in condition:
            fields["condition_keep"] = forms.BooleanField(
                label=_("Keep the combined condition"), required=False, initial=True
            )
        fields["condition_question"] = forms.ChoiceField(
            label=_("Show only when earlier question"),
            required=False,
            choices=[("", _("Always show")), *earlier],
        )
        fields["condition_op"] = forms.ChoiceField(
            label=_("Condition"), required=False, choices=list(OP_LABELS.items())
        )
        fields["condition_value"] = forms.CharField(label=_("Value"), required=False)
        fields["factor"] = forms.ChoiceField(
            label=_("Tafel van 12 factor"), required=False, choices=factor_choices()
        )
        fields["indicator"] = forms.CharField(label=_("Indicator code"), required=False, max_length=64)
        fields["reverse"] = forms.BooleanField(
            label=_("Reverse scored (the scale runs against the indicator)"), required=False
        )
        self.base_fields = fields
        super().__init__(*args, initial=self._initial(self.original), **kwargs)
        by_language = [f"{prefix}_{lang}" for prefix in ("text", "help") for lang in languages]
        lists = [f"{prefix}_{lang}" for prefix in ("choices", "items") for lang in languages]
        self.order_fields(
            ["type", *by_language, "scale", *lists, "dont_know", "min", "max", "required",
             "condition_keep", "condition_question", "condition_op", "condition_value", "factor",
             "indicator", "reverse", "code"]
        )  # fmt: skip

    def _initial(self, question) -> dict:
        initial = {key: question.get(key) for key in ("code", "type", "required", "dont_know", "min", "max",
                                                      "indicator", "reverse", "scale")}  # fmt: skip
        initial["factor"] = str(question.get("factor") or "")
        for language in self.languages:
            initial[f"text_{language}"] = question.get("text", {}).get(language, "")
            initial[f"help_{language}"] = (question.get("help") or {}).get(language, "")
            initial[f"choices_{language}"] = "\n".join(
                f"{c['value']}|{c['label'].get(language, '')}" for c in question.get("choices", ())
            )
            initial[f"items_{language}"] = "\n".join(
                f"{i['code']}|{i['text'].get(language, '')}" for i in question.get("items", ())
            )
        condition = question.get("condition") or {}
        if "question" in condition:
            value = condition.get("value", "")
            initial.update(
                condition_question=condition["question"],
                condition_op=condition.get("op"),
                condition_value=", ".join(map(str, value)) if isinstance(value, list) else value,
            )
        return initial

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        if not CODE_RE.match(code):
            raise forms.ValidationError(_("Start with a letter; use only letters, digits and _."))
        return code

    def _pairs(self, prefix: str) -> dict[str, list[tuple[str, str]]]:
        pairs = {lang: _lines(self.cleaned_data.get(f"{prefix}_{lang}", "")) for lang in self.languages}
        for language, rows in pairs.items():
            if any(not key for key, _label in rows):
                self.add_error(f"{prefix}_{language}", _("Write every line as value|label."))
        return pairs

    def _listed(self, prefix: str, key_name: str, text_name: str) -> list[dict]:
        pairs = self._pairs(prefix)
        source = pairs[self.languages[0]]
        known = [key for key, _label in source]
        entries = [{key_name: key, text_name: {self.languages[0]: label}} for key, label in source]
        for language in self.languages[1:]:
            for key, label in pairs[language]:
                if key not in known:
                    self.add_error(
                        f"{prefix}_{language}",
                        _("“%(value)s” is not in the source language.") % {"value": key},
                    )
                elif label:
                    entries[known.index(key)][text_name][language] = label
        return entries

    def question(self) -> dict:
        """The question as the definition stores it (call after ``is_valid``)."""
        data = self.cleaned_data
        kind = data["type"]
        result = {key: value for key, value in self.original.items() if key not in OWN_KEYS}
        result.update(code=data["code"], type=kind, required=data["required"])
        result["text"] = {
            lang: data[f"text_{lang}"].strip() for lang in self.languages if data[f"text_{lang}"].strip()
        }
        help_texts = {
            lang: data[f"help_{lang}"].strip() for lang in self.languages if data[f"help_{lang}"].strip()
        }
        if help_texts:
            result["help"] = help_texts
        if kind in CHOICE_TYPES:
            if data["scale"]:
                result["scale"] = data["scale"]
                result["choices"] = [
                    {
                        "value": c["value"],
                        "label": {k: v for k, v in c["label"].items() if k in self.languages},
                    }
                    for c in scale_choices(data["scale"])
                ]
            else:
                result["choices"] = self._listed("choices", "value", "label")
        if kind == "grid":
            result["items"] = self._listed("items", "code", "text")
        if kind in ("likert", "grid") and data["dont_know"]:
            result["dont_know"] = True
        if kind == "number":
            for key in ("min", "max"):
                if data[key] is not None:
                    result[key] = int(data[key]) if data[key] == int(data[key]) else data[key]
        condition = self._condition()
        if condition:
            result["condition"] = condition
        if data["factor"]:
            result["factor"] = int(data["factor"])
        if data["indicator"].strip():
            result["indicator"] = data["indicator"].strip()
        if data["reverse"]:
            result["reverse"] = True
        return result

    def _condition(self) -> dict | None:
        data = self.cleaned_data
        if data.get("condition_keep"):
            return self.original["condition"]
        if not data["condition_question"]:
            return None
        op, value = data["condition_op"] or "eq", data["condition_value"].strip()
        condition = {"question": data["condition_question"], "op": op}
        if op == "in":
            condition["value"] = [part.strip() for part in value.split(",") if part.strip()]
        elif op in ("gt", "ge", "lt", "le"):
            try:
                condition["value"] = float(value) if "." in value else int(value)
            except ValueError:
                self.add_error("condition_value", _("This condition needs a number."))
        elif op != "answered":
            condition["value"] = value
        return condition


class TranslationsForm(StyledFormMixin, forms.Form):
    """One field per text of the poll, in one language, with the source text as help."""

    def __init__(self, *args, definition: dict, language: str, **kwargs):
        source = definition["languages"][0]
        self.keys, self.base_fields = {}, {}
        for number, (key, _what, mapping) in enumerate(texts(definition)):
            name = f"t{number}"
            self.keys[name] = key
            self.base_fields[name] = forms.CharField(
                label=f"{text_label(key)}: {mapping.get(source, '')}",
                required=False,
                initial=mapping.get(language, ""),
                widget=forms.Textarea(attrs={"rows": 2, "lang": language}),
            )
        super().__init__(*args, **kwargs)

    def texts(self) -> dict[str, str]:
        return {self.keys[name]: value for name, value in self.cleaned_data.items()}
