"""Writes of the regions app: asking a municipality to share with a region, its consent and
withdrawal, and consent to comparison with similar municipalities. Each writes an append-only
``SharingEvent`` and an audit row in the organisation concerned."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from buurtpeil.organisations.models import Organisation
from buurtpeil.organisations.services import audit_record
from buurtpeil.regions.models import ComparisonProfile, RegionMembership, SharingEvent
from buurtpeil.regions.selectors import is_region


class SharingRefused(ValueError):
    pass


def _event(*, organisation: Organisation, kind: str, actor, region: Organisation | None = None) -> None:
    SharingEvent.objects.create(
        organisation=organisation,
        region=region,
        kind=kind,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
    )
    subject = f"{kind}: {region.code}" if region else kind
    audit_record(organisation=organisation, actor=actor, action=f"sharing.{kind}", subject=subject)
    if region is not None:
        audit_record(organisation=region, actor=actor, action=f"sharing.{kind}", subject=organisation.code)


@transaction.atomic
def region_member_request(*, region: Organisation, member: Organisation, actor) -> RegionMembership:
    """The region asks a municipality to share its results; nothing is shared until the
    municipality's administrator consents."""
    if not is_region(region):
        raise SharingRefused(_("Only a police zone or a region can have member municipalities."))
    if member.pk == region.pk or member.kind != Organisation.Kind.MUNICIPALITY:
        raise SharingRefused(_("Only a municipality can be a member of a region."))
    membership, created = RegionMembership.objects.get_or_create(
        region=region, member=member, defaults={"requested_by": actor}
    )
    if not created:
        raise SharingRefused(_("This municipality has already been asked."))
    _event(organisation=member, region=region, kind=SharingEvent.Kind.REGION_REQUESTED, actor=actor)
    return membership


@transaction.atomic
def region_consent_give(*, membership: RegionMembership, actor) -> RegionMembership:
    membership = RegionMembership.objects.select_for_update().get(pk=membership.pk)
    if membership.sharing:
        return membership
    membership.consent_by, membership.consent_at = actor, timezone.now()
    membership.withdrawn_by, membership.withdrawn_at = None, None
    membership.save()
    _event(
        organisation=membership.member,
        region=membership.region,
        kind=SharingEvent.Kind.REGION_CONSENTED,
        actor=actor,
    )
    return membership


@transaction.atomic
def region_consent_withdraw(*, membership: RegionMembership, actor) -> RegionMembership:
    """Stop sharing with the region: its pages show nothing of the member from now on."""
    membership = RegionMembership.objects.select_for_update().get(pk=membership.pk)
    if not membership.sharing:
        return membership
    membership.withdrawn_by, membership.withdrawn_at = actor, timezone.now()
    membership.save()
    _event(
        organisation=membership.member,
        region=membership.region,
        kind=SharingEvent.Kind.REGION_WITHDRAWN,
        actor=actor,
    )
    return membership


@transaction.atomic
def comparison_settings_save(
    *, organisation: Organisation, urbanity: int | None, consent: bool, actor
) -> ComparisonProfile:
    """Record the urbanity and give or withdraw consent to comparison with similar municipalities."""
    if urbanity is not None and not 1 <= urbanity <= 5:
        raise SharingRefused(_("Urbanity is a class from 1 to 5."))
    profile, _created = ComparisonProfile.objects.select_for_update().get_or_create(organisation=organisation)
    if profile.urbanity != urbanity:
        profile.urbanity = urbanity
        _event(organisation=organisation, kind=SharingEvent.Kind.URBANITY_SET, actor=actor)
    if consent and not profile.sharing:
        profile.consent_by, profile.consent_at = actor, timezone.now()
        profile.withdrawn_by, profile.withdrawn_at = None, None
        _event(organisation=organisation, kind=SharingEvent.Kind.COMPARISON_CONSENTED, actor=actor)
    elif not consent and profile.sharing:
        profile.withdrawn_by, profile.withdrawn_at = actor, timezone.now()
        _event(organisation=organisation, kind=SharingEvent.Kind.COMPARISON_WITHDRAWN, actor=actor)
    profile.save()
    return profile
