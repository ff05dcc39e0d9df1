"""Notices: messages to the members who answered a poll, sent after they answered, such as
"feedback" (what came of their answers). Apps above sending register a kind here.

A notice differs from an invitation or reminder in three ways: it carries one link that is the
same for everyone (no personal answering token), it may go out after the poll's distribution
has ended, and it goes by e-mail and web push only: an SMS costs the municipality money per
message and is kept for asking residents to answer. Everything else is as for invitations:
a ``Delivery`` per recipient, kind and channel (never sent twice), one-click opt-outs per
channel, quiet hours and retries.

A kind is registered like a channel::

    @notices.register("feedback")
    class FeedbackNotice(notices.Notice):
        verbose_name = _("feedback")
        templates = ("feedback/email/subject.txt", "feedback/email/notice.txt", "feedback/email/notice.html")
        push_title = _("What came of your answers")

        def url(self, *, organisation, poll) -> str: ...
"""

from __future__ import annotations

from typing import Any, ClassVar

from buurtpeil.core.registry import Registry

CHANNELS = ("email", "push")


class Notice:
    identifier: ClassVar[str]  # the ``Delivery.kind``; at most 20 characters
    verbose_name: ClassVar[Any]  # for the progress of a distribution: "E-mail, feedback"
    # E-mail subject, plain text and HTML templates; the context holds ``message``
    # (``channels.Message``, its ``link`` is the notice's link).
    templates: ClassVar[tuple[str, str, str]]
    push_title: ClassVar[Any]  # the notification's title; the payload holds nothing else but the link
    # A notice sent with ``services.members_message_send`` may go by SMS too when it has this
    # text ("%(organisation)s: ... %(title)s"); the link and the way to stop follow it.
    sms_lead: ClassVar[Any] = None

    def url(self, *, organisation, poll) -> str:
        """The absolute link every message of this kind about ``poll`` carries."""
        raise NotImplementedError


register: Registry[Notice] = Registry()


def is_notice(kind: str) -> bool:
    return kind in register


def kinds() -> list[str]:
    return register.identifiers()
