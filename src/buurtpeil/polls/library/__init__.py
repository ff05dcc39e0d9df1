"""The module library: ready-made question modules, written as data in the definition's shape.

A module is ``{"code", "title", "description", "languages", "factors", "groups"}``; its groups
are ordinary definition groups, so ``services.poll_module_add`` copies them into a poll as they
are. Module codes, group ids and question codes are stable (results and the indicator registry
refer to them) and unique across the whole library. Texts are Dutch (source, B1) and English,
in our own words; constructs and answer scales follow the Veiligheidsmonitor (DOMAIN.md §4.4, §9).

Callers always get deep copies: editing what they get never changes the library.
"""

from __future__ import annotations

import copy
import hashlib
import json
from typing import Any

from buurtpeil.polls.library import (
    community,
    environment,
    followup,
    institutions,
    open_questions,
    outcome,
    professionals,
)

__all__ = ["module", "module_codes", "module_definition", "module_version", "modules"]

_MODULES: dict[str, dict[str, Any]] = {
    entry["code"]: entry
    for entry in [
        *outcome.MODULES,
        *environment.MODULES,
        *community.MODULES,
        *institutions.MODULES,
        *open_questions.MODULES,
        *professionals.MODULES,
        *followup.MODULES,
    ]
}


def module_codes() -> list[str]:
    return list(_MODULES)


def modules() -> list[dict[str, Any]]:
    """Every module, in library order (deep copies)."""
    return copy.deepcopy(list(_MODULES.values()))


def module(code: str) -> dict[str, Any]:
    """One module (a deep copy); raises KeyError for an unknown code."""
    return copy.deepcopy(_MODULES[code])


def module_definition(code: str) -> dict[str, Any]:
    """The module as a poll definition of its own, e.g. to validate or preview it."""
    entry = module(code)
    return {
        "languages": entry["languages"],
        "title": entry["title"],
        "intro": entry["description"],
        "groups": entry["groups"],
    }


def module_version(code: str) -> str:
    """A short fingerprint of the module's content (questions, scales, texts): it changes when
    the library changes the module, so results are compared only between polls that asked the
    same version. Raises KeyError for an unknown code."""
    content = json.dumps(_MODULES[code], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(content.encode()).hexdigest()[:12]
