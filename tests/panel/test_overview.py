import pytest

from buurtpeil.panel.models import PanelMember
from buurtpeil.panel.selectors import panel_overview

pytestmark = pytest.mark.django_db


def test_overview_counts_residents_by_status_and_wijk_with_synthetic_apart(
    client, organisation, buurten, make_member, make_staff
):
    belgisch_park = buurten["BU05180271"]
    make_member(organisation, "a@example.org", buurt=belgisch_park)
    make_member(organisation, "b@example.org", buurt=belgisch_park, status=PanelMember.Status.PENDING)
    make_member(organisation, "c@example.org", status=PanelMember.Status.LEFT)
    PanelMember.objects.bulk_create(
        PanelMember(
            organisation=organisation,
            buurt=belgisch_park,
            status=PanelMember.Status.ACTIVE,
            source=PanelMember.Source.SYNTHETIC,
        )
        for _ in range(4)
    )
    overview = panel_overview(organisation)
    assert overview.status_counts == {"active": 1, "pending": 1, "left": 1}
    assert overview.synthetic == 4
    row = next(row for row in overview.wijken if row.code == belgisch_park.parent.code)
    assert (row.members, row.synthetic, row.member_share) == (1, 4, 1.0)
    assert 0 < row.population_share < 1
    assert sum(r.population_share for r in overview.wijken if r.population_share) == pytest.approx(1)

    client.force_login(make_staff(organisation, "viewer"))
    page = client.get(f"/staff/{organisation.code}/").content.decode()
    assert "synthetisch" in page.lower() or "synthetic" in page.lower()
    assert belgisch_park.parent.name in page


def test_the_overview_takes_a_fixed_number_of_queries(
    organisation, buurten, make_member, django_assert_max_num_queries
):
    for i, buurt in enumerate(list(buurten.values())[:20]):
        make_member(organisation, f"m{i}@example.org", buurt=buurt)
    with django_assert_max_num_queries(5):
        panel_overview(organisation)
