"""E-mail over SMTP (Django's mail backend), with one-click unsubscribe headers (RFC 8058)."""

import smtplib
from contextlib import contextmanager
from dataclasses import replace
from functools import lru_cache

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from buurtpeil.distribution.channels.registry import (
    ChannelPlugin,
    DeliveryFailed,
    DeliveryRefused,
    Message,
    register,
)
from buurtpeil.panel.selectors import member_contacts


def unsubscribe_headers(unsubscribe_url: str) -> dict[str, str]:
    targets = [f"<{unsubscribe_url}>"]
    mailto = getattr(settings, "UNSUBSCRIBE_MAILTO", "")
    if mailto:
        targets.append(f"<mailto:{mailto}?subject=unsubscribe>")
    return {
        "List-Unsubscribe": ", ".join(targets),
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


ANSWER, UNSUBSCRIBE = "bp0answer0url0", "bp0unsubscribe0url0"


INVITATION_TEMPLATES = (
    "distribution/email/subject.txt",
    "distribution/email/invitation.txt",
    "distribution/email/invitation.html",
)


@lru_cache(maxsize=64)
def _render(message: Message) -> tuple[str, str, str]:
    names = message.notice.templates if message.notice else INVITATION_TEMPLATES
    with translation.override(message.language):
        context = {"message": message}
        subject, text, html = (render_to_string(name, context) for name in names)
    return " ".join(subject.split()), text, html


def render(message: Message) -> tuple[str, str, str]:
    """Subject, plain text and HTML of an invitation, reminder or notice, in the message's language.

    The templates are rendered once per poll, kind and language with placeholder links, and
    each recipient's links are put in (they hold only URL-safe characters)."""
    shared = replace(message, answer_url=ANSWER, unsubscribe_url=UNSUBSCRIBE, reference="")
    return tuple(
        part.replace(ANSWER, message.answer_url).replace(UNSUBSCRIBE, message.unsubscribe_url)
        for part in _render(shared)
    )


@register("email")
class EmailChannel(ChannelPlugin):
    verbose_name = _("E-mail")
    missing = "no e-mail address"

    def addresses(self, organisation, member_keys):
        contacts = member_contacts(organisation, member_keys)
        return {key: contact.email for key, contact in contacts.items() if contact.email}

    @contextmanager
    def session(self):
        connection = get_connection()
        try:
            yield connection
        finally:
            connection.close()

    def send(self, connection, address, message):
        subject, text, html = render(message)
        mail = EmailMultiAlternatives(
            subject=subject,
            body=text,
            to=[address],
            headers=unsubscribe_headers(message.unsubscribe_url),
            connection=connection,
        )
        mail.attach_alternative(html, "text/html")
        try:
            mail.send()
        except smtplib.SMTPRecipientsRefused:
            raise DeliveryRefused("the mail server refused the address") from None
        except smtplib.SMTPResponseException as error:
            connection.close()
            if error.smtp_code >= 500:
                raise DeliveryRefused(f"mail server answered {error.smtp_code}") from None
            raise DeliveryFailed(f"mail server answered {error.smtp_code}") from None
        except (smtplib.SMTPException, OSError) as error:
            connection.close()  # the next message opens a fresh connection
            raise DeliveryFailed(f"mail server not reached ({type(error).__name__})") from None
