"""SMS through the provider in ``SMS_BACKEND``; numbers come from the panel at send time."""

from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from buurtpeil.distribution.channels import sms_backends
from buurtpeil.distribution.channels.registry import (
    ChannelPlugin,
    DeliveryFailed,
    DeliveryRefused,
    DeliverySkipped,
    Message,
    register,
)
from buurtpeil.panel.selectors import member_contacts


def text(message: Message) -> str:
    with translation.override(message.language):
        if message.notice is not None and message.notice.sms_lead:
            lead = str(message.notice.sms_lead)
        elif message.is_reminder:
            lead = gettext("%(organisation)s: a reminder, your answers to “%(title)s” are still welcome.")
        else:
            lead = gettext("%(organisation)s: a new poll is waiting for you, “%(title)s”.")
        stop = gettext("No more SMS")
        lead %= {"organisation": message.organisation_name, "title": message.poll_title[:60]}
    return f"{lead} {message.answer_url}\n{stop}: {message.unsubscribe_url}"


@register("sms")
class SmsChannel(ChannelPlugin):
    verbose_name = _("SMS")
    missing = "no Dutch or Belgian phone number"

    def is_available(self) -> bool:
        return sms_backends.backend() is not None

    def addresses(self, organisation, member_keys):
        contacts = member_contacts(organisation, member_keys)
        numbers = {
            key: sms_backends.phone_e164(contact.phone, organisation.country)
            for key, contact in contacts.items()
        }
        return {key: number for key, number in numbers.items() if number}

    def send(self, connection, address, message):
        if message.notice and not message.notice.sms_lead:
            raise DeliverySkipped("notices are not sent by SMS")
        provider = sms_backends.backend()
        if provider is None:
            raise DeliveryRefused("SMS is not configured")
        try:
            provider.send(sms_backends.Sms(to=address, body=text(message), reference=message.reference))
        except sms_backends.SmsError as error:
            raise (DeliveryRefused if error.permanent else DeliveryFailed)(error.reason) from None
