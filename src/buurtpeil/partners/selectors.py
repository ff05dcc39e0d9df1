from django.db.models import QuerySet

from buurtpeil.partners.models import Partner


def partners_for(organisation) -> QuerySet[Partner]:
    return Partner.objects.filter(organisation=organisation)


def partner_for(organisation, partner_id) -> Partner | None:
    return partners_for(organisation).filter(pk=partner_id).first()
