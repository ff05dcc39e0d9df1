"""A member's erasure deletes the signals they made."""

from django.dispatch import receiver

from buurtpeil.panel.signals import member_erased


@receiver(member_erased, dispatch_uid="concerns.member_erased")
def member_erased_delete(sender, *, organisation_id, member_key, **kwargs):
    from buurtpeil.concerns.models import Concern

    Concern.objects.filter(organisation_id=organisation_id, member_key=member_key).delete()
