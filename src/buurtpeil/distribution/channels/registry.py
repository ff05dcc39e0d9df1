"""Message channels register under a unique id (``buurtpeil.core.registry``).

A channel plugin knows three things: whether it is configured, where each member can be
reached (looked up at send time, never copied), and how to send one message there.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar

from buurtpeil.core.registry import Registry
from buurtpeil.distribution import notices
from buurtpeil.distribution.notices import Notice


class DeliverySkipped(Exception):
    """Nothing to send to: no address, no subscription, opted out. Not retried."""


class DeliveryRefused(Exception):
    """The provider refused the message for good (unknown number, rejected address)."""


class DeliveryFailed(Exception):
    """A passing failure (connection, time-out, provider busy): tried again later."""


@dataclass(frozen=True)
class Message:
    """What one message says. ``answer_url`` holds the recipient's personal token; a notice
    (see ``distribution.notices``) carries its own link there instead."""

    organisation_name: str
    poll_title: str
    kind: str  # "invite", "reminder-N" or a notice's identifier ("feedback")
    language: str
    answer_url: str
    unsubscribe_url: str
    ends_at: datetime
    reference: str  # the delivery id, for the provider's logs

    @property
    def is_reminder(self) -> bool:
        return self.kind.startswith("reminder-")

    @property
    def notice(self) -> Notice | None:
        """The notice kind of this message, or None for an invitation or reminder."""
        return notices.register[self.kind] if notices.is_notice(self.kind) else None

    @property
    def link(self) -> str:
        return self.answer_url


class ChannelPlugin:
    identifier: ClassVar[str]
    verbose_name: ClassVar[Any]
    missing: ClassVar[str] = "no address on this channel"  # why a member without one is skipped

    def is_available(self) -> bool:
        return True

    def addresses(self, organisation, member_keys: list[uuid.UUID]) -> dict[uuid.UUID, Any]:
        """Where each member can be reached on this channel; a member left out gets no message."""
        raise NotImplementedError

    @contextmanager
    def session(self) -> Iterator[Any]:
        """A connection kept open for a batch of messages (an SMTP connection, an HTTP session)."""
        yield None

    def send(self, connection, address, message: Message) -> None:
        """Send one message; raise ``DeliverySkipped``, ``DeliveryRefused`` or ``DeliveryFailed``."""
        raise NotImplementedError


register: Registry[ChannelPlugin] = Registry()
