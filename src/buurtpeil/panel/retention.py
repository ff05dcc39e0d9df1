"""The panel's retention steps (``organisations.retention``): contact data left behind by members
who left, members who never finished joining, expired login links."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q

from buurtpeil.organisations.models import Organisation
from buurtpeil.organisations.retention import RetentionStep, steps
from buurtpeil.panel.models import MagicLink, PanelMember
from buurtpeil.panel.services import LINK_KEEP, _contact_delete, member_erase


@transaction.atomic
def left_members_contact_delete(*, organisation: Organisation, before) -> int:
    """Contact data still held for members who left before ``before`` (leaving deletes it at
    once; this catches what came after, such as a link asked for just before leaving): their
    identity and links, deleted as erasure deletes them. Returns how many members had any."""
    left = PanelMember.objects.filter(
        organisation=organisation, status=PanelMember.Status.LEFT, left_at__lt=before
    )
    linked = MagicLink.objects.filter(member__in=left).values("member")
    members = list(left.filter(Q(identity__isnull=False) | Q(pk__in=linked)).distinct())
    for member in members:
        _contact_delete(member)
    return len(members)


@transaction.atomic
def pending_members_erase(*, organisation: Organisation, before) -> int:
    """Erase members who confirmed their address before ``before`` but never finished their
    profile, so never consented: nothing of them is kept (``member_erase``). Returns how many."""
    members = list(
        PanelMember.objects.filter(
            organisation=organisation, status=PanelMember.Status.PENDING, joined_at__lt=before
        )
    )
    for member in members:
        member_erase(member=member)
    return len(members)


def expired_links_delete(*, organisation: Organisation, now) -> int:
    """Login links more than ``LINK_KEEP`` past their expiry, with the unconfirmed addresses some
    of them hold (asking for a link deletes them too, but only when someone asks)."""
    deleted, _ = MagicLink.objects.filter(organisation=organisation, expires_at__lt=now - LINK_KEEP).delete()
    return deleted


@steps("left_members")
class LeftMembersContact(RetentionStep):
    label = "contact data of members who left"

    def run(self, *, organisation, now):
        before = now - timedelta(days=settings.RETENTION_LEFT_GRACE_DAYS)
        return left_members_contact_delete(organisation=organisation, before=before)


@steps("pending_members")
class PendingMembers(RetentionStep):
    label = "unfinished sign-ups erased"

    def run(self, *, organisation, now):
        before = now - timedelta(days=settings.RETENTION_PENDING_DAYS)
        return pending_members_erase(organisation=organisation, before=before)


@steps("login_links")
class ExpiredLoginLinks(RetentionStep):
    label = "expired login links"

    def run(self, *, organisation, now):
        return expired_links_delete(organisation=organisation, now=now)
