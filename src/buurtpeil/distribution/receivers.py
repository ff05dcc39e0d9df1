"""Receivers of other apps' signals."""

from django.dispatch import receiver

from buurtpeil.distribution import services
from buurtpeil.panel.signals import member_erased


@receiver(member_erased, dispatch_uid="distribution.member_erased")
def member_erased_delete(sender, *, organisation_id, member_key, **kwargs):
    services.member_data_delete(organisation_id=organisation_id, member_key=member_key)
