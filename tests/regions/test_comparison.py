"""A municipality that agrees sees agreeing municipalities of similar size and urbanity side by
side, and nothing at all while fewer than three of them take part."""

import pytest
from django.urls import reverse

from buurtpeil.regions import selectors, services
from buurtpeil.regions.models import SharingEvent
from tests.regions.conftest import member_with_results

pytestmark = pytest.mark.django_db


def _agree(organisation, urbanity, consent=True):
    return services.comparison_settings_save(
        organisation=organisation, urbanity=urbanity, consent=consent, actor=None
    )


@pytest.fixture
def delft(db):
    delft = member_with_results("GM0503", "Delft", estimate=0.312, population=100_000)
    _agree(delft, 2)
    return delft


def _similar(delft):
    """Three agreeing municipalities of similar size and urbanity, and three that do not fit."""
    fits = [
        member_with_results("GM0603", "Rijswijk", estimate=0.271, population=55_000),
        member_with_results("GM0637", "Zoetermeer", estimate=0.222, population=125_000),
        member_with_results("GM1916", "Leidschendam", estimate=0.201, population=75_000),
    ]
    for organisation, urbanity in zip(fits, (1, 3, 2), strict=True):
        _agree(organisation, urbanity)
    too_big = member_with_results("GM0363", "Amsterdam", estimate=0.411, population=900_000)
    _agree(too_big, 1)
    too_rural = member_with_results("GM1926", "Pijnacker", estimate=0.111, population=55_000)
    _agree(too_rural, 4)
    not_agreeing = member_with_results("GM0518", "Den Haag", estimate=0.377, population=110_000)
    _agree(not_agreeing, 1, consent=False)
    return fits


def test_similar_municipalities_side_by_side(client, delft, make_staff):
    _similar(delft)
    client.force_login(make_staff(delft, "viewer"))
    page = client.get(reverse("regions:comparison", args=[delft.code])).content.decode()
    for name, figure in (
        ("Delft", "31%"),
        ("Rijswijk", "27%"),
        ("Zoetermeer", "22%"),
        ("Leidschendam", "20%"),
    ):
        assert name in page and figure in page
    for name, figure in (("Amsterdam", "41%"), ("Pijnacker", "11%"), ("Den Haag", "38%")):
        assert name not in page and figure not in page


def test_fewer_than_three_similar_municipalities_show_nothing(client, delft, make_staff):
    fits = _similar(delft)
    _agree(fits[0], 1, consent=False)  # Rijswijk withdraws: two are left
    client.force_login(make_staff(delft, "viewer"))
    page = client.get(reverse("regions:comparison", args=[delft.code])).content.decode()
    assert "Minder dan 3 vergelijkbare gemeenten" in page
    for name in ("Rijswijk", "Zoetermeer", "Leidschendam"):
        assert name not in page
    assert selectors.comparison(delft).similar is None


def test_a_municipality_that_does_not_agree_sees_no_others(delft):
    _similar(delft)
    _agree(delft, 2, consent=False)
    assert selectors.comparison(delft).similar is None
    assert not selectors.similar_municipalities(delft)
    kinds = list(SharingEvent.objects.filter(organisation=delft).values_list("kind", flat=True))
    assert sorted(kinds) == ["comparison_consented", "comparison_withdrawn", "urbanity_set"]


def test_the_administrator_sets_urbanity_and_consent_on_the_sharing_page(client, organisation, make_staff):
    client.force_login(make_staff(organisation, "admin"))
    url = reverse("regions:comparison_save", args=[organisation.code])
    response = client.post(url, {"urbanity": "", "consent": "on"}, follow=True)
    assert "Kies uw stedelijkheid" in response.content.decode()
    assert selectors.comparison_profile(organisation) is None
    client.post(url, {"urbanity": "1", "consent": "on"})
    profile = selectors.comparison_profile(organisation)
    assert profile.sharing and profile.urbanity == 1 and profile.consent_at
    client.post(url, {"urbanity": "1"})
    profile.refresh_from_db()
    assert not profile.sharing and profile.withdrawn_at
