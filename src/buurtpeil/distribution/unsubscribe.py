"""One-click unsubscribe tokens: the organisation, the member key and the channel, signed with
``SECRET_KEY``. They do not expire (a link in an old message keeps working) and are not stored."""

import base64
import uuid
from dataclasses import dataclass

from django.core import signing

SALT = "buurtpeil.distribution.unsubscribe"


@dataclass(frozen=True)
class UnsubscribeRequest:
    organisation_id: int
    member_key: uuid.UUID
    channel: str


def unsubscribe_token(*, organisation_id: int, member_key: uuid.UUID, channel: str) -> str:
    key = base64.urlsafe_b64encode(member_key.bytes).decode().rstrip("=")
    return signing.Signer(salt=SALT).sign(f"{organisation_id}.{key}.{channel}")


def unsubscribe_read(token: str) -> UnsubscribeRequest | None:
    """What a token asks, or None when it is not one of ours."""
    if not token or len(token) > 200:
        return None
    try:
        value = signing.Signer(salt=SALT).unsign(token)
        organisation_id, key, channel = value.split(".")
        return UnsubscribeRequest(
            organisation_id=int(organisation_id),
            member_key=uuid.UUID(bytes=base64.urlsafe_b64decode(key + "==")),
            channel=channel,
        )
    except (signing.BadSignature, ValueError):
        return None
