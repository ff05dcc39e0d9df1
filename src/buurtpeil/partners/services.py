"""The partner register, the key figures and the professionals, each with a member of their own
panel type so that polls can be sent to them like to the residents' panel; and the network
poll: a round asks every partner with an e-mail address, through a personal link, with which
other partners it works on safety; an answer replaces that partner's earlier one."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from buurtpeil.areas.models import Area
from buurtpeil.core.tokens import link_token_new
from buurtpeil.panel.models import PanelMember
from buurtpeil.panel.services import contact_member_erase, contact_member_save
from buurtpeil.partners.models import (
    KeyFigure,
    NetworkInvitation,
    NetworkRound,
    NetworkTie,
    Partner,
    Professional,
)


def _only_buurt(record) -> Area | None:
    """The buurt a record works in when it names exactly one buurt: answers are then counted
    there; otherwise only in the municipality's figures."""
    areas = list(record.areas.all())
    return areas[0] if len(areas) == 1 and areas[0].level == Area.Level.NEIGHBOURHOOD else None


def _member_sync(record, kind: str, **contact):
    """Create, update or erase the record's member of the panel of ``kind``."""
    record.member_key = contact_member_save(
        organisation=record.organisation,
        kind=kind,
        member_key=record.member_key,
        buurt=_only_buurt(record),
        **contact,
    )
    record.save(update_fields=["member_key"])
    return record


@transaction.atomic
def partner_save(*, form) -> Partner:
    """Save a ``PartnerForm`` and keep the contact person's member of the partners' panel."""
    partner = form.save()
    return _member_sync(
        partner, PanelMember.Kind.PARTNERS, email=partner.contact_email, name=partner.contact_name
    )


@transaction.atomic
def key_figure_save(*, form) -> KeyFigure:
    """Save a ``KeyFigureForm`` and keep the key figure's member of the key figures' panel."""
    return key_figure_member_sync(key_figure=form.save())


def key_figure_member_sync(*, key_figure: KeyFigure) -> KeyFigure:
    """Create, update or erase the key figure's member of the key figures' panel."""
    return _member_sync(
        key_figure,
        PanelMember.Kind.KEY_FIGURES,
        email=key_figure.email,
        phone=key_figure.phone,
        name=key_figure.name,
        consent_at=key_figure.consent_at,
    )


@transaction.atomic
def professional_save(*, form) -> Professional:
    """Save a ``ProfessionalForm`` and keep their member of the professionals' panel."""
    return professional_member_sync(professional=form.save())


def professional_member_sync(*, professional: Professional) -> Professional:
    """Create, update or erase the professional's member of the professionals' panel."""
    return _member_sync(
        professional,
        PanelMember.Kind.PROFESSIONALS,
        email=professional.email,
        phone=professional.phone,
        name=professional.name,
    )


@transaction.atomic
def contact_erase(*, record: KeyFigure | Professional) -> None:
    """Erase a key figure or a professional, their panel member and everything kept under its key."""
    contact_member_erase(organisation=record.organisation, member_key=record.member_key)
    record.delete()


def network_round_open(*, organisation, title: str) -> tuple[NetworkRound, int]:
    """Open a round and e-mail each partner with a contact address its link; (round, sent)."""
    with transaction.atomic():
        network_round = NetworkRound.objects.create(organisation=organisation, title=title)
        links = []
        for partner in Partner.objects.filter(organisation=organisation).exclude(contact_email=""):
            token, digest = link_token_new()
            NetworkInvitation.objects.create(round=network_round, partner=partner, token_digest=digest)
            path = reverse("partners_network:answer", kwargs={"org_code": organisation.code, "token": token})
            links.append((partner, settings.SITE_URL + path))
    for partner, url in links:
        body = _(
            "Dear %(name)s,\n\n%(organisation)s asks its partners in safety with whom they work, how "
            "often and on what. It takes two minutes:\n\n%(url)s\n\nThe answers show where the network "
            "is strong and where ties are missing. Your link is personal; please do not forward it."
        ) % {"name": partner.contact_name or partner.name, "organisation": organisation.name, "url": url}
        EmailMessage(subject=title, body=body, to=[partner.contact_email]).send()
    return network_round, len(links)


@transaction.atomic
def network_answer_save(*, invitation: NetworkInvitation, ties: dict[int, tuple[int, list[str]]]) -> int:
    """Store ``ties`` {partner id: (frequency, topics)} as the invited partner's answer, replacing
    an earlier one; partners of other organisations and the partner itself are ignored."""
    network_round = invitation.round
    known = set(
        Partner.objects.filter(organisation=network_round.organisation)
        .exclude(pk=invitation.partner_id)
        .values_list("pk", flat=True)
    )
    NetworkTie.objects.filter(round=network_round, source=invitation.partner).delete()
    topics_allowed = set(NetworkTie.Topic.values)
    rows = [
        NetworkTie(
            round=network_round,
            source=invitation.partner,
            target_id=target,
            frequency=frequency,
            topics=[t for t in topics if t in topics_allowed],
        )
        for target, (frequency, topics) in ties.items()
        if target in known and frequency in NetworkTie.Frequency.values
    ]
    NetworkTie.objects.bulk_create(rows)
    invitation.answered_at = timezone.now()
    invitation.save(update_fields=["answered_at"])
    return len(rows)
