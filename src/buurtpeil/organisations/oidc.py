"""Staff login with the organisation's identity provider (OpenID Connect, authorization code
flow with PKCE), through Authlib (decision 0023).

Authlib reads the provider's discovery document, keeps state, nonce and PKCE verifier in the
session, exchanges the code and checks the ID token (signature against the provider's JWKS,
issuer, audience, expiry, nonce). Here: an ID token is required, its e-mail address must be
verified, and it must belong to exactly one active user with a membership. Nothing about the
user, their memberships or roles is ever created or changed from what the provider says.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

import requests
from authlib.common.errors import AuthlibBaseError
from authlib.integrations.django_client import OAuth
from django.conf import settings
from django.contrib.auth import get_user_model
from joserfc.errors import JoseError

from buurtpeil.organisations.models import Membership

DISCOVERY_PATH = "/.well-known/openid-configuration"
TIMEOUT = 10  # seconds for each request to the provider
BACKEND = "django.contrib.auth.backends.ModelBackend"

_clients: dict[tuple[str, str, str, str], object] = {}


def oidc_enabled() -> bool:
    return bool(settings.OIDC_DISCOVERY_URL and settings.OIDC_CLIENT_ID and settings.OIDC_CLIENT_SECRET)


def _discovery_url() -> str:
    url = settings.OIDC_DISCOVERY_URL.rstrip("/")
    return url if url.endswith(DISCOVERY_PATH) else url + DISCOVERY_PATH


def oidc_client():
    """The provider's client, one per configuration and process (so its discovery document and
    keys are fetched once, and again when the provider signs with a key not seen before)."""
    key = (_discovery_url(), settings.OIDC_CLIENT_ID, settings.OIDC_CLIENT_SECRET, settings.OIDC_SCOPE)
    if key not in _clients:
        oauth = OAuth()
        _clients[key] = oauth.register(
            name="staff",
            server_metadata_url=key[0],
            client_id=key[1],
            client_secret=key[2],
            client_kwargs={"scope": key[3], "code_challenge_method": "S256", "default_timeout": TIMEOUT},
        )
    return _clients[key]


def provider_origins() -> list[str]:
    """Where the login button's form may lead: browsers apply the page's CSP form-action to the
    redirect to the provider. The issuer's origin, and its authorization endpoint's once the
    discovery document has been read (not fetched here, so that the login page never waits for
    the provider)."""
    urls = [_discovery_url()]
    metadata = oidc_client().server_metadata
    if metadata.get("authorization_endpoint"):
        urls.append(metadata["authorization_endpoint"])
    origins = []
    for url in urls:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if parts.scheme in {"http", "https"} and parts.netloc and origin not in origins:
            origins.append(origin)
    return origins


class OidcRefused(Exception):
    """The provider's answer does not log anyone in; ``reason`` goes to the audit log."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class OidcIdentity:
    user: object


def oidc_identity(request) -> OidcIdentity:
    """The staff user the provider's callback on ``request`` vouches for, or OidcRefused."""
    client = oidc_client()
    try:
        token = client.authorize_access_token(request)
    except (AuthlibBaseError, JoseError, requests.RequestException, ValueError, KeyError) as error:
        raise OidcRefused(f"invalid answer from the identity provider ({type(error).__name__})") from error
    claims = token.get("userinfo")
    if not claims:
        raise OidcRefused("no ID token")
    if "email" not in claims or "email_verified" not in claims:
        try:
            extra = client.userinfo(token=token)
        except (AuthlibBaseError, requests.RequestException, ValueError) as error:
            raise OidcRefused(f"userinfo refused ({type(error).__name__})") from error
        if extra.get("sub") != claims.get("sub"):
            raise OidcRefused("userinfo of another subject")
        claims = {**extra, **claims}
    email = str(claims.get("email") or "").strip()
    if not email:
        raise OidcRefused("no e-mail address")
    if claims.get("email_verified") is not True:
        raise OidcRefused("e-mail address not verified")
    users = list(
        get_user_model()
        ._default_manager.filter(email__iexact=email, is_active=True)
        .filter(pk__in=Membership.objects.values("user"))[:2]
    )
    if len(users) != 1:
        raise OidcRefused(
            "no staff user with this verified e-mail address" if not users else "ambiguous e-mail"
        )
    return OidcIdentity(user=users[0])
