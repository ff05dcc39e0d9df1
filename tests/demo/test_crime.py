import pytest

from buurtpeil.areas.models import Area
from buurtpeil.demo.crime import SOURCE, demo_crime_figures
from buurtpeil.indicators.models import AreaFigure
from buurtpeil.indicators.selectors import area_figures

pytestmark = pytest.mark.django_db


def test_demo_crime_is_synthetic_deterministic_and_replaced_on_a_new_run(den_haag):
    count = demo_crime_figures(den_haag)
    first = sorted(AreaFigure.objects.values_list("area__code", "year", "category", "value"))
    inhabited = Area.objects.filter(organisation=den_haag, level="buurt", population__gt=0).count()
    assert inhabited == 111
    assert count == len(first) == inhabited * 2 * 6  # every buurt with inhabitants, two years, six categories
    assert set(AreaFigure.objects.values_list("source", flat=True)) == {SOURCE}
    assert all(
        "synthetisch" in label for label in AreaFigure.objects.values_list("category_label", flat=True)
    )
    demo_crime_figures(den_haag)
    assert sorted(AreaFigure.objects.values_list("area__code", "year", "category", "value")) == first
    crime = area_figures(den_haag, year=2025)
    assert "BU05180170" not in crime  # Oostduinen: no inhabitants
    rates = [c.per_1000 for c in crime.values() if c.population and c.population > 1000]
    assert 20 < sum(rates) / len(rates) < 120
    assert max(rates) > 2 * min(rates)  # buurten differ
