"""Writes of the API app: staff tokens made and revoked (each with an audit row)."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from buurtpeil.api.models import ApiToken
from buurtpeil.api.tokens import token_digest, token_new
from buurtpeil.organisations.selectors import membership_for
from buurtpeil.organisations.services import audit_record

AUDIT_ACTION = "api_token"
# ``last_used_at`` is written at most this often per token, so reads stay reads.
USED_RESOLUTION = timedelta(minutes=1)


class ApiTokenError(ValueError):
    pass


@transaction.atomic
def api_token_create(*, organisation, user, name: str, actor=None) -> tuple[ApiToken, str]:
    """A new token acting for ``user`` (a member of ``organisation``); returns the row and
    the token itself, which is stored nowhere and must be shown once."""
    name = name.strip()[:100]
    if not name:
        raise ApiTokenError("A token needs a name.")
    if membership_for(user, organisation.code) is None:
        raise ApiTokenError(f"{user.get_username()} is not a member of {organisation.code}.")
    token = token_new()
    api_token = ApiToken.objects.create(
        organisation=organisation,
        user=user,
        name=name,
        digest=token_digest(token),
        prefix=token[:9],
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit_record(
        organisation=organisation,
        actor=actor,
        action=AUDIT_ACTION,
        subject=f"API token created: {name} ({api_token.prefix}…) for {user.get_username()}",
    )
    return api_token, token


@transaction.atomic
def api_token_revoke(*, api_token: ApiToken, actor=None) -> ApiToken:
    """Stop the token working. Revoking twice changes nothing."""
    updated = ApiToken.objects.filter(pk=api_token.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    if updated:
        audit_record(
            organisation=api_token.organisation,
            actor=actor,
            action=AUDIT_ACTION,
            subject=f"API token revoked: {api_token.name} ({api_token.prefix}…)",
        )
    api_token.refresh_from_db()
    return api_token


def api_token_used(*, api_token: ApiToken) -> None:
    """Note when the token was last used (at most once a minute)."""
    now = timezone.now()
    if api_token.last_used_at is None or now - api_token.last_used_at >= USED_RESOLUTION:
        ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=now)
        api_token.last_used_at = now
