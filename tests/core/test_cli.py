import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from buurtpeil.config.env import env


def test_console_command_maps_dashes_to_management_commands():
    result = subprocess.run(
        [sys.executable, "-m", "buurtpeil", "import-areas", "--help"],
        capture_output=True,
        text=True,
        env={"DEBUG": "1", "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "--organisation" in result.stdout


def test_required_setting_fails_loudly(monkeypatch):
    monkeypatch.delenv("SOME_SECRET", raising=False)
    with pytest.raises(ImproperlyConfigured, match="SOME_SECRET"):
        env("SOME_SECRET")


def test_settings_are_cast(monkeypatch):
    monkeypatch.setenv("A_FLAG", "yes")
    monkeypatch.setenv("A_LIST", "a, b,,c")
    monkeypatch.setenv("A_NUMBER", "42")
    assert env("A_FLAG", False, cast=bool) is True
    assert env("A_LIST", [], cast=list) == ["a", "b", "c"]
    assert env("A_NUMBER", 0, cast=int) == 42
