"""Field mappings: which properties of a feature hold the code, name, wijk and gemeente.

A mapping reads one feature's properties into a ``FeatureRecord`` or adds messages to the
error list. ``detect_mapping`` picks the mapping from the property names in the file.
Property names are matched case-insensitively.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from buurtpeil.areas.importers.errors import ErrorList

BUURT, WIJK, GEMEENTE = "buurt", "wijk", "gemeente"


@dataclass(frozen=True)
class FeatureRecord:
    index: int  # 1-based position of the feature in the file
    level: str
    code: str
    name: str
    wijk_code: str | None  # buurten only
    wijk_name: str | None
    gemeente_code: str
    gemeente_name: str | None


def _text(properties: dict, *keys: str) -> str:
    """The first non-empty value among ``keys`` as stripped text ('' when there is none)."""
    for key in keys:
        value = properties.get(key.lower())
        if value is not None and str(value).strip():
            return str(value).strip()
    return ""


def feature_label(index: int, code: str = "") -> str:
    if code:
        return _("Feature %(index)d (%(code)s)") % {"index": index, "code": code}
    return _("Feature %(index)d") % {"index": index}


def _missing(errors: ErrorList, index: int, code: str, field: str) -> None:
    errors.add(
        _("%(feature)s: the field “%(field)s” is missing or empty.")
        % {"feature": feature_label(index, code), "field": field}
    )


class CbsMapping:
    """Statistics Netherlands (CBS) gebiedsindelingen: ``statcode``/``statnaam`` per feature."""

    key = "cbs"
    label = "CBS"
    fields = ("statcode",)
    buurt_code = re.compile(r"^BU\d{8}$")
    wijk_code = re.compile(r"^WK\d{6}$")
    gemeente_code = re.compile(r"^GM\d{4}$")

    def read(self, index: int, properties: dict, errors: ErrorList) -> FeatureRecord | None:
        code = _text(properties, "statcode").upper()
        name = _text(properties, "statnaam")
        if not code:
            _missing(errors, index, "", "statcode")
            return None
        if not name:
            _missing(errors, index, code, "statnaam")
        if self.buurt_code.match(code):
            level = BUURT
        elif self.wijk_code.match(code):
            level = WIJK
        elif self.gemeente_code.match(code):
            level = GEMEENTE
        else:
            errors.add(
                _(
                    "%(feature)s: “%(code)s” is not a CBS code of a buurt (BU and 8 digits), "
                    "a wijk (WK and 6 digits) or a gemeente (GM and 4 digits)."
                )
                % {"feature": feature_label(index), "code": code}
            )
            return None
        wijk_code = None
        if level == BUURT:
            # The CBS code structure: BU + gemeente (4 digits) + wijk (2) + buurt (2).
            wijk_code = _text(properties, "wijkcode").upper() or f"WK{code[2:8]}"
            if not self.wijk_code.match(wijk_code):
                errors.add(
                    _("%(feature)s: the wijk code “%(wijk)s” is not a CBS wijk code (WK and 6 digits).")
                    % {"feature": feature_label(index, code), "wijk": wijk_code}
                )
                return None
        gemeente_code = _text(properties, "gmcode", "gemeentecode").upper() or f"GM{code[2:6]}"
        if not self.gemeente_code.match(gemeente_code):
            errors.add(
                _("%(feature)s: the gemeente code “%(gemeente)s” is not a CBS code (GM and 4 digits).")
                % {"feature": feature_label(index, code), "gemeente": gemeente_code}
            )
            return None
        if not name:
            return None
        return FeatureRecord(
            index=index,
            level=level,
            code=code,
            name=name,
            wijk_code=wijk_code,
            wijk_name=_text(properties, "wijknaam") or None,
            gemeente_code=gemeente_code,
            gemeente_name=_text(properties, "gemeentenaam", "gmnaam") or None,
        )

    def generated_wijk_name(self, code: str) -> str:
        return f"Wijk {code[-2:]}"


class StatbelMapping:
    """Statbel statistical sectors (Belgium): sector as buurt, sub-municipality as wijk."""

    key = "statbel"
    label = "Statbel"
    fields = ("cd_sector",)

    def read(self, index: int, properties: dict, errors: ErrorList) -> FeatureRecord | None:
        code = _text(properties, "CD_SECTOR").upper()
        name = _text(properties, "T_SEC_NL", "TX_SECTOR_DESCR_NL", "T_SEC_FR", "TX_SECTOR_DESCR_FR")
        if not code:
            _missing(errors, index, "", "CD_SECTOR")
            return None
        valid = True
        if not name:
            _missing(errors, index, code, "T_SEC_NL")
            valid = False
        wijk_code = _text(properties, "CD_SUB_MUNTY").upper()
        if not wijk_code:
            errors.add(
                _(
                    "%(feature)s: the sector has no sub-municipality code (CD_SUB_MUNTY), "
                    "so it cannot be placed in a wijk."
                )
                % {"feature": feature_label(index, code)}
            )
            valid = False
        if not valid:
            return None
        return FeatureRecord(
            index=index,
            level=BUURT,
            code=code,
            name=name,
            wijk_code=wijk_code,
            wijk_name=_text(properties, "T_SUB_MUNTY_NL", "T_SUB_MUNTY_FR") or None,
            gemeente_code=_text(properties, "CD_MUNTY_REFNIS", "CD_REFNIS") or code[:5],
            gemeente_name=_text(properties, "T_MUN_NL", "TX_MUNTY_DESCR_NL", "T_MUN_FR") or None,
        )

    def generated_wijk_name(self, code: str) -> str:
        return f"Deelgemeente {code}"


MAPPINGS = (CbsMapping(), StatbelMapping())


def detect_mapping(property_names: list[set[str]]) -> CbsMapping | StatbelMapping | None:
    """The mapping whose key field occurs in the most features (lower-cased names)."""
    best, best_count = None, 0
    for mapping in MAPPINGS:
        count = sum(1 for names in property_names if any(field in names for field in mapping.fields))
        if count > best_count:
            best, best_count = mapping, count
    return best
