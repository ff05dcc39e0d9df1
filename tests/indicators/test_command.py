from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from buurtpeil.indicators.models import AreaFigure

pytestmark = pytest.mark.django_db


def test_command_imports_and_prints_the_summary(den_haag, tmp_path):
    path = tmp_path / "misdrijven.csv"
    path.write_text(
        "buurtcode,jaar,categorie,waarde\nBU05180271,2020,burglary,5\nBU09999999,2020,burglary,1\n"
    )
    out = StringIO()
    call_command("import_indicators", str(path), "--organisation", "GM0518", "--source", "Test", stdout=out)
    assert "1 cijfer ingelezen uit 2 regels (Test)." in out.getvalue()
    assert "BU09999999" in out.getvalue()
    assert AreaFigure.objects.get().source == "Test"


def test_command_refuses_a_broken_file(den_haag, tmp_path):
    path = tmp_path / "kapot.csv"
    path.write_text("buurtcode,jaar,categorie,waarde\nBU05180271,2020,burglary,-1\n")
    err = StringIO()
    with pytest.raises(CommandError, match="Er is niets ingelezen"):
        call_command("import_indicators", str(path), "--organisation", "GM0518", stderr=err)
    assert "negatief" in err.getvalue()
    assert not AreaFigure.objects.exists()


def test_command_unknown_organisation(tmp_path):
    path = tmp_path / "f.csv"
    path.write_text("x")
    with pytest.raises(CommandError, match="GM9999"):
        call_command("import_indicators", str(path), "--organisation", "GM9999")
