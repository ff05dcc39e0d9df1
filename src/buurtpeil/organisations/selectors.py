from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from buurtpeil.analysis import SuppressionRules
from buurtpeil.organisations.forms import HEX_COLOUR, PRIMARY_COLOUR_TOKENS
from buurtpeil.organisations.models import AuditEvent, Membership, Organisation

ROLE_RANK = {
    Membership.Role.PARTNER: 0,
    Membership.Role.VIEWER: 1,
    Membership.Role.ANALYST: 2,
    Membership.Role.ADMIN: 3,
}


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


def suppression_rules(organisation: Organisation) -> SuppressionRules:
    """The organisation's thresholds for showing figures, for the analysis core: no figure below
    the privacy minimum, indicative below the reliability minimum or with a wider interval. The
    half-width is for shares (0-1 scale); pass a threshold on their own scale for means."""
    return SuppressionRules(
        privacy_minimum=max(organisation.privacy_minimum, 1),
        reliability_minimum=max(organisation.reliability_minimum, organisation.privacy_minimum, 1),
        max_half_width=organisation.indicative_half_width / 100,
    )


def organisation_main_colour(organisation: Organisation, default: str = "#1a5c8c") -> str:
    """The organisation's main colour (#rrggbb, set on the settings page), for reports."""
    colour = (organisation.design_tokens or {}).get(PRIMARY_COLOUR_TOKENS[0], "")
    return colour if HEX_COLOUR.match(colour) else default
