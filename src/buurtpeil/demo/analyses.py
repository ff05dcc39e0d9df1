"""The demo's neighbourhood analyses: the plan's wijk agreed, written by the demo staff member
with a partner (the wijkagent, who logs in with the partner role), and a draft for another wijk.
Made once; the partner's password is renewed each run, like the staff password."""

from __future__ import annotations

import secrets

from django.contrib.auth import get_user_model

from buurtpeil.analyses.models import Analysis, PartnerAccess
from buurtpeil.analyses.services import (
    analysis_agree,
    analysis_create,
    analysis_priority_adopt,
    analysis_save,
    analysis_submit,
)
from buurtpeil.areas.models import Area
from buurtpeil.organisations.models import Membership
from buurtpeil.organisations.services import membership_grant
from buurtpeil.partners.models import Partner
from buurtpeil.plans.selectors import plans_for
from buurtpeil.plans.services import MAX_PRIORITIES

PARTNER_USERNAME = "wijkagent@politie.invalid"
DRAFT_WIJK = "WK051830"
AGREED_TEXT = {
    "strengths": "Actieve bewonersorganisatie en een bekende wijkagent; veel groen en goede speelplekken.",
    "weaknesses": "Dealen bij de speeltuin, rondhangende jongeren 's avonds, donkere stegen achter de flats.",
    "factors": {
        "1": "Dealen bij het speeltuintje bepaalt voor veel bewoners het beeld van de buurt.",
        "2": "Lachgaspatronen en zwerfafval rond de bankjes; de corporatie ruimt wekelijks op.",
        "5": "Bewoners kennen elkaar in de portieken, minder over de straten heen.",
        "7": "Stegen achter de flats zijn slecht verlicht en onoverzichtelijk.",
        "8": "De wijkagent is bekend en wordt vertrouwd, maar is 's avonds weinig zichtbaar.",
    },
}
PARTNER_ADDITION = "Meldingen bij de politie over de speeltuin nemen toe sinds de zomer."
DRAFT_TEXT = {
    "strengths": "Nieuwe winkels aan het plein trekken publiek.",
    "weaknesses": "",
    "factors": {"7": "Het pad achter de flat is 's avonds donker; struiken te hoog."},
}


def demo_analyses(organisation, staff) -> tuple[str, str]:
    """(user name, password) of the demo partner; the analyses are made on the first run."""
    plan = plans_for(organisation).first()
    priority = plan.priorities.select_related("area").first() if plan else None
    wijk = priority.area if priority else Area.objects.filter(organisation=organisation, level="wijk").first()
    draft_wijk = Area.objects.filter(organisation=organisation, code=DRAFT_WIJK).exclude(pk=wijk.pk).first()
    password = secrets.token_urlsafe(12)
    user, _ = get_user_model().objects.get_or_create(
        username=PARTNER_USERNAME, defaults={"email": PARTNER_USERNAME, "first_name": "Wijkagent (demo)"}
    )
    user.set_password(password)
    user.save()
    partner = membership_grant(user=user, organisation=organisation, role=Membership.Role.PARTNER)
    access, _ = PartnerAccess.objects.get_or_create(
        membership=partner,
        defaults={"partner": Partner.objects.filter(organisation=organisation, sector="police").first()},
    )
    access.areas.set([area for area in (wijk, draft_wijk) if area])
    if Analysis.objects.filter(organisation=organisation).exists():
        return PARTNER_USERNAME, password
    membership = Membership.objects.get(user=staff, organisation=organisation)
    agreed = analysis_create(
        organisation=organisation, area=wijk, title="Buurtanalyse 2026", membership=membership
    )
    agreed = analysis_save(
        analysis=agreed, content=AGREED_TEXT, based_on=agreed.version, membership=membership
    )
    with_partner = {**AGREED_TEXT, "factors": {**AGREED_TEXT["factors"], "4": PARTNER_ADDITION}}
    agreed = analysis_save(analysis=agreed, content=with_partner, based_on=agreed.version, membership=partner)
    agreed = analysis_submit(analysis=agreed, membership=partner)
    agreed = analysis_agree(analysis=agreed, membership=membership)
    factors = set(plan.priorities.filter(area=wijk).values_list("factor", flat=True)) if plan else set()
    if plan is not None and 8 not in factors and len(factors) < MAX_PRIORITIES:
        analysis_priority_adopt(
            analysis=agreed,
            plan=plan,
            factor=8,
            reasons="De buurtanalyse: de wijkagent wordt vertrouwd maar is 's avonds weinig zichtbaar.",
            membership=membership,
        )
    if draft_wijk is not None:
        draft = analysis_create(
            organisation=organisation, area=draft_wijk, title="Buurtanalyse 2026", membership=membership
        )
        analysis_save(analysis=draft, content=DRAFT_TEXT, based_on=draft.version, membership=membership)
    return PARTNER_USERNAME, password
