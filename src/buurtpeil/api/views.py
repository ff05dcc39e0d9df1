"""The operations of /api/v1, one view each. Views check who asks (authentication.py),
read through selectors, write through services, and shape data with serializers.py."""

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import ErrorDetail, NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from buurtpeil.api import problems, serializers
from buurtpeil.api.access import poll_for_caller, version_for_caller
from buurtpeil.api.authentication import InvitationAuthentication, StaffTokenAuthentication
from buurtpeil.api.pagination import Pagination
from buurtpeil.api.permissions import IsCaller, IsResident, IsStaff
from buurtpeil.api.selectors import poll_counts
from buurtpeil.polls.selectors import polls_with_latest
from buurtpeil.responses import services as responses
from buurtpeil.responses.services import KEY_MAX


def _problem(description: str) -> OpenApiResponse:
    return OpenApiResponse(response=None, description=description)


PROBLEMS = {
    400: _problem(
        "Ongeldige invoer: de inhoud is geen geldige JSON (detail zegt waar), of invalidParams noemt "
        "elk ongeldig veld."
    ),
    401: _problem("Geen of een ongeldig token."),
    403: _problem("Dit token geeft geen toegang tot deze bewerking."),
    404: _problem("Niet gevonden, of niet van de organisatie of uitnodiging van het token."),
    406: _problem("De header Accept vraagt om iets anders dan JSON; deze API antwoordt alleen in JSON."),
    409: _problem("Al ingeleverd, of de peiling is gesloten, beëindigd of nog niet gepubliceerd."),
    415: _problem("De inhoud moet application/json zijn."),
}
PAGE_NOT_FOUND = _problem(
    "Deze pagina bestaat niet: pagina is geen geheel getal vanaf 1, of ligt voorbij de laatste pagina."
)
ID = OpenApiParameter("id", int, OpenApiParameter.PATH, description="Nummer van de peiling.")


def _errors(*codes: int) -> dict:
    return {code: PROBLEMS[code] for code in codes}


REPLAYED_HEADER = "Idempotent-Replayed"

# ``responses_save`` refusals -> (HTTP status, problem code)
REFUSALS = {
    responses.ENDED: (409, problems.ENDED),
    responses.CLOSED: (409, problems.CLOSED),
    responses.ANSWERED: (409, problems.ANSWERED),
    responses.NOT_PUBLISHED: (409, problems.NOT_PUBLISHED),
    responses.BAD_KEY: (400, problems.INVALID),
}
# ``answers_clean`` reasons -> (code, words)
REASONS = {
    "required": ("required", gettext_lazy("This question must be answered.")),
    "not one of the choices": ("invalid_choice", gettext_lazy("Not one of the choices.")),
    "expected an answer per item": ("invalid", gettext_lazy("Expected an answer per item.")),
    "unknown item": ("invalid", gettext_lazy("Unknown item.")),
    "a whole number from 1 to 10": ("invalid", gettext_lazy("A whole number from 1 to 10.")),
    "not a number": ("invalid", gettext_lazy("Not a number.")),
    "below the minimum": ("min_value", gettext_lazy("Below the minimum.")),
    "above the maximum": ("max_value", gettext_lazy("Above the maximum.")),
    "not a text": ("invalid", gettext_lazy("Not a text.")),
    "a character that cannot be stored": (
        "invalid",
        gettext_lazy("The text contains a character that cannot be stored (NUL or half of a character)."),
    ),
    "expected a point": ("invalid", gettext_lazy("Expected a point.")),
    "not a point on the map": ("invalid", gettext_lazy("Not a point on the map.")),
}


class StaffView:
    # Both kinds of token are recognised everywhere, so that a valid token on the wrong
    # operation gets 403 (not 401); the OpenAPI document names the one that works.
    authentication_classes = [StaffTokenAuthentication, InvitationAuthentication]
    permission_classes = [IsStaff]


STAFF = [{"medewerkerToken": []}]
RESIDENT = [{"uitnodigingToken": []}]


@extend_schema(
    tags=["peilingen"],
    summary="Peilingen van de organisatie",
    auth=STAFF,
    description="De peilingen van de organisatie van het medewerkerstoken, nieuwste eerst, per pagina.",
    responses={
        200: OpenApiResponse(serializers.PollListOutput(many=True), description="Een pagina peilingen."),
        **_errors(401, 403),
        404: PAGE_NOT_FOUND,
        **_errors(406),
    },
)
class PollList(StaffView, generics.ListAPIView):
    serializer_class = serializers.PollListOutput
    pagination_class = Pagination

    def get_queryset(self):
        return polls_with_latest(self.request.auth.organisation)


@extend_schema(
    tags=["peilingen"],
    summary="Eén peiling met haar vragen",
    description=(
        "De peiling met de laatst gepubliceerde versie: groepen en vragen met soort, teksten per taal, "
        "keuzes, verplicht, voorwaarde, factor van de Tafel van 12 en indicator. Voor een medewerker "
        "van de organisatie, of voor een bewoner met het uitnodigingstoken van deze peiling."
    ),
    parameters=[ID],
    responses={
        200: OpenApiResponse(serializers.PollDetailOutput, description="De peiling met haar vragen."),
        **_errors(401, 403, 404, 406),
    },
)
class PollDetail(APIView):
    authentication_classes = [StaffTokenAuthentication, InvitationAuthentication]
    permission_classes = [IsCaller]

    def get(self, request, id: int):
        poll = poll_for_caller(request.auth, id)
        if poll is None:
            raise NotFound
        version = version_for_caller(request.auth, poll)
        context = {"request": request, "version": version}
        return Response(serializers.PollDetailOutput(poll, context=context).data)


@extend_schema(
    tags=["peilingen"],
    summary="Aantallen uitgenodigd, gestart en ingeleverd",
    auth=STAFF,
    description=(
        "Hoeveel bewoners zijn uitgenodigd, begonnen en klaar, in totaal en (ingeleverd) per buurt. "
        "Een aantal per buurt onder het privacyminimum van de organisatie wordt niet getoond: het is "
        "null met onderdrukt=true, nooit 0. Is precies één buurt onderdrukt, dan ook de kleinste andere, "
        "zodat het totaal het aantal niet verraadt."
    ),
    parameters=[ID],
    responses={
        200: OpenApiResponse(serializers.PollCountsOutput, description="De aantallen."),
        **_errors(401, 403, 404, 406),
    },
)
class PollCounts(StaffView, APIView):
    def get(self, request, id: int):
        poll = poll_for_caller(request.auth, id)
        if poll is None:
            raise NotFound
        counts = poll_counts(poll=poll, organisation=request.auth.organisation)
        return Response(serializers.PollCountsOutput(counts).data)


@extend_schema(
    tags=["antwoorden"],
    summary="Antwoorden opslaan of inleveren",
    auth=RESIDENT,
    description=(
        "Slaat antwoorden van de bewoner van het uitnodigingstoken op (samengevoegd met eerdere) en levert "
        "ze met compleet=true in. Eén antwoordset per uitnodiging. De header Idempotency-Key is verplicht: "
        "een herhaald verzoek met dezelfde sleutel (dubbel verstuurd, of opnieuw na een time-out) wordt "
        "één keer opgeslagen en krijgt dezelfde status en inhoud terug, met de header "
        "Idempotent-Replayed: true. Na het inleveren geeft een nieuwe sleutel 409 (al-beantwoord). "
        "Ongeldige antwoorden: 400 met invalidParams per vraag (antwoorden.<code>); er is dan niets "
        "opgeslagen. Gesloten of beëindigde peiling: 409."
    ),
    parameters=[
        OpenApiParameter(
            serializers.IDEMPOTENCY_HEADER,
            {"type": "string", "minLength": 1, "maxLength": KEY_MAX},
            OpenApiParameter.HEADER,
            required=True,
            description=(
                "Unieke sleutel per bedoelde opslag (bijvoorbeeld een UUID): ten hoogste 100 zichtbare "
                "tekens."
            ),
        )
    ],
    request=serializers.AnswerInput,
    responses={
        200: OpenApiResponse(serializers.AnswerOutput, description="De opgeslagen antwoorden."),
        **_errors(400, 401, 403, 406, 409, 415),
    },
)
class AnswerSubmit(APIView):
    authentication_classes = [StaffTokenAuthentication, InvitationAuthentication]
    permission_classes = [IsResident]
    # Throttling of this endpoint (per token and per address) is issue 9.

    def post(self, request):
        data = serializers.answer_input(request.data, request.headers.get(serializers.IDEMPOTENCY_HEADER))
        result = responses.response_save(
            recipient=request.auth.recipient,
            answers=data["antwoorden"],
            idempotency_key=data["idempotency_key"],
            complete=data["compleet"],
            language=data["taal"],
        )
        if result.errors:
            raise ValidationError(
                {"antwoorden": {code: [_reason(reason)] for code, reason in result.errors.items()}}
            )
        if result.refused:
            status_code, code = REFUSALS[result.refused]
            raise problems.Problem(status_code, code, result.message)
        response = Response(serializers.AnswerOutput(result.stored()).data, status=status.HTTP_200_OK)
        if result.replayed:
            response[REPLAYED_HEADER] = "true"
        return response


def _reason(reason: str) -> ErrorDetail:
    if reason.startswith("longer than"):  # "longer than 2000 characters"
        maximum = int(re.sub(r"\D", "", reason) or 0)
        return ErrorDetail(
            _("The text is longer than %(max)d characters.") % {"max": maximum}, code="max_length"
        )
    code, words = REASONS.get(reason, ("invalid", reason))
    return ErrorDetail(str(words), code=code)
