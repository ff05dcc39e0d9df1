"""A partner sees only the neighbourhood analyses of its own areas: generated from the URL
configuration, every staff URL that is not meant for partners refuses a partner (403 or 404),
so a new view is covered automatically; respondent-level data (answers, open answers, exports,
signals' texts, panel members, sending) is among them."""

import pytest
from django.urls import resolve

from tests.test_tenant_isolation import _fill, tenant_b, tenant_routes  # noqa: F401

# The only staff views a partner opens; a new one needs a deliberate entry here.
PARTNER_VIEWS = {
    "analyses:list",
    "analyses:analysis",
    "analyses:edit",
    "analyses:status",
    "analyses:history",
}
RESPONDENT_LEVEL = {
    "reports:exports",
    "openanswers:list",
    "concerns_staff:detail",
    "panel_staff:overview",
    "distribution_staff:list",
}


@pytest.fixture
def partner_b(tenant_b, other_organisation, django_user_model):  # noqa: F811
    """A partner of organisation B that sees a wijk of B, not the buurt of B's sample analysis."""
    from buurtpeil.analyses.models import PartnerAccess
    from buurtpeil.organisations.services import membership_grant

    user = django_user_model.objects.create_user(
        username="partner@b.example", password="a-long-test-password"
    )
    membership = membership_grant(user=user, organisation=other_organisation, role="partner")
    sample_buurt = other_organisation.areas.get(code=tenant_b["area_code"])
    wijk = other_organisation.areas.filter(level="wijk").exclude(pk=sample_buurt.parent_id).first()
    PartnerAccess.objects.create(membership=membership).areas.set([wijk])
    return user


@pytest.mark.django_db
def test_a_partner_is_refused_everywhere_but_the_analyses_of_its_own_areas(client, tenant_b, partner_b):  # noqa: F811
    client.force_login(partner_b)
    opened_by_partners, refused = set(), set()
    for route in tenant_routes("staff"):
        url = _fill(route, tenant_b)
        match = resolve(url)
        if getattr(match.func, "staff_role", None) == "partner":
            opened_by_partners.add(match.view_name)
        for method in (client.get, client.post):
            response = method(url)
            # Pages for partners are found, but not for an analysis of another area (404).
            assert response.status_code in (403, 404, 405) or (
                match.view_name == "analyses:list" and response.status_code in (200, 403)
            ), f"{method.__name__.upper()} {url}: {response.status_code}"
            if response.status_code in (403, 404):
                refused.add(match.view_name)
    assert opened_by_partners == PARTNER_VIEWS
    assert refused >= RESPONDENT_LEVEL, RESPONDENT_LEVEL - refused
    body = client.get(f"/staff/{tenant_b['org_code']}/analyses/").content.decode()
    assert "B analyse" not in body and "Er is nog geen analyse van uw gebieden." in body


@pytest.mark.django_db
def test_a_partner_starts_at_the_analyses_and_its_menu_shows_nothing_else(client, tenant_b, partner_b):  # noqa: F811
    client.force_login(partner_b)
    home = client.get("/staff/")
    assert home.status_code == 302 and home["Location"] == f"/staff/{tenant_b['org_code']}/analyses/"
    body = client.get(home["Location"]).content.decode()
    assert "Buurtanalyses" in body and "Tweestapsverificatie" in body
    for hidden in ("Resultaten", "Peilingen", "Versturen", "Signalen van bewoners", "Auditlog"):
        assert f">{hidden}<" not in body, hidden


@pytest.mark.django_db
def test_someone_in_two_organisations_starts_at_the_analyses_where_they_are_a_partner(
    client,
    tenant_b,  # noqa: F811
    partner_b,
    organisation,
):
    from buurtpeil.organisations.services import membership_grant

    membership_grant(user=partner_b, organisation=organisation, role="viewer")
    client.force_login(partner_b)
    body = client.get("/staff/").content.decode()
    assert f'href="/staff/{tenant_b["org_code"]}/analyses/"' in body
    assert f'href="/staff/{organisation.code}/"' in body
