from django.db.models import QuerySet

from buurtpeil.core.tokens import link_token_digest
from buurtpeil.partners.models import KeyFigure, NetworkInvitation, NetworkRound, Partner, Professional


def partners_for(organisation) -> QuerySet[Partner]:
    return Partner.objects.filter(organisation=organisation)


def partner_for(organisation, partner_id) -> Partner | None:
    return partners_for(organisation).filter(pk=partner_id).first()


def network_rounds(organisation) -> QuerySet[NetworkRound]:
    return NetworkRound.objects.filter(organisation=organisation)


def invitation_by_token(organisation, token: str) -> NetworkInvitation | None:
    return (
        NetworkInvitation.objects.filter(
            round__organisation=organisation, token_digest=link_token_digest(token)
        )
        .select_related("round", "partner")
        .first()
    )


def round_answers(network_round: NetworkRound) -> list[tuple[int, int, int]]:
    """(partner, named partner, frequency) of every answer in the round."""
    return list(network_round.ties.values_list("source_id", "target_id", "frequency"))


def key_figures_for(organisation) -> QuerySet[KeyFigure]:
    return KeyFigure.objects.filter(organisation=organisation).prefetch_related("areas")


def key_figure_for(organisation, key_figure_id) -> KeyFigure | None:
    return key_figures_for(organisation).filter(pk=key_figure_id).first()


def professionals_for(organisation) -> QuerySet[Professional]:
    return Professional.objects.filter(organisation=organisation).prefetch_related("areas")


def professional_for(organisation, professional_id) -> Professional | None:
    return professionals_for(organisation).filter(pk=professional_id).first()


def contact_member_keys(organisation, *, area_ids) -> list[tuple[str, object]]:
    """``(panel type, member key)`` of the key figures, partners' contact persons and
    professionals who work in any of ``area_ids`` and can be reached (they have a member);
    never contact data."""
    from buurtpeil.panel.models import PanelMember

    registers = (
        (PanelMember.Kind.KEY_FIGURES, KeyFigure),
        (PanelMember.Kind.PARTNERS, Partner),
        (PanelMember.Kind.PROFESSIONALS, Professional),
    )
    rows = [
        (kind, key)
        for kind, model in registers
        for key in model.objects.filter(
            organisation=organisation, areas__in=list(area_ids), member_key__isnull=False
        ).values_list("member_key", flat=True)
    ]
    return list(dict.fromkeys(rows))
