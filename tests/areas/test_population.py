"""Population per buurt from the CBS wide CSV: rounding accepted, inconsistencies refused."""

import pytest

from buurtpeil.areas.models import Area, PopulationCount
from buurtpeil.areas.services import AreaImportError, areas_import
from tests.areas.conftest import POPULATION_HEADER, SMALL_POPULATION, encode, population_csv, small_cbs, state

pytestmark = pytest.mark.django_db

SMALL = encode(small_cbs())


@pytest.fixture
def existing(organisation):
    areas_import(
        organisation=organisation, geojson=SMALL, population_csv=SMALL_POPULATION, population_year=2020
    )
    return organisation


def refused(organisation, csv: bytes, **kwargs) -> list[str]:
    before = state(organisation)
    with pytest.raises(AreaImportError) as caught:
        areas_import(organisation=organisation, geojson=SMALL, population_csv=csv, **kwargs)
    assert state(organisation) == before
    return caught.value.errors


def rows(*first_row: str) -> bytes:
    """The small file's population with its first row(s) replaced."""
    original = SMALL_POPULATION.decode().splitlines()[1:]
    return population_csv([*first_row, *original[len(first_row) :]])


def test_counts_are_stored_per_sex_and_age_group(existing):
    buurt = Area.objects.get(organisation=existing, code="BU99990102")
    assert (buurt.population, buurt.population_year) == (200, 2020)
    counts = {(c.variable, c.category): c.count for c in buurt.population_counts.all()}
    assert counts[("sex", "male")] == 100
    assert counts[("age_group", "65_plus")] == 40
    assert len(counts) == 7


def test_differences_within_cbs_rounding_are_accepted_and_counted(organisation):
    csv = rows("BU99990101,100,55,50,20,20,20,20,35")  # sexes +5 (limit 7.5), ages +15 (limit 15)
    report = areas_import(organisation=organisation, geojson=SMALL, population_csv=csv)
    assert report.rounding_differences == 1
    assert Area.objects.get(code="BU99990101").population == 100
    assert any("within CBS rounding" in warning for warning in report.warnings)


def test_sex_sum_beyond_rounding_is_refused_naming_row_and_numbers(existing):
    errors = refused(existing, rows("BU99990101,100,60,50,20,20,20,20,20"))
    assert errors == [
        "Row 2 (BU99990101): mannen + vrouwen = 110, but inwoners = 100. "
        "The difference of 10 is more than CBS rounding can explain (7.5)."
    ]


def test_age_sum_beyond_rounding_is_refused(existing):
    errors = refused(existing, rows("BU99990101,100,50,50,20,20,20,20,40"))
    assert errors == [
        "Row 2 (BU99990101): leeftijd_0_15 + leeftijd_15_25 + leeftijd_25_45 + leeftijd_45_65 + "
        "leeftijd_65_plus = 120, but inwoners = 100. The difference of 20 is more than CBS rounding "
        "can explain (15)."
    ]


def test_semicolons_and_a_byte_order_mark_are_accepted(organisation):
    csv = b"\xef\xbb\xbf" + SMALL_POPULATION.replace(b",", b";")
    report = areas_import(organisation=organisation, geojson=SMALL, population_csv=csv)
    assert report.population_total == 350


def test_excel_csv_in_windows_1252_with_extra_columns_is_accepted(organisation):
    header = POPULATION_HEADER.replace("buurtcode,", "buurtcode;buurtnaam;").replace(",", ";")
    csv = "\r\n".join(
        [
            header,
            *(
                line.replace(",", ";", 1).replace(",", ";")
                for line in SMALL_POPULATION.decode().splitlines()[1:]
            ),
        ]
    )
    csv = csv.replace("BU99990101;", "BU99990101;Hoek één;").replace("BU99990102;", "BU99990102;Zuid;")
    csv = csv.replace("BU99990201;", "BU99990201;Oost;").replace("BU99990202;", "BU99990202;West;")
    report = areas_import(organisation=organisation, geojson=SMALL, population_csv=csv.encode("cp1252"))
    assert report.population_total == 350


@pytest.mark.parametrize(
    ("csv", "expected"),
    [
        pytest.param(
            rows("BU99990101,100,-5,105,20,20,20,20,20"),
            "Row 2 (BU99990101): mannen is negative (-5).",
            id="negative",
        ),
        pytest.param(
            rows("BU99990101,100,50,50,20,20,20,20,20.5"),
            "Row 2 (BU99990101): leeftijd_65_plus is not a whole number (“20.5”).",
            id="not-whole",
        ),
        pytest.param(
            rows("BU99990101,100000000000,50,50,20,20,20,20,20"),
            "Row 2 (BU99990101): inwoners is not a plausible count (100000000000).",
            id="implausible",
        ),
        pytest.param(
            rows("BU99990101,.,50,50,20,20,20,20,20"),
            "Row 2 (BU99990101): inwoners is empty or secret (“.”); a count is needed.",
            id="secret",
        ),
        pytest.param(
            population_csv(["BU99990101,100,50,50"], header="buurtcode,inwoners,mannen,vrouwen"),
            "The population file lacks the column(s) leeftijd_0_15, leeftijd_15_25, leeftijd_25_45, "
            "leeftijd_45_65, leeftijd_65_plus.",
            id="missing-columns",
        ),
        pytest.param(
            population_csv(["BU99990101,100"], header=POPULATION_HEADER + ",mannen"),
            "The population file has the column(s) mannen twice.",
            id="doubled-column",
        ),
        pytest.param(
            rows("BU99990101,100,50,50,20,20,20,20,20", "BU99990101,100,50,50,20,20,20,20,20"),
            "Row 3: BU99990101 also occurs in row 2.",
            id="duplicate-row",
        ),
        pytest.param(
            rows("BU99990101,100,50,50,20,20,20,20,20", "BU12345678,100,50,50,20,20,20,20,20"),
            "Row 3: BU12345678 is not a buurt of the area file.",
            id="unknown-code",
        ),
        pytest.param(
            rows("WK999901,100,50,50,20,20,20,20,20"),
            "Row 2: WK999901 is a wijk, not a buurt; give buurten only.",
            id="wijk-row",
        ),
        pytest.param(
            rows("BU99990101,100,50,50"), "Row 2: 4 values, but the header has 9 columns.", id="short-row"
        ),
        pytest.param(b"", "The population file is empty.", id="empty"),
        pytest.param(population_csv([]), "The population file has a header but no rows.", id="header-only"),
    ],
)
def test_broken_population_file_is_refused_and_changes_nothing(existing, csv, expected):
    errors = refused(existing, csv)
    assert any(expected in error for error in errors), errors


def test_every_broken_row_is_reported(existing):
    csv = rows("BU99990101,100,-5,105,20,20,20,20,20", "BU99990102,x,100,100,40,40,40,40,40")
    errors = refused(existing, csv)
    assert [error[:18] for error in errors] == ["Row 2 (BU99990101)", "Row 3 (BU99990102)"]


def test_the_year_comes_from_a_jaar_column(organisation):
    csv = population_csv(
        [line + ",2021" for line in SMALL_POPULATION.decode().splitlines()[1:]],
        header=POPULATION_HEADER + ",jaar",
    )
    report = areas_import(organisation=organisation, geojson=SMALL, population_csv=csv)
    assert report.population_year == 2021
    assert set(Area.objects.filter(organisation=organisation).values_list("population_year", flat=True)) == {
        2021
    }


def test_a_year_that_contradicts_the_jaar_column_is_refused(existing):
    csv = population_csv(
        [line + ",2021" for line in SMALL_POPULATION.decode().splitlines()[1:]],
        header=POPULATION_HEADER + ",jaar",
    )
    errors = refused(existing, csv, population_year=2019)
    assert errors == ["The population year 2019 differs from the year in the file (2021)."]


def test_mixed_years_are_refused(existing):
    lines = SMALL_POPULATION.decode().splitlines()[1:]
    csv = population_csv(
        [lines[0] + ",2021", *(line + ",2022" for line in lines[1:])], header=POPULATION_HEADER + ",jaar"
    )
    errors = refused(existing, csv)
    assert errors == ["The population file mixes several years: 2021 (from row 2), 2022 (from row 3)."]


def test_buurten_missing_from_the_file_get_no_population_and_a_warning(existing):
    csv = population_csv(SMALL_POPULATION.decode().splitlines()[1:3])
    report = areas_import(organisation=existing, geojson=SMALL, population_csv=csv)
    assert report.buurten_without_population == ["BU99990201", "BU99990202"]
    assert Area.objects.get(code="BU99990201").population is None
    assert not PopulationCount.objects.filter(area__code="BU99990201").exists()
    # A wijk with a buurt of unknown population has no total either.
    assert Area.objects.get(code="WK999902").population is None
    assert Area.objects.get(code="WK999901").population == 300


def test_reimport_without_population_keeps_the_figures(existing):
    before = sorted(
        PopulationCount.objects.filter(area__organisation=existing).values_list(
            "area_id", "variable", "count"
        )
    )
    report = areas_import(organisation=existing, geojson=SMALL)
    after = sorted(
        PopulationCount.objects.filter(area__organisation=existing).values_list(
            "area_id", "variable", "count"
        )
    )
    assert after == before
    assert Area.objects.get(code="GM9999").population == 350
    assert report.population_year == 2020
    assert report.buurten.unchanged == 4


def test_a_count_of_thousands_of_digits_is_no_plausible_count(existing):
    errors = refused(existing, rows("BU99990101," + "9" * 5000 + ",50,50,20,20,20,20,20"))
    assert errors == ["Row 2 (BU99990101): inwoners is not a plausible count (99999999999999999999)."]


def test_a_year_of_thousands_of_digits_is_no_year(existing):
    csv = population_csv(["BU99990101,100,50,50,20,20,20,20,20," + "2" * 5000], POPULATION_HEADER + ",jaar")
    assert refused(existing, csv) == ["Row 2: the year “22222222222222222222” is not a year."]


def test_a_cell_beyond_what_csv_reads_is_refused_with_its_row(existing):
    errors = refused(existing, rows("BU99990101,100,50,50,20,20,20,20,20", "x" * 140_000))
    assert errors == [
        "Row 3 of the population file cannot be read as CSV: "
        "a cell is far too long, or a quote is never closed."
    ]


def test_a_buurtcode_longer_than_an_area_code_is_refused_shortened(existing):
    errors = refused(existing, rows("BU" + "9" * 5000 + ",100,50,50,20,20,20,20,20"))
    assert errors == ["Row 2: the buurtcode “BU999999999999999999…” is longer than 20 characters."]
