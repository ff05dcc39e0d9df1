"""Importing figures per buurt: the long format, a CBS StatLine export, the staged police file,
and re-importing."""

import pytest

from buurtpeil.indicators.models import AreaFigure, ImportBatch
from buurtpeil.indicators.selectors import area_figures, crime_year_before
from buurtpeil.indicators.services import area_figures_import
from buurtpeil.organisations.models import AuditEvent
from tests.indicators.conftest import csv_bytes

pytestmark = pytest.mark.django_db


def run(organisation, data, source="Test", **kwargs):
    return area_figures_import(
        organisation=organisation, data=data, file_name="f.csv", source=source, **kwargs
    )


def test_long_format_sums_months_and_keeps_their_number(den_haag):
    data = csv_bytes(
        "buurtcode,jaar,indicator,categorie,waarde,maand,buurtnaam",
        "BU05180271,2023,crime,burglary,3,1,Belgisch Park",
        "BU05180271,2023,crime,burglary,4,2,Belgisch Park",
        "BU05180271,2023,crime,violence,2,1,Belgisch Park",
        "BU05180373,2022,crime,burglary,10,,",
    )
    report = run(den_haag, data)
    figures = {(f.area.code, f.category, f.year): f for f in AreaFigure.objects.select_related("area")}
    assert figures[("BU05180271", "burglary", 2023)].value == 7
    assert figures[("BU05180271", "burglary", 2023)].months == 2
    assert figures[("BU05180373", "burglary", 2022)].months == 12
    assert report.incomplete == {("crime", 2023): 1}
    assert report.figures == 3
    crime = area_figures(den_haag, ["BU05180271"])["BU05180271"]
    assert (crime.year, crime.crimes, crime.months, crime.complete) == (2023, 9, 1, False)
    assert crime.per_1000 == pytest.approx(9 / crime.population * 1000)
    assert AuditEvent.objects.filter(organisation=den_haag, action="import").count() == 1


def test_cbs_statline_export_is_recognised(den_haag):
    data = "\n".join(
        [
            '"ID";"WijkenEnBuurten";"Perioden";"SoortMisdrijf";"GeregistreerdeMisdrijven_1"',
            '"0";"GM0518    ";"2019JJ00";"0.0.0 ";"  45000"',
            '"1";"BU05180271";"2019JJ00";"0.0.0 ";"   120"',
            '"2";"BU05180271";"2019JJ00";"1.1.1 ";"    30"',
            '"3";"BU05180373";"2019JJ00";"0.0.0 ";"     ."',
            '"4";"BU05180373";"2018JJ00";"0.0.0 ";"    80"',
        ]
    ).encode()
    report = run(den_haag, data, source="CBS/Politie 47018NED")
    assert report.figures == 3
    assert report.unknown_values == 1
    assert report.other_levels == 1
    crime = area_figures(den_haag, year=2019)
    assert crime["BU05180271"].crimes == 120  # the total category, not total + its part
    assert crime["BU05180271"].source == "CBS/Politie 47018NED"
    assert "BU05180373" not in crime
    assert area_figures(den_haag)["BU05180373"].year == 2018
    assert crime_year_before(den_haag, 2026) == 2019
    assert crime_year_before(den_haag, 2019) == 2018
    text = " ".join(report.lines())
    assert "1 waarde was geheim of onbekend" in text


def test_reimport_replaces_the_same_source_and_year(den_haag):
    run(
        den_haag,
        csv_bytes(
            "buurtcode,jaar,categorie,waarde", "BU05180271,2020,burglary,5", "BU05180373,2020,burglary,6"
        ),
        source="A",
    )
    run(den_haag, csv_bytes("buurtcode,jaar,categorie,waarde", "BU05180271,2021,burglary,1"), source="A")
    report = run(
        den_haag, csv_bytes("buurtcode,jaar,categorie,waarde", "BU05180271,2020,burglary,7"), source="A"
    )
    assert report.replaced == 2
    values = sorted(AreaFigure.objects.values_list("area__code", "year", "value"))
    assert values == [("BU05180271", 2020, 7.0), ("BU05180271", 2021, 1.0)]
    assert ImportBatch.objects.count() == 3


def test_unknown_codes_are_skipped_and_reported(den_haag):
    report = run(
        den_haag,
        csv_bytes("buurtcode,jaar,categorie,waarde", "BU05180271,2020,x,5", "BU09999999,2020,x,6"),
    )
    assert report.figures == 1
    assert report.unknown_codes == {"BU09999999": 1}
    assert any("BU09999999" in line and "Overgeslagen" in line for line in report.lines())


def test_staged_police_file(den_haag, staged_crime_file):
    """Reads the staged file /work/shared/data/den-haag-misdrijven.csv (not in the repository:
    no licence). Checked against the data manifest, section 3."""
    report = run(den_haag, staged_crime_file, source="Politie eenheid Den Haag")
    assert report.batch.rows == 23_529
    # 93 source buurten: 87 comparable ones, 2 codes not in 2019, 4 codes of other areas
    assert set(report.unknown_codes) == {"BU05182815", "BU05182816"}
    assert set(report.other_areas) == {"BU05182812", "BU05182813", "BU05182814", "BU05184316"}
    assert report.other_areas["BU05184316"] == ("Westvliet", "Vlietzoom-Oost")
    assert report.figures == 87 * 11 * 2
    assert report.incomplete == {("crime", 2017): 11}
    crime_2016 = area_figures(den_haag, year=2016)
    crime_2017 = area_figures(den_haag, year=2017)
    assert len(crime_2016) == 87
    # 19,517 in 2016 over all 93 source buurten, less the six skipped ones
    assert sum(c.crimes for c in crime_2016.values()) == 16_638
    assert sum(c.crimes for c in crime_2017.values()) == 13_400
    assert all(c.months == 12 for c in crime_2016.values())
    assert all(c.months == 11 and not c.complete for c in crime_2017.values())
    # spelling differences are the same buurt
    assert {"BU05181697", "BU05181983", "BU05183387", "BU05183396"} <= set(crime_2016)
    burglary = AreaFigure.objects.filter(year=2016, category="104")
    assert burglary.first().category_label.startswith("Burglary")
    text = "\n".join(report.lines())
    assert "BU05182815" in text and "Westvliet" in text and "11 maanden" in text
