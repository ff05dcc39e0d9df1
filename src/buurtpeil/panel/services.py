"""Writes of the resident panel: joining by magic link, profile, leaving, erasure, letters.

Every function is keyword-only and runs in one transaction; e-mail goes out through a task
enqueued on commit. Nothing here logs an e-mail address or a token.
"""

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from buurtpeil.areas.selectors import buurten as organisation_buurten
from buurtpeil.organisations.models import Organisation
from buurtpeil.panel.codes import code_new
from buurtpeil.panel.digests import email_digest, token_digest, token_new
from buurtpeil.panel.models import (
    Identity,
    Invitation,
    InvitationContact,
    MagicLink,
    PanelMember,
    RecruitmentBatch,
)
from buurtpeil.panel.recruitment import Invitee
from buurtpeil.panel.signals import member_erased

logger = logging.getLogger(__name__)

# The version of the privacy statement a member consents to; raise it when the statement
# changes in substance, and members are asked to consent again.
CONSENT_VERSION = "2026-1"
# At most this many open links per address; more requests are silently ignored.
OPEN_LINKS_MAX = 3
# Used and expired links are kept this long (to tell "already used" from "unknown").
LINK_KEEP = timedelta(days=1)

Purpose = MagicLink.Purpose


def magic_link_minutes() -> int:
    """How long a login link stays valid, in whole minutes, as told to residents."""
    return max(1, settings.MAGIC_LINK_MAX_AGE // 60)


class MagicLinkRefused(Exception):
    INVALID = "invalid"
    EXPIRED = "expired"
    USED = "used"
    ADDRESS_TAKEN = "address_taken"

    def __init__(self, reason: str, *, member_id: int | None = None):
        super().__init__(reason)
        self.reason = reason
        self.member_id = member_id


@dataclass(frozen=True)
class IssuedLink:
    """What the sending task needs; lives only in the worker's memory."""

    organisation: Organisation
    purpose: str
    recipient: str
    token: str


# --- magic links -----------------------------------------------------------------------


def _link_create(*, organisation, purpose, digest, language, email="", member=None, invitation=None):
    now = timezone.now()
    MagicLink.objects.filter(organisation=organisation, expires_at__lt=now - LINK_KEEP).delete()
    open_links = MagicLink.objects.filter(
        organisation=organisation, email_digest=digest, used_at__isnull=True, expires_at__gt=now
    )
    if open_links.count() >= OPEN_LINKS_MAX:
        logger.info("Magic link not created: too many open links (organisation %s)", organisation.code)
        return
    link = MagicLink.objects.create(
        organisation=organisation,
        purpose=purpose,
        email=email,
        email_digest=digest,
        member=member,
        invitation=invitation,
        expires_at=now + timedelta(seconds=settings.MAGIC_LINK_MAX_AGE),
    )
    from buurtpeil.panel.tasks import magic_link_send  # the task module calls back into this one

    transaction.on_commit(partial(magic_link_send.enqueue, link.pk, language))


@transaction.atomic
def magic_link_request(
    *, organisation: Organisation, email: str, language: str, invitation: Invitation | None = None
) -> None:
    """Mail a login link to ``email``: a join link for a new address, a login link for a
    member's. The caller shows the same page either way (no account enumeration)."""
    digest = email_digest(email)
    identity = _identity_by_digest(organisation.pk, digest)
    _link_create(
        organisation=organisation,
        purpose=Purpose.JOIN if identity is None else Purpose.LOGIN,
        digest=digest,
        language=language,
        # A new address waits in the link until it is confirmed; a member's is in Identity.
        email=email.strip() if identity is None else "",
        member=None if identity is None else identity.member,
        invitation=invitation,
    )


@transaction.atomic
def email_change_request(*, member: PanelMember, email: str, language: str) -> None:
    """Mail a confirmation link to a member's new address; the address changes on confirmation."""
    digest = email_digest(email)
    if member.identity.email_digest == digest:
        return
    _link_create(
        organisation=member.organisation,
        purpose=Purpose.EMAIL_CHANGE,
        digest=digest,
        language=language,
        email=email.strip(),
        member=member,
    )


@transaction.atomic
def magic_link_issue(*, link_id: int) -> IssuedLink | None:
    """Make the token of a link that is still to be sent. Called by the sending task only;
    None if the link was sent already, used, expired or deleted (a task may run twice)."""
    link = (
        MagicLink.objects.select_for_update(of=("self",))
        .select_related("organisation", "member__identity")
        .filter(pk=link_id, token_digest__isnull=True, used_at__isnull=True, expires_at__gt=timezone.now())
        .first()
    )
    if link is None:
        return None
    token = token_new()
    link.token_digest = token_digest(token)
    link.save(update_fields=["token_digest"])
    recipient = link.member.identity.email if link.purpose == Purpose.LOGIN else link.email
    return IssuedLink(organisation=link.organisation, purpose=link.purpose, recipient=recipient, token=token)


@transaction.atomic
def magic_link_consume(*, organisation: Organisation, token: str) -> PanelMember:
    """Use a link once: join (member and identity are created only now), log in, or confirm a
    new address. Raises ``MagicLinkRefused`` for an unknown, expired or used link."""
    digest = token_digest(token)
    link = (
        MagicLink.objects.select_for_update(of=("self",))
        .filter(organisation=organisation, token_digest=digest)
        .select_related("member")
        .first()
    )
    if link is None:
        raise MagicLinkRefused(MagicLinkRefused.INVALID)
    if link.used_at is not None:
        raise MagicLinkRefused(MagicLinkRefused.USED, member_id=link.member_id)
    now = timezone.now()
    if link.expires_at <= now:
        raise MagicLinkRefused(MagicLinkRefused.EXPIRED)

    invitation = _invitation_redeem(link.invitation_id, now)
    if link.purpose == Purpose.JOIN:
        member = _member_join(link, invitation)
    elif link.purpose == Purpose.EMAIL_CHANGE:
        member = _identity_change(link)
    else:
        member = link.member

    # Other open links for this address are no longer needed (some hold it in clear).
    MagicLink.objects.filter(
        organisation=organisation, email_digest=link.email_digest, used_at__isnull=True
    ).exclude(pk=link.pk).delete()
    link.used_at, link.email, link.member = now, "", member
    link.save(update_fields=["used_at", "email", "member"])
    logger.info("Magic link used (organisation %s, purpose %s)", organisation.code, link.purpose)
    return member


def _invitation_redeem(invitation_id: int | None, now) -> Invitation | None:
    """Mark a letter code used and delete its address; None if there is none or it was used."""
    if invitation_id is None:
        return None
    invitation = Invitation.objects.select_for_update().filter(pk=invitation_id, used_at__isnull=True).first()
    if invitation is None:
        return None
    invitation.used_at = now
    invitation.save(update_fields=["used_at"])
    InvitationContact.objects.filter(invitation=invitation).delete()
    return invitation


def _identity_by_digest(organisation_id: int, digest: str) -> Identity | None:
    return (
        Identity.objects.select_related("member")
        .filter(organisation=organisation_id, email_digest=digest)
        .first()
    )


def _member_join(link: MagicLink, invitation: Invitation | None) -> PanelMember:
    identity = _identity_by_digest(link.organisation_id, link.email_digest)
    if identity is not None:  # joined meanwhile through another link
        return identity.member
    member = PanelMember.objects.create(
        organisation_id=link.organisation_id,
        status=PanelMember.Status.PENDING,
        source=PanelMember.Source.LETTER if invitation else PanelMember.Source.SELF,
        buurt_id=invitation.buurt_id if invitation else None,
    )
    Identity.objects.create(
        member=member, organisation_id=link.organisation_id, email=link.email, email_digest=link.email_digest
    )
    return member


def _identity_change(link: MagicLink) -> PanelMember:
    taken = (
        Identity.objects.filter(organisation=link.organisation_id, email_digest=link.email_digest)
        .exclude(member=link.member_id)
        .exists()
    )
    if taken:
        raise MagicLinkRefused(MagicLinkRefused.ADDRESS_TAKEN, member_id=link.member_id)
    Identity.objects.filter(member=link.member_id).update(email=link.email, email_digest=link.email_digest)
    return link.member


# --- profile, leaving, erasure -------------------------------------------------------------


@transaction.atomic
def profile_update(
    *,
    member: PanelMember,
    buurt,
    age_group: str,
    sex: str,
    household: str = "",
    migration_background: str = "",
    consent: bool = False,
) -> PanelMember:
    """Save buurt, traits and consent. A pending member with consent to the current privacy
    statement becomes active. Saving the same values again changes nothing."""
    if not organisation_buurten(member.organisation).filter(pk=buurt.pk).exists():
        raise ValueError("The buurt must be a buurt of the member's organisation.")
    member = PanelMember.objects.select_for_update().get(pk=member.pk)
    changes = {
        "buurt_id": buurt.pk,
        "age_group": age_group,
        "sex": sex,
        "household": household,
        "migration_background": migration_background,
    }
    if consent and member.consent_version != CONSENT_VERSION:
        changes.update(consent_version=CONSENT_VERSION, consent_at=timezone.now())
    consented = changes.get("consent_version", member.consent_version) == CONSENT_VERSION
    if member.status == PanelMember.Status.PENDING and consented:
        changes["status"] = PanelMember.Status.ACTIVE
    changed = [name for name, value in changes.items() if getattr(member, name) != value]
    for name in changed:
        setattr(member, name, changes[name])
    if changed:
        member.save(update_fields=changed)
    return member


def _contact_delete(member: PanelMember) -> None:
    digests = list(Identity.objects.filter(member=member).values_list("email_digest", flat=True))
    MagicLink.objects.filter(member=member).delete()
    MagicLink.objects.filter(organisation=member.organisation_id, email_digest__in=digests).delete()
    Identity.objects.filter(member=member).delete()


@transaction.atomic
def member_leave(*, member: PanelMember) -> None:
    """Leave the panel: contact data goes, the pseudonymous traits stay (they keep the
    weighting of answers already given right). The member can no longer be reached."""
    member = PanelMember.objects.select_for_update().get(pk=member.pk)
    _contact_delete(member)
    member.status, member.left_at = PanelMember.Status.LEFT, timezone.now()
    member.save(update_fields=["status", "left_at"])
    logger.info("Panel member left (organisation %s)", member.organisation.code)


@transaction.atomic
def members_leave(*, organisation: Organisation, keys) -> None:
    """Let the still active members with these keys leave (their contact data goes)."""
    members = PanelMember.objects.filter(
        organisation=organisation, key__in=list(keys), status=PanelMember.Status.ACTIVE
    )
    for member in members:
        member_leave(member=member)


@transaction.atomic
def member_erase(*, member: PanelMember) -> None:
    """Erase a member completely: contact data, links and the member row itself. Apps that
    keep data under the member key remove it in a ``member_erased`` receiver."""
    member = (
        PanelMember.objects.select_for_update(of=("self",)).select_related("organisation").get(pk=member.pk)
    )
    _contact_delete(member)
    member_erased.send(PanelMember, organisation_id=member.organisation_id, member_key=member.key)
    organisation_code = member.organisation.code
    member.delete()
    logger.info("Panel member erased (organisation %s)", organisation_code)


# --- key figures and partners -------------------------------------------------------------


@transaction.atomic
def contact_member_save(
    *,
    organisation: Organisation,
    kind: str,
    member_key=None,
    email: str,
    phone: str = "",
    name: str = "",
    buurt=None,
    consent_at=None,
):
    """The panel member through which a key figure or a partner's contact person gets the polls
    of their own panel type (``kind``). Created or updated from the partner register; without an
    e-mail address and a phone number the member is erased. Returns the member's key or None.

    Their identity's look-up digest is scoped to the kind, so someone who is also in the
    residents' panel stays two separate members, and the residents' login never finds them."""
    if kind == PanelMember.Kind.RESIDENTS:
        raise ValueError("residents join through a magic link")
    member = (
        PanelMember.objects.select_for_update().filter(organisation=organisation, key=member_key).first()
        if member_key
        else None
    )
    if not email and not phone:
        if member is not None:
            member_erase(member=member)
        return None
    if member is None:
        member = PanelMember(organisation=organisation, kind=kind, source=PanelMember.Source.SELF)
    member.kind, member.buurt, member.status = kind, buurt, PanelMember.Status.ACTIVE
    member.consent_version, member.consent_at = f"{kind}-{CONSENT_VERSION}", consent_at or timezone.now()
    member.save()
    Identity.objects.update_or_create(
        member=member,
        defaults={
            "organisation": organisation,
            "email": email,
            "email_digest": email_digest(f"{kind}:{email}") if email else f"{kind}:{member.key}",
            "phone": phone,
            "name": name,
        },
    )
    return member.key


def contact_member_erase(*, organisation: Organisation, member_key) -> None:
    member = (
        PanelMember.objects.filter(organisation=organisation, key=member_key).first() if member_key else None
    )
    if member is not None:
        member_erase(member=member)


# --- letter invitations ----------------------------------------------------------------------


def invitation_codes_new(count: int) -> list[str]:
    """``count`` new codes, unique among themselves and in the database."""
    codes: set[str] = set()
    while len(codes) < count:
        candidates = {code_new() for _ in range(count - len(codes))} - codes
        taken = set(Invitation.objects.filter(code__in=candidates).values_list("code", flat=True))
        codes |= candidates - taken
    return list(codes)


@transaction.atomic
def recruitment_batch_create(
    *, organisation: Organisation, name: str, invitees: list[Invitee]
) -> RecruitmentBatch:
    """A batch of letter invitations, one code per invitee. ``invitees`` come validated from
    ``recruitment.invitees_parse``; a buurt code that is not the organisation's is an error."""
    codes = {invitee.buurt_code for invitee in invitees}
    buurten = {area.code: area for area in organisation_buurten(organisation).filter(code__in=codes)}
    missing = codes - buurten.keys()
    if missing:
        raise ValueError(f"Unknown buurt codes: {sorted(missing)}")
    batch = RecruitmentBatch.objects.create(organisation=organisation, name=name)
    invitations = Invitation.objects.bulk_create(
        Invitation(organisation=organisation, batch=batch, code=code, buurt=buurten[invitee.buurt_code])
        for invitee, code in zip(invitees, invitation_codes_new(len(invitees)), strict=True)
    )
    InvitationContact.objects.bulk_create(
        InvitationContact(invitation=invitation, name=invitee.name, address=invitee.address)
        for invitation, invitee in zip(invitations, invitees, strict=True)
    )
    logger.info(
        "Recruitment batch %s created: %d letters (organisation %s)",
        batch.pk,
        len(invitees),
        organisation.code,
    )
    return batch


@transaction.atomic
def synthetic_members_create(*, organisation: Organisation, members: Iterable) -> int:
    """Add made-up, active members (demo data; never contact data). Each item has buurt_code,
    age_group, sex, household and migration_background. Returns how many were made."""
    by_code = {buurt.code: buurt for buurt in organisation_buurten(organisation)}
    created = PanelMember.objects.bulk_create(
        [
            PanelMember(
                organisation=organisation,
                buurt=by_code[m.buurt_code],
                age_group=m.age_group,
                sex=m.sex,
                household=m.household,
                migration_background=m.migration_background,
                status=PanelMember.Status.ACTIVE,
                source=PanelMember.Source.SYNTHETIC,
                consent_version="synthetic",
            )
            for m in members
        ],
        batch_size=1000,
    )
    return len(created)
