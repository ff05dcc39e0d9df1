"""Receivers of other apps' signals."""

from django.dispatch import receiver

from buurtpeil.panel.signals import member_erased
from buurtpeil.responses import services


@receiver(member_erased, dispatch_uid="responses.member_erased")
def member_erased_delete(sender, *, organisation_id, member_key, **kwargs):
    services.member_responses_delete(organisation_id=organisation_id, member_key=member_key)
