from django.db import transaction

from buurtpeil.organisations.models import Membership, Organisation


@transaction.atomic
def organisation_upsert(*, code: str, name: str, **fields) -> Organisation:
    organisation, _ = Organisation.objects.update_or_create(code=code, defaults={"name": name, **fields})
    organisation.full_clean()
    return organisation


def membership_grant(*, user, organisation: Organisation, role: str) -> Membership:
    membership, _ = Membership.objects.update_or_create(
        user=user, organisation=organisation, defaults={"role": role}
    )
    return membership
