"""``buurtpeil import-areas``: prints the report, or every error and a non-zero exit status."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connections

from buurtpeil.areas.management.commands.import_areas import Command
from buurtpeil.areas.models import Area
from tests.conftest import DEMO_GEOJSON, DEMO_POPULATION

pytestmark = pytest.mark.django_db


def test_import_areas_prints_the_report(organisation):
    out = io.StringIO()
    call_command(
        "import_areas",
        str(DEMO_GEOJSON),
        organisation=organisation.code,
        population=str(DEMO_POPULATION),
        population_year=2019,
        stdout=out,
    )
    output = out.getvalue()
    assert "114 buurten in 44 wijken and 1 gemeente (159 new" in output
    assert "Population 2019: 537,525 inhabitants in 114 buurten." in output
    assert "3 buurten have 0 inhabitants: BU05180170, BU05184107, BU05184209." in output
    assert Area.objects.filter(organisation=organisation, level="buurt").count() == 114


def test_a_refused_file_prints_every_error_and_exits_with_status_1(
    organisation, tmp_path, capsys, monkeypatch
):
    # run_from_argv closes the connections when done; the test's transaction needs its own.
    monkeypatch.setattr(connections, "close_all", lambda: None)
    broken = tmp_path / "broken.geojson"
    broken.write_text(
        '{"type": "FeatureCollection", "features": ['
        '{"type": "Feature", "properties": {"statcode": "BU99990101"}, "geometry": null},'
        '{"type": "Feature", "properties": {"statcode": "BU99990102", "statnaam": "X"}, "geometry": null}]}'
    )
    with pytest.raises(SystemExit) as exit_info:
        Command().run_from_argv(
            ["buurtpeil", "import_areas", str(broken), "--organisation", organisation.code]
        )
    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    assert "Feature 1 (BU99990101): the field “statnaam” is missing or empty." in err
    assert "Feature 1 (BU99990101) has no geometry." in err
    assert "Feature 2 (BU99990102) has no geometry." in err
    assert "Nothing was imported: 3 problems in the files." in err
    assert not Area.objects.exists()


def test_an_unknown_organisation_is_an_error(db):
    with pytest.raises(CommandError, match="no organisation with code “GM9999”"):
        call_command("import_areas", str(DEMO_GEOJSON), organisation="GM9999")


def test_a_missing_file_is_an_error(organisation, tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_areas", str(tmp_path / "none.geojson"), organisation=organisation.code)
