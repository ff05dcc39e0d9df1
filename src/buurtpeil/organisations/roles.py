"""ROLE_CHANGE in the audit log for every membership a person grants, changes or removes: in the
Django admin (an organisation with its memberships, a user with theirs, deleting a user) or
through the services with an ``actor``.

Model signals see every save and delete, so no way of saving in the admin is missed; whether
and by whom is set by ``services.acting_as`` around what a person does. A membership deleted
because its whole organisation is deleted writes nothing: that organisation's audit log goes
with it.
"""

from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from buurtpeil.organisations.models import AuditEvent, Membership, Organisation
from buurtpeil.organisations.services import audit_record, role_change_actor


def _record(membership: Membership, subject: str) -> None:
    (actor,) = role_change_actor() or (None,)
    audit_record(
        organisation=membership.organisation,
        actor=actor,
        action=AuditEvent.Action.ROLE_CHANGE,
        subject=subject,
    )


def _username(user_id) -> str:
    user = get_user_model()._default_manager.filter(pk=user_id).first()
    return user.get_username() if user else f"user {user_id}"


@receiver(pre_save, sender=Membership, dispatch_uid="buurtpeil.role_before")
def _role_before(sender, instance: Membership, raw=False, **kwargs):
    previous = None
    if instance.pk and not raw and role_change_actor():
        previous = Membership.objects.filter(pk=instance.pk).values("user_id", "role").first()
    instance._role_before = previous


@receiver(post_save, sender=Membership, dispatch_uid="buurtpeil.role_after")
def _role_after(sender, instance: Membership, created: bool, raw=False, **kwargs):
    if raw or not role_change_actor():
        return
    previous = getattr(instance, "_role_before", None)
    name = _username(instance.user_id)
    if created or previous is None:
        _record(instance, f"role granted: {name} is {instance.role}")
    elif previous["user_id"] != instance.user_id:
        _record(instance, f"role removed: {_username(previous['user_id'])} was {previous['role']}")
        _record(instance, f"role granted: {name} is {instance.role}")
    elif previous["role"] != instance.role:
        _record(instance, f"role changed: {name} from {previous['role']} to {instance.role}")


@receiver(post_delete, sender=Membership, dispatch_uid="buurtpeil.role_removed")
def _role_removed(sender, instance: Membership, origin=None, **kwargs):
    if not role_change_actor():
        return
    if isinstance(origin, Organisation) or getattr(origin, "model", None) is Organisation:
        return
    _record(instance, f"role removed: {_username(instance.user_id)} was {instance.role}")
