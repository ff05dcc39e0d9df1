"""Perceived safety beside registered crime on the buurt page and the municipality-wide page."""

import pytest
from django.urls import reverse

from buurtpeil.indicators.services import area_figures_import
from tests.insights.conftest import BIG, SMALL

pytestmark = pytest.mark.django_db


def import_crime(organisation, year, months=None, source="CBS/Politie 47018NED"):
    lines = ["buurtcode,jaar,categorie,waarde" + (",maand" if months else "")]
    for i, code in enumerate([*BIG, SMALL]):
        if months:
            lines += [f"{code},{year},burglary,{5 + i},{m}" for m in range(1, months + 1)]
        else:
            lines += [f"{code},{year},burglary,{40 * (i + 1)}", f"{code},{year},violence,{10 * (i + 1)}"]
    area_figures_import(
        organisation=organisation, data=("\n".join(lines) + "\n").encode(), file_name="f.csv", source=source
    )


@pytest.fixture
def viewer(client, den_haag, make_staff):
    client.force_login(make_staff(den_haag, "viewer"))
    return client


def test_buurt_page_shows_perceived_safety_beside_crime(viewer, den_haag, computed):
    poll = computed.poll
    import_crime(den_haag, poll.created_at.year - 1)
    import_crime(den_haag, poll.created_at.year - 3)
    page = viewer.get(reverse("insights:area", args=[den_haag.code, poll.pk, "BU05182811"])).content.decode()
    assert "Ervaren veiligheid en geregistreerde criminaliteit" in page
    assert f"Geregistreerde misdrijven per 1.000 inwoners ({poll.created_at.year - 1})" in page
    assert "CBS/Politie 47018NED" in page
    assert "Voelt zich weleens onveilig in de eigen buurt" in page
    assert "Onvolledig jaar" not in page
    labels = [
        "Voelt zich onveilig, weinig criminaliteit",
        "Voelt zich veilig, veel criminaliteit",
        "Voelt zich onveilig en veel criminaliteit",
        "Voelt zich veilig en weinig criminaliteit",
        "Geen duidelijk verschil met de gemeente",
    ]
    assert any(label in page for label in labels)


def test_small_buurt_is_not_classified_and_incomplete_year_is_marked(viewer, den_haag, computed):
    poll = computed.poll
    import_crime(den_haag, poll.created_at.year - 1, months=11)
    page = viewer.get(reverse("insights:area", args=[den_haag.code, poll.pk, SMALL])).content.decode()
    assert "Niet ingedeeld" in page
    assert "Onvolledig jaar" in page and "alleen 11 maanden" in page


def test_buurt_page_without_crime_figures_says_so(viewer, den_haag, computed):
    page = viewer.get(
        reverse("insights:area", args=[den_haag.code, computed.poll.pk, "BU05182811"])
    ).content.decode()
    assert "Er zijn geen cijfers over geregistreerde criminaliteit" in page


def test_municipal_page_has_chart_table_and_groups(viewer, den_haag, computed):
    poll = computed.poll
    import_crime(den_haag, poll.created_at.year - 1)
    results = viewer.get(reverse("insights:poll", args=[den_haag.code, poll.pk])).content.decode()
    url = reverse("insights:crime", args=[den_haag.code, poll.pk])
    assert url in results
    response = viewer.get(url)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="chart-crime"' in page and '"shape"' in page
    assert f"Geregistreerde criminaliteit van {poll.created_at.year - 1}" in page
    assert 'id="crime-table"' in page
    for code in BIG:
        assert reverse("insights:area", args=[den_haag.code, poll.pk, code]) in page
    assert "Wat elke groep buurten vraagt" in page


def test_municipal_page_without_figures(viewer, den_haag, computed):
    page = viewer.get(reverse("insights:crime", args=[den_haag.code, computed.poll.pk])).content.decode()
    assert "Er zijn geen cijfers over geregistreerde criminaliteit" in page


def test_a_poll_of_key_figures_is_not_compared(viewer, den_haag, computed):
    from buurtpeil.polls.models import Poll

    poll = computed.poll
    import_crime(den_haag, poll.created_at.year - 1)
    Poll.objects.filter(pk=poll.pk).update(audience=Poll.Audience.KEY_FIGURES)
    page = viewer.get(reverse("insights:crime", args=[den_haag.code, poll.pk])).content.decode()
    assert "alleen gemaakt voor peilingen onder het bewonerspanel" in page
    assert 'id="crime-table"' not in page
