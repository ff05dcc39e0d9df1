"""Every user-facing text has a Dutch translation: the catalogues are regenerated from the
source in a scratch copy and must have no empty or fuzzy entries."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "buurtpeil"
APPS = sorted(p.parent.parent.parent.name for p in SRC.glob("*/locale/nl/LC_MESSAGES"))
ENTRY = re.compile(r'^(#, fuzzy\n)?msgid ((?:".*"\n)+)msgstr ((?:".*"\n)+)', re.MULTILINE)


def test_every_app_with_user_facing_text_has_a_dutch_catalogue():
    assert {"areas", "core", "organisations", "panel"} <= set(APPS)


@pytest.mark.parametrize("app", APPS)
def test_catalogue_is_complete(app, tmp_path):
    copy = tmp_path / app
    shutil.copytree(SRC / app, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    subprocess.run(
        [sys.executable, "-P", "-m", "buurtpeil", "makemessages", "-l", "nl", "--no-location", "-v", "0"],
        cwd=copy,
        env={"DEBUG": "1", "PATH": "/usr/bin:/bin"},
        check=True,
    )
    text = (copy / "locale/nl/LC_MESSAGES/django.po").read_text(encoding="utf-8")
    missing = [
        msgid.strip()
        for fuzzy, msgid, msgstr in ENTRY.findall(text)
        if msgid.strip() != '""' and (fuzzy or msgstr.strip() == '""')
    ]
    assert missing == [], f"untranslated or fuzzy in {app}: {missing}"
