"""Message channels behind one registry: ``register["email"]``, ``register["push"]``,
``register["sms"]``. Importing this package registers the built-in channels."""

from buurtpeil.distribution.channels import email, push, sms  # noqa: F401  (registers them)
from buurtpeil.distribution.channels.registry import (
    ChannelPlugin,
    DeliveryFailed,
    DeliveryRefused,
    DeliverySkipped,
    Message,
    register,
)

__all__ = ["ChannelPlugin", "DeliveryFailed", "DeliveryRefused", "DeliverySkipped", "Message", "register"]


def available() -> list[str]:
    """Identifiers of the channels that are configured on this installation."""
    return [plugin.identifier for plugin in register if plugin.is_available()]
