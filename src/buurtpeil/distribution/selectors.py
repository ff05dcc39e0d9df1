"""Reads of sending. Other apps import from here and from ``services`` only."""

from buurtpeil.distribution.models import Recipient
from buurtpeil.distribution.tokens import token_digest


def recipient_by_token(*, organisation, token: str) -> Recipient | None:
    """The recipient whose personal link carries ``token``, within this organisation only."""
    if not token or len(token) > 64:
        return None
    return (
        Recipient.objects.select_related("distribution__poll")
        .filter(organisation=organisation, token_digest=token_digest(token))
        .first()
    )
