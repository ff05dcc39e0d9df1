"""Input and output of the API, kept apart. Names are Dutch and camelCase (NL API Design
Rules /core/interface-language); the help texts are the OpenAPI descriptions, in Dutch
(/core/doc-language). Output serializers read models and the poll definition document."""

import re

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers
from rest_framework.exceptions import ErrorDetail, ValidationError

from buurtpeil.responses.services import KEY_MAX

IDEMPOTENCY_HEADER = "Idempotency-Key"
LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")

POLL_STATUS = {"draft": "concept", "open": "open", "closed": "gesloten", "published": "gepubliceerd"}
AUDIENCE = {
    "residents": "bewoners",
    "key_figures": "sleutelfiguren",
    "partners": "partners",
    "professionals": "professionals",
    "attendees": "deelnemers",
}
QUESTION_TYPE = {
    "single": "enkeleKeuze",
    "multiple": "meerdereKeuzes",
    "likert": "likert",
    "mark": "rapportcijfer",
    "number": "getal",
    "text": "tekst",
    "point": "punt",
    "grid": "raster",
}
RESPONSE_STATUS = {"in_progress": "bezig", "complete": "compleet"}
POLL_STATUS_VALUES = list(POLL_STATUS.values())
RESPONSE_STATUS_VALUES = list(RESPONSE_STATUS.values())
QUESTION_TYPE_VALUES = list(QUESTION_TYPE.values())
TEXTS = 'Tekst per taalcode, bijvoorbeeld {"nl": "...", "en": "..."}.'


class CodeField(serializers.ChoiceField):
    """A stored code shown as its Dutch name (an enum in the OpenAPI document)."""

    def __init__(self, mapping: dict[str, str], **kwargs):
        self.mapping = mapping
        super().__init__(choices=list(mapping.values()), **kwargs)

    def to_representation(self, value):
        return self.mapping.get(value, value)


def _texts(source: str | None, description: str = TEXTS, **kwargs):
    if source:
        kwargs["source"] = source
    return serializers.DictField(child=serializers.CharField(), help_text=description, **kwargs)


@extend_schema_field({"type": "number", "nullable": True})
class NumberField(serializers.Field):
    def to_representation(self, value):
        return value


def _condition(condition):
    if condition is None:
        return None
    if "all" in condition:
        return {"alle": [_condition(c) for c in condition["all"]]}
    if "any" in condition:
        return {"een": [_condition(c) for c in condition["any"]]}
    out = {"vraag": condition.get("question"), "operator": condition.get("op")}
    if "value" in condition:
        out["waarde"] = condition["value"]
    return out


@extend_schema_field(
    {
        "type": "object",
        "nullable": True,
        "description": (
            'Wanneer de vraag getoond wordt: {"vraag": code, "operator": op, "waarde": w} '
            "met op één van eq, ne, in, selected, gt, ge, lt, le, answered; of samengesteld "
            '{"alle": [...]} (alle voorwaarden) of {"een": [...]} (minstens één). Null: altijd.'
        ),
    }
)
class ConditionField(serializers.Field):
    def to_representation(self, value):
        return _condition(value)


# --- polls --------------------------------------------------------------------------------


@extend_schema_serializer(component_name="Keuze")
class ChoiceOutput(serializers.Serializer):
    waarde = serializers.CharField(source="value", help_text="De waarde die als antwoord wordt opgeslagen.")
    label = _texts(None, default=dict)


@extend_schema_serializer(component_name="Onderdeel")
class ItemOutput(serializers.Serializer):
    code = serializers.CharField(help_text="Code van het onderdeel; sleutel in het antwoord.")
    tekst = _texts("text", default=dict)


@extend_schema_serializer(component_name="Vraag")
class QuestionOutput(serializers.Serializer):
    code = serializers.CharField(help_text="Code van de vraag; sleutel in `antwoorden`.")
    type = CodeField(QUESTION_TYPE, help_text="Soort vraag.")
    tekst = _texts("text", default=dict)
    toelichting = _texts("help", default=dict)
    verplicht = serializers.BooleanField(
        source="required", default=False, help_text="Moet beantwoord zijn om in te leveren."
    )
    keuzes = ChoiceOutput(many=True, source="choices", default=list, help_text="Antwoordmogelijkheden.")
    items = ItemOutput(many=True, default=list, help_text="Onderdelen van een raster.")
    weetNiet = serializers.BooleanField(
        source="dont_know", default=False, help_text='Of "weet niet" (waarde "dk") gekozen kan worden.'
    )
    minimum = NumberField(source="min", default=None, help_text="Kleinste toegestane getal.")
    maximum = NumberField(source="max", default=None, help_text="Grootste toegestane getal.")
    voorwaarde = ConditionField(source="condition", default=None)
    factor = serializers.IntegerField(
        default=None, allow_null=True, help_text="Factor van de Tafel van 12 (1 tot en met 12)."
    )
    indicator = serializers.CharField(
        default=None, allow_null=True, help_text="Code van de indicator die de vraag meet."
    )
    omgekeerd = serializers.BooleanField(
        source="reverse", default=False, help_text="De schaal loopt tegen de richting van de indicator in."
    )


@extend_schema_serializer(component_name="Vragengroep")
class GroupOutput(serializers.Serializer):
    id = serializers.CharField(help_text="Code van de vragengroep (één scherm).")
    titel = _texts("title", default=dict)
    vragen = QuestionOutput(many=True, source="questions", default=list)


@extend_schema_serializer(component_name="Versie")
class VersionOutput(serializers.Serializer):
    nummer = serializers.IntegerField(source="number", help_text="Volgnummer van de gepubliceerde versie.")
    gepubliceerdOp = serializers.DateTimeField(source="created_at", help_text="Moment van publiceren.")
    talen = serializers.ListField(
        child=serializers.CharField(),
        source="definition.languages",
        default=list,
        help_text="Taalcodes van de teksten; de eerste is de brontaal.",
    )
    titel = _texts("definition.title", default=dict)
    intro = _texts("definition.intro", default=dict)
    groepen = GroupOutput(many=True, source="definition.groups", default=list)


class PollOutput(serializers.Serializer):
    id = serializers.IntegerField(help_text="Nummer van de peiling.")
    titel = serializers.CharField(source="title", help_text="Titel voor medewerkers.")
    status = CodeField(POLL_STATUS, help_text="Stand van de peiling.")
    doelgroep = CodeField(AUDIENCE, source="audience", help_text="Wie de peiling beantwoordt.")
    aangemaaktOp = serializers.DateTimeField(source="created_at", help_text="Moment van aanmaken.")
    gewijzigdOp = serializers.DateTimeField(source="updated_at", help_text="Moment van de laatste wijziging.")
    url = serializers.SerializerMethodField(help_text="Adres van deze peiling in de API.")

    def get_url(self, poll) -> str:
        path = reverse("api:poll_detail", args=[poll.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


@extend_schema_serializer(component_name="PeilingInLijst")
class PollListOutput(PollOutput):
    versie = serializers.IntegerField(
        source="latest_number",
        allow_null=True,
        help_text="Nummer van de laatst gepubliceerde versie; null: nooit gepubliceerd.",
    )
    aantalVragen = serializers.IntegerField(
        source="question_count", help_text="Aantal vragen in de bewerkbare versie."
    )


@extend_schema_serializer(component_name="Peiling")
class PollDetailOutput(PollOutput):
    versie = serializers.SerializerMethodField(
        help_text="De laatst gepubliceerde versie met groepen en vragen (voor een bewoner die al begon: "
        "de versie van diens antwoorden); null als de peiling nooit is gepubliceerd."
    )

    @extend_schema_field(VersionOutput(allow_null=True))
    def get_versie(self, poll):
        version = self.context.get("version")
        return version_data(version) if version is not None else None


# A published version never changes, so its output is made once per process. The creation
# time is in the key so that a reused primary key (a restored database) is never confused.
_VERSIONS: dict[tuple, dict] = {}
VERSIONS_KEPT = 500


def version_data(version) -> dict:
    key = (version.pk, version.created_at)
    data = _VERSIONS.get(key)
    if data is None:
        data = VersionOutput(version).data
        if len(_VERSIONS) >= VERSIONS_KEPT:
            _VERSIONS.clear()
        _VERSIONS[key] = data
    return data


# --- counts -------------------------------------------------------------------------------


@extend_schema_serializer(component_name="AantalInBuurt")
class BuurtCountOutput(serializers.Serializer):
    buurtCode = serializers.CharField(
        source="code",
        allow_null=True,
        help_text="CBS-buurtcode (BU + 8 cijfers) bij het versturen; leeg als onbekend.",
    )
    buurtNaam = serializers.CharField(source="name", help_text="Naam van de buurt.")
    voltooid = serializers.IntegerField(
        source="completed",
        allow_null=True,
        help_text="Aantal ingeleverde antwoorden; null als het onder het privacyminimum ligt "
        "(onderdrukt), nooit 0.",
    )
    onderdrukt = serializers.BooleanField(
        source="suppressed", help_text="Het aantal is niet getoond om bewoners te beschermen."
    )


@extend_schema_serializer(component_name="Aantallen")
class PollCountsOutput(serializers.Serializer):
    peiling = serializers.IntegerField(source="poll_id", help_text="Nummer van de peiling.")
    uitgenodigd = serializers.IntegerField(
        source="invited", help_text="Aantal uitnodigingen (persoonlijke links)."
    )
    gestart = serializers.IntegerField(
        source="started", help_text="Aantal bewoners dat begon met antwoorden."
    )
    voltooid = serializers.IntegerField(source="completed", help_text="Aantal ingeleverde antwoorden.")
    privacyMinimum = serializers.IntegerField(
        source="privacy_minimum", help_text="Onder dit aantal wordt een aantal per buurt niet getoond."
    )
    perBuurt = BuurtCountOutput(many=True, source="buurten", help_text="Ingeleverde antwoorden per buurt.")


# --- answers ------------------------------------------------------------------------------


@extend_schema_serializer(component_name="AntwoordenInvoer")
class AnswerInput(serializers.Serializer):
    antwoorden = serializers.DictField(
        child=serializers.JSONField(),
        help_text=(
            "Antwoorden per vraagcode: een keuzewaarde (enkeleKeuze, likert), een lijst waarden "
            "(meerdereKeuzes), een geheel getal 1 tot en met 10 (rapportcijfer), een getal, een tekst, "
            '{"lon": .., "lat": ..} (punt) of een waarde per onderdeel (raster). Een lege waarde wist '
            "het antwoord. Antwoorden worden samengevoegd met wat eerder is opgeslagen."
        ),
    )
    compleet = serializers.BooleanField(
        default=False,
        error_messages={"invalid": gettext_lazy("Must be true or false.")},
        help_text="Inleveren: alle zichtbare verplichte vragen moeten dan beantwoord zijn; daarna kan "
        "niets meer veranderen.",
    )
    taal = serializers.CharField(
        max_length=10,
        default="",
        allow_blank=True,
        error_messages={"invalid": gettext_lazy("Not a text.")},
        help_text='Taalcode waarin de bewoner antwoordt, bijvoorbeeld "nl".',
    )

    def validate_taal(self, value: str) -> str:
        if value and not LANGUAGE.match(value):
            raise ValidationError(_("Not a valid language code."), code="invalid")
        return value


class SortedDictField(serializers.DictField):
    """Keys in a fixed order, so that a replay (read back from the database, where PostgreSQL
    orders JSON keys its own way) gives the very same body as the first answer."""

    def to_representation(self, value):
        return super().to_representation(dict(sorted(value.items())))


def answer_input(data, idempotency_key: str | None) -> dict:
    """The checked body and ``Idempotency-Key`` header of a submit, or a ValidationError
    naming every invalid field (and the header) at once."""
    if isinstance(data, dict):
        serializer = AnswerInput(data=data)
        errors = {} if serializer.is_valid() else dict(serializer.errors)
    else:
        errors = {"body": [ErrorDetail(_("The body must be a JSON object with antwoorden."), code="invalid")]}
    key = (idempotency_key or "").strip()
    if not key:
        errors[IDEMPOTENCY_HEADER] = [ErrorDetail(_("This header is required."), code="required")]
    elif len(key) > KEY_MAX:
        errors[IDEMPOTENCY_HEADER] = [
            ErrorDetail(_("At most %(max)s characters.") % {"max": KEY_MAX}, code="max_length")
        ]
    elif not key.isprintable():
        errors[IDEMPOTENCY_HEADER] = [ErrorDetail(_("Only visible characters are allowed."), code="invalid")]
    if errors:
        raise ValidationError(errors)
    return {**serializer.validated_data, "idempotency_key": key}


@extend_schema_serializer(component_name="Antwoordset")
class AnswerOutput(serializers.Serializer):
    peiling = serializers.IntegerField(source="poll_id", help_text="Nummer van de peiling.")
    versie = serializers.IntegerField(
        source="version.number", help_text="Versie van de peiling waartegen is geantwoord."
    )
    status = CodeField(RESPONSE_STATUS, help_text="bezig: nog niet ingeleverd; compleet: ingeleverd.")
    taal = serializers.CharField(source="language", help_text="Taalcode van de antwoorden.")
    antwoorden = SortedDictField(
        child=serializers.JSONField(),
        source="answers",
        help_text="De opgeslagen antwoorden per vraagcode, op volgorde van code.",
    )
    gestartOp = serializers.DateTimeField(source="started_at", help_text="Moment van het eerste antwoord.")
    voltooidOp = serializers.DateTimeField(
        source="completed_at", allow_null=True, help_text="Moment van inleveren; null zolang bezig."
    )
