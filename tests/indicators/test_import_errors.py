"""Broken files are refused as a whole, with a Dutch message naming the line and column."""

import pytest

from buurtpeil.indicators.importer import MAX_BYTES
from buurtpeil.indicators.models import AreaFigure, ImportBatch
from buurtpeil.indicators.services import IndicatorImportError, area_figures_import
from buurtpeil.organisations.models import AuditEvent
from tests.indicators.conftest import csv_bytes

pytestmark = pytest.mark.django_db
HEADER = "buurtcode,jaar,indicator,categorie,waarde"
GOOD = "BU05180271,2020,crime,burglary,5"


def _state():
    return (
        sorted(AreaFigure.objects.values_list("area__code", "year", "category", "value", "source")),
        ImportBatch.objects.count(),
        AuditEvent.objects.filter(action="import").count(),
    )


def refused(organisation, data) -> str:
    before = _state()
    with pytest.raises(IndicatorImportError) as caught:
        area_figures_import(organisation=organisation, data=data, file_name="f.csv", source="Test")
    assert _state() == before
    return " ".join(caught.value.errors)


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (
            [HEADER, GOOD, "BU05180373,2020,crime,burglary,vijf"],
            "Regel 3, kolom waarde: “vijf” is geen getal.",
        ),
        (
            [HEADER, GOOD, "BU05180373,2020,crime,burglary,-2"],
            "Regel 3, kolom waarde: de waarde -2 is negatief.",
        ),
        (
            [HEADER, GOOD, "BU05180373,2020,crime,burglary,2.5"],
            "Regel 3, kolom waarde: een aantal misdrijven is een geheel getal",
        ),
        ([HEADER, GOOD, GOOD], "Regel 3: BU05180271, crime/burglary, 2020 komt ook voor op regel 2."),
        (
            [HEADER, GOOD, "BU05180373,twintig,crime,burglary,2"],
            "Regel 3, kolom jaar: “twintig” is geen jaar.",
        ),
        (
            ["buurtcode,jaar,categorie", "BU05180271,2020,burglary"],
            "In het bestand ontbreken de kolom(men) waarde",
        ),
        (
            [HEADER, GOOD, "BU05180373,2020,crime,burglary"],
            "Regel 3: 4 waarden, maar de kop heeft 5 kolommen.",
        ),
        (
            ["buurtcode,jaar,categorie,waarde,maand", "BU05180271,2020,x,1,13"],
            "Regel 2, kolom maand: “13” is geen maand",
        ),
        (
            ["buurtcode,jaar,categorie,waarde,maand", "BU05180271,2020,x,1,", "BU05180271,2020,x,1,3"],
            "zowel een jaarregel als maandregels",
        ),
        ([HEADER], "Het bestand heeft een kop maar geen regels."),
    ],
)
def test_broken_file_is_refused_and_changes_nothing(den_haag, lines, expected):
    area_figures_import(
        organisation=den_haag,
        data=csv_bytes(HEADER, "BU05180271,2019,crime,x,1"),
        file_name="old.csv",
        source="Old",
    )
    ImportBatch.objects.all().delete()  # keep the figure rows out of the check below
    AuditEvent.objects.all().delete()
    assert expected in refused(den_haag, csv_bytes(*lines))


def test_wrong_encoding_is_refused(den_haag):
    data = (HEADER + "\nBU05180271,2020,crime,inbraak in woning é,5\n").encode("cp1252")
    assert "niet in UTF-8" in refused(den_haag, data)


def test_cbs_period_that_is_not_a_year_or_month(den_haag):
    data = (
        b'"WijkenEnBuurten";"Perioden";"SoortMisdrijf";"GeregistreerdeMisdrijven_1"\n'
        b'"BU05180271";"2019KW01";"0.0.0";"5"\n'
    )
    assert "Regel 2, kolom perioden: de periode “2019KW01”" in refused(den_haag, data)


def test_huge_empty_and_binary_files_are_refused(den_haag):
    assert "groter dan 20 MB" in refused(den_haag, b"a" * (MAX_BYTES + 1))
    assert "leeg" in refused(den_haag, b"  \n")
    assert "geen CSV-bestand" in refused(den_haag, b"PK\x03\x04rest")


def test_damaged_cells_are_refused(den_haag):
    damaged = csv_bytes(HEADER, *[GOOD] * 300, "BU05180373,2020,cr\x00,x,1")  # past the first 4 kB
    assert "Regel 302 bevat een NUL-teken" in refused(den_haag, damaged)
    assert "“2²” is geen jaar" in refused(den_haag, csv_bytes(HEADER, "BU05180373,2²,crime,x,1"))


def test_no_row_for_a_buurt_of_the_organisation(den_haag):
    message = refused(den_haag, csv_bytes(HEADER, "BU03440101,2020,crime,x,5"))
    assert "Geen enkele regel" in message and "BU03440101" in message
