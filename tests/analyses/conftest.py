"""Analyses of Den Haag areas, with staff of each role and partners for one wijk."""

import pytest

WIJK = "WK051828"  # the partner's wijk (holds buurt BU05182811 of tests.insights)
OTHER_WIJK = "WK051830"


@pytest.fixture
def areas(den_haag):
    from buurtpeil.areas.models import Area

    return {
        "wijk": Area.objects.get(organisation=den_haag, code=WIJK),
        "other": Area.objects.get(organisation=den_haag, code=OTHER_WIJK),
    }


@pytest.fixture
def member(den_haag, make_staff):
    """member(role) -> the Membership of a new staff user of that role."""
    from buurtpeil.organisations.models import Membership

    def make(role):
        return Membership.objects.get(user=make_staff(den_haag, role), organisation=den_haag)

    return make


@pytest.fixture
def partner(den_haag, areas, django_user_model):
    """A partner membership that sees WIJK only."""
    from buurtpeil.analyses.models import PartnerAccess
    from buurtpeil.organisations.services import membership_grant

    user = django_user_model.objects.create_user(
        username="wijkagent@politie.example", password="a-long-test-password", first_name="Wijkagent"
    )
    membership = membership_grant(user=user, organisation=den_haag, role="partner")
    access = PartnerAccess.objects.create(membership=membership)
    access.areas.set([areas["wijk"]])
    return membership


@pytest.fixture
def analysis(den_haag, areas, member):
    from buurtpeil.analyses.services import analysis_create

    return analysis_create(
        organisation=den_haag, area=areas["wijk"], title="Buurtanalyse 2027", membership=member("analyst")
    )


@pytest.fixture
def other_analysis(den_haag, areas, member):
    from buurtpeil.analyses.services import analysis_create

    return analysis_create(
        organisation=den_haag, area=areas["other"], title="Buurtanalyse 2027", membership=member("analyst")
    )
