"""A region sees its members' results side by side only with their consent, only for indicators
measured with the same library module, each under the member's own privacy rules."""

import pytest
from django.urls import reverse

from buurtpeil.organisations.models import AuditEvent
from buurtpeil.regions import selectors, services
from buurtpeil.regions.models import SharingEvent
from tests.regions.conftest import member_with_results

pytestmark = pytest.mark.django_db


def _ask(region, member, actor=None):
    return services.region_member_request(region=region, member=member, actor=actor)


def _region_page(client, region, make_staff, role="viewer"):
    client.force_login(make_staff(region, role))
    response = client.get(reverse("regions:region", args=[region.code]))
    assert response.status_code == 200
    return response.content.decode()


def test_a_region_sees_a_member_only_after_its_administrator_consents(client, region, make_staff):
    delft = member_with_results("GM0503", "Delft", estimate=0.312)
    rijswijk = member_with_results("GM0603", "Rijswijk", estimate=0.271)
    _ask(region, delft)
    _ask(region, rijswijk)
    page = _region_page(client, region, make_staff)
    assert "Delft" in page and "niet gedeeld" in page and "31%" not in page

    admin = make_staff(delft, "admin")
    membership = selectors.membership_of(delft, selectors.memberships_of(delft).get().pk)
    client.force_login(admin)
    response = client.post(reverse("regions:consent_give", args=[delft.code, membership.pk]))
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.sharing and membership.consent_by == admin and membership.consent_at

    page = _region_page(client, region, make_staff)
    assert "31%" in page  # Delft's figure
    assert "27%" not in page  # Rijswijk has not agreed: by name only
    assert page.count("niet gedeeld") == 1


def test_withdrawing_consent_hides_the_member_at_once(client, region, make_staff):
    delft = member_with_results("GM0503", "Delft", estimate=0.312)
    rijswijk = member_with_results("GM0603", "Rijswijk", estimate=0.271)
    admin = make_staff(delft, "admin")
    membership = _ask(region, delft)
    services.region_consent_give(membership=membership, actor=admin)
    services.region_consent_give(membership=_ask(region, rijswijk), actor=None)
    assert "31%" in _region_page(client, region, make_staff)

    client.force_login(admin)
    client.post(reverse("regions:consent_withdraw", args=[delft.code, membership.pk]))
    membership.refresh_from_db()
    assert not membership.sharing and membership.withdrawn_by == admin

    page = _region_page(client, region, make_staff)
    assert "31%" not in page and "27%" in page
    assert "Delft" in page and "niet gedeeld" in page
    kinds = list(SharingEvent.objects.filter(organisation=delft).values_list("kind", flat=True))
    assert sorted(kinds) == ["region_consented", "region_requested", "region_withdrawn"]
    audited = AuditEvent.objects.filter(organisation=delft, action__startswith="sharing.")
    assert audited.count() == 3


def test_indicators_of_another_module_version_are_not_side_by_side(region):
    same_a = member_with_results("GM0503", "Delft", estimate=0.312)
    same_b = member_with_results("GM0603", "Rijswijk", estimate=0.271)
    other = member_with_results("GM0637", "Zoetermeer", estimate=0.444, version="000000000000")
    for member in (same_a, same_b, other):
        services.region_consent_give(membership=_ask(region, member), actor=None)
    table = selectors.region_side_by_side(region)
    assert [row.indicator for row in table.rows] == ["buurt_unsafe"]
    names = [column.name for column in table.columns]
    figures = dict(zip(names, table.rows[0].figures, strict=True))
    assert figures["Delft"].text == "31%" and figures["Rijswijk"].text == "27%"
    assert figures["Zoetermeer"].state == "none" and figures["Zoetermeer"].text == "\u2013"


def test_each_member_keeps_its_own_privacy_minimum(region):
    strict = member_with_results("GM0503", "Delft", n=15, privacy_minimum=20, estimate=0.312)
    lenient = member_with_results("GM0603", "Rijswijk", n=15, privacy_minimum=10, estimate=0.271)
    for member in (strict, lenient):
        services.region_consent_give(membership=_ask(region, member), actor=None)
    table = selectors.region_side_by_side(region)
    figures = dict(zip([c.name for c in table.columns], table.rows[0].figures, strict=True))
    assert figures["Delft"].state == "suppressed" and figures["Delft"].n is None
    assert figures["Rijswijk"].text == "27%"
    assert figures["Rijswijk"].state == "indicative"  # 15 is below its reliability minimum of 30


def test_only_a_region_asks_and_only_a_municipality_is_asked(region, organisation, other_organisation):
    with pytest.raises(services.SharingRefused):
        _ask(organisation, other_organisation)
    with pytest.raises(services.SharingRefused):
        _ask(region, region)
    _ask(region, organisation)
    with pytest.raises(services.SharingRefused):
        _ask(region, organisation)


def test_the_region_admin_asks_through_the_page(client, region, organisation, make_staff):
    client.force_login(make_staff(region, "admin"))
    client.post(reverse("regions:member_add", args=[region.code]), {"code": "gm0518"})
    assert selectors.memberships_of(organisation).get().region == region
    response = client.post(reverse("regions:member_add", args=[region.code]), {"code": "GM9999"}, follow=True)
    assert "Er is geen gemeente met deze code" in response.content.decode()


def test_roles(client, region, organisation, make_staff):
    membership = _ask(region, organisation)
    client.force_login(make_staff(organisation, "analyst"))
    assert (
        client.post(reverse("regions:consent_give", args=[organisation.code, membership.pk])).status_code
        == 403
    )
    assert client.post(reverse("regions:comparison_save", args=[organisation.code]), {}).status_code == 403
    assert client.get(reverse("regions:sharing", args=[organisation.code])).status_code == 200
    client.force_login(make_staff(region, "analyst"))
    assert client.post(reverse("regions:member_add", args=[region.code]), {"code": "X"}).status_code == 403
    # The region's staff cannot consent on the member's behalf.
    assert (
        client.post(reverse("regions:consent_give", args=[organisation.code, membership.pk])).status_code
        == 404
    )
    membership.refresh_from_db()
    assert not membership.sharing


def test_a_membership_of_another_municipality_cannot_be_consented(
    client, region, organisation, other_organisation, make_staff
):
    theirs = _ask(region, other_organisation)
    client.force_login(make_staff(organisation, "admin"))
    assert (
        client.post(reverse("regions:consent_give", args=[organisation.code, theirs.pk])).status_code == 404
    )
    theirs.refresh_from_db()
    assert not theirs.sharing


def test_the_side_by_side_reads_a_fixed_number_of_queries(region, django_assert_num_queries):
    for i in range(4):
        member = member_with_results(f"GM070{i}", f"Gemeente {i}")
        services.region_consent_give(membership=_ask(region, member), actor=None)
    with django_assert_num_queries(4):
        table = selectors.region_side_by_side(region)
    assert len(table.columns) == 4 and len(table.rows) == 1
