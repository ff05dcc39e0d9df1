"""Who is asking: staff by API token, residents by their invitation token.

- ``Authorization: Token <token>``: a staff token (see ``ApiToken``); the request acts for its
  user within the token's organisation only.
- ``Authorization: Bearer <token>``: the personal token of an invitation (the one in the
  answering link); the request acts for that one recipient, in that one poll.

``request.auth`` is a ``Caller`` either way; views find data through it only, so a token of
one organisation never reaches another's.
"""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from buurtpeil.api.selectors import api_token_by_key
from buurtpeil.api.services import api_token_used
from buurtpeil.distribution.selectors import recipient_by_token_any

CHALLENGE = 'Token realm="api", Bearer realm="api"'


@dataclass(frozen=True)
class Caller:
    organisation: object
    api_token: object = None  # staff
    recipient: object = None  # resident

    @property
    def is_staff(self) -> bool:
        return self.api_token is not None


def _credential(request, scheme: str) -> str | None:
    """The credential after ``scheme`` in the Authorization header; None when the header
    uses another scheme; raises when it is malformed."""
    header = authentication.get_authorization_header(request).split()
    if not header or header[0].lower() != scheme.lower().encode():
        return None
    if len(header) != 2:
        raise exceptions.AuthenticationFailed(
            _("The Authorization header must be: %(scheme)s <token>.") % {"scheme": scheme}
        )
    try:
        return header[1].decode("ascii")
    except UnicodeError as error:
        raise exceptions.AuthenticationFailed(
            _("The token contains characters that are not allowed.")
        ) from error


class StaffTokenAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        token = _credential(request, "Token")
        if token is None:
            return None
        api_token = api_token_by_key(token)
        if api_token is None:
            raise exceptions.AuthenticationFailed(_("The token is not valid or has been revoked."))
        api_token_used(api_token=api_token)
        return api_token.user, Caller(organisation=api_token.organisation, api_token=api_token)

    def authenticate_header(self, request):
        return CHALLENGE


class InvitationAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        token = _credential(request, "Bearer")
        if token is None:
            return None
        recipient = recipient_by_token_any(token)
        if recipient is None:
            raise exceptions.AuthenticationFailed(_("The invitation token is not valid."))
        return AnonymousUser(), Caller(organisation=recipient.organisation, recipient=recipient)

    def authenticate_header(self, request):
        return CHALLENGE


class StaffTokenScheme(OpenApiAuthenticationExtension):
    target_class = StaffTokenAuthentication
    name = "medewerkerToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": (
                "API-token van een medewerker, als `Token <token>`. Een beheerder van de "
                "organisatie maakt het aan op de beheerpagina API-tokens of met "
                "`buurtpeil api-token`; het token geeft toegang tot de gegevens van die ene "
                "organisatie."
            ),
        }


class InvitationScheme(OpenApiAuthenticationExtension):
    target_class = InvitationAuthentication
    name = "uitnodigingToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": (
                "Het persoonlijke token uit de uitnodigingslink van een bewoner, als "
                "`Bearer <token>`. Het geeft toegang tot die ene peiling en de eigen antwoorden."
            ),
        }
