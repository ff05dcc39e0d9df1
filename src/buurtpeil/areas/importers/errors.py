from django.utils.translation import gettext as _

from buurtpeil.core.importing import ErrorList as CoreErrorList
from buurtpeil.core.importing import ImportRefused

MAX_ERRORS = 50


class AreaImportError(ImportRefused):
    """An area or population file was refused. ``errors`` holds every message, for the user."""


class ErrorList(CoreErrorList):
    def __init__(self, limit: int = MAX_ERRORS):
        super().__init__(limit, AreaImportError)


def refuse_binary(data: bytes, *, population: bool = False) -> None:
    """Refuse known binary formats early, with a hint, instead of a confusing parse error."""
    if data.startswith(b"PK\x03\x04"):
        if population:
            message = _("The population file is a ZIP archive (an Excel workbook?), not CSV. Save it as CSV.")
        else:
            message = _("The file is a ZIP archive (a shapefile?), not GeoJSON. Export the areas as GeoJSON.")
    elif data.startswith(b"%PDF"):
        message = (
            _("The population file is a PDF document, not CSV.")
            if population
            else _("The file is a PDF document, not GeoJSON.")
        )
    elif b"\x00" in data[:4096]:
        message = (
            _("The population file is a binary file, not CSV.")
            if population
            else _("The file is a binary file, not GeoJSON.")
        )
    else:
        return
    raise AreaImportError([message])
