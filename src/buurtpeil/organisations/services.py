import logging
from contextlib import contextmanager, nullcontext
from contextvars import ContextVar

from django.db import transaction

from buurtpeil.organisations.lockout import address_attempt_begin as address_attempt_begin
from buurtpeil.organisations.lockout import client_address as client_address
from buurtpeil.organisations.models import AuditEvent, Membership, Organisation

logger = logging.getLogger("buurtpeil.audit")
_role_actor: ContextVar = ContextVar("buurtpeil_role_change_actor", default=None)


@contextmanager
def acting_as(actor):
    """Role changes inside this block are written to the audit log as made by ``actor``
    (organisations.roles): the Django admin and the services wrap what a person does in it.
    Setting up (the demo, fixtures) outside such a block is not recorded."""
    token = _role_actor.set((actor,))
    try:
        yield
    finally:
        _role_actor.reset(token)


def role_change_actor() -> tuple | None:
    """``(actor,)`` inside ``acting_as``, else None."""
    return _role_actor.get()


@transaction.atomic
def organisation_upsert(*, code: str, name: str, **fields) -> Organisation:
    organisation, _ = Organisation.objects.update_or_create(code=code, defaults={"name": name, **fields})
    organisation.full_clean()
    return organisation


@transaction.atomic
def membership_grant(*, user, organisation: Organisation, role: str, actor=None) -> Membership:
    """Give ``user`` this role in ``organisation``; with an ``actor``, a change is written to the
    audit log as ROLE_CHANGE."""
    with acting_as(actor) if actor is not None else nullcontext():
        membership, _ = Membership.objects.update_or_create(
            user=user, organisation=organisation, defaults={"role": role}
        )
    return membership


@transaction.atomic
def membership_revoke(*, user, organisation: Organisation, actor) -> None:
    """Take ``user``'s role in ``organisation`` away (ROLE_CHANGE in the audit log)."""
    with acting_as(actor):
        for membership in Membership.objects.filter(user=user, organisation=organisation):
            membership.delete()


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
