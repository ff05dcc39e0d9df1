from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from buurtpeil.organisations.models import AuditEvent, Membership, Organisation

ROLE_RANK = {Membership.Role.VIEWER: 1, Membership.Role.ANALYST: 2, Membership.Role.ADMIN: 3}


def organisation_by_code(code: str) -> Organisation:
    """The organisation with this code, or 404."""
    return get_object_or_404(Organisation, code=code)


def organisations_for_user(user) -> QuerySet[Organisation]:
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user).order_by("name")


def membership_for(user, code: str) -> Membership | None:
    if not user.is_authenticated:
        return None
    return (
        Membership.objects.select_related("organisation").filter(user=user, organisation__code=code).first()
    )


def role_at_least(membership: Membership, role: str) -> bool:
    return ROLE_RANK[membership.role] >= ROLE_RANK[role]


def audit_events(organisation: Organisation, limit: int = 200) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(organisation=organisation).select_related("actor")[:limit]
