import logging

from django.db import transaction

from buurtpeil.organisations.models import AuditEvent, Membership, Organisation

logger = logging.getLogger("buurtpeil.audit")


@transaction.atomic
def organisation_upsert(*, code: str, name: str, **fields) -> Organisation:
    organisation, _ = Organisation.objects.update_or_create(code=code, defaults={"name": name, **fields})
    organisation.full_clean()
    return organisation


def membership_grant(*, user, organisation: Organisation, role: str) -> Membership:
    membership, _ = Membership.objects.update_or_create(
        user=user, organisation=organisation, defaults={"role": role}
    )
    return membership


def audit_record(*, organisation: Organisation | None, actor, action: str, subject: str) -> AuditEvent:
    """Write an audit row (and a log line without personal data) for an export, import, view,
    login, role change, erasure or retention deletion."""
    event = AuditEvent.objects.create(
        organisation=organisation,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        subject=subject[:200],
    )
    logger.info(
        "audit organisation=%s actor=%s action=%s subject=%s",
        organisation.code if organisation else "-",
        event.actor_id,
        action,
        subject,
    )
    return event
