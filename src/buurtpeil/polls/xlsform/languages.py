"""Language columns of an XLSForm (``label::Dutch (nl)``) and Buurtpeil's language codes."""

from __future__ import annotations

import re

from buurtpeil.polls.definition import LANGUAGE_RE

CODE_IN_PARENTHESES = re.compile(r"\(\s*([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})?)\s*\)\s*$")

# English name for export; every name (English or own) for import of columns without a code.
NAMES = {
    "nl": ("Dutch", "Nederlands", "Vlaams", "Flemish"),
    "en": ("English", "Engels"),
    "de": ("German", "Deutsch", "Duits"),
    "fr": ("French", "Français", "Francais", "Frans"),
    "fy": ("Frisian", "Frysk", "Fries"),
    "tr": ("Turkish", "Türkçe", "Turkce", "Turks"),
    "ar": ("Arabic", "العربية", "Arabisch"),
    "pl": ("Polish", "Polski", "Pools"),
    "es": ("Spanish", "Español", "Espanol", "Spaans"),
    "pt": ("Portuguese", "Português", "Portugees"),
    "it": ("Italian", "Italiano", "Italiaans"),
    "uk": ("Ukrainian", "Українська", "Oekraïens"),
    "ru": ("Russian", "Русский", "Russisch"),
    "ro": ("Romanian", "Română", "Roemeens"),
    "bg": ("Bulgarian", "Български", "Bulgaars"),
    "pap": ("Papiamento", "Papiamentu"),
    "so": ("Somali", "Soomaali", "Somalisch"),
    "ti": ("Tigrinya", "ትግርኛ", "Tigrinya"),
    "fa": ("Persian", "Farsi", "فارسی", "Perzisch"),
    "zh": ("Chinese", "中文", "Chinees"),
}
_BY_NAME = {name.casefold(): code for code, names in NAMES.items() for name in names}


def language_code(column_language: str) -> str | None:
    """``Dutch (nl)`` → ``nl``; ``Nederlands`` → ``nl``; ``nl`` → ``nl``; unknown → None."""
    match = CODE_IN_PARENTHESES.search(column_language)
    if match:
        code = match.group(1)
        code = code.lower() if "-" not in code else code.split("-")[0].lower() + "-" + code.split("-")[1]
        return code if LANGUAGE_RE.match(code) else None
    name = column_language.strip().casefold()
    if name in _BY_NAME:
        return _BY_NAME[name]
    return name if name in NAMES else None


def language_column(code: str) -> str:
    """The column suffix for a language code: ``nl`` → ``Dutch (nl)``."""
    names = NAMES.get(code.split("-")[0])
    return f"{names[0] if names else code} ({code})"
