from django.utils.translation import gettext as _
from django.utils.translation import ngettext

MAX_ERRORS = 50


class AreaImportError(Exception):
    """An area or population file was refused. ``errors`` holds every message, for the user."""

    def __init__(self, errors: list[str]):
        self.errors = list(errors)
        super().__init__("; ".join(self.errors))


class ErrorList:
    """Collects messages up to ``limit``; the rest are counted and summarised in one line."""

    def __init__(self, limit: int = MAX_ERRORS):
        self.limit = limit
        self.messages: list[str] = []
        self.left_off = 0

    def add(self, message: str) -> None:
        if len(self.messages) < self.limit:
            self.messages.append(message)
        else:
            self.left_off += 1

    def __bool__(self) -> bool:
        return bool(self.messages)

    def raise_if_any(self) -> None:
        if not self.messages:
            return
        errors = list(self.messages)
        if self.left_off:
            errors.append(
                ngettext("… and %(count)d more error.", "… and %(count)d more errors.", self.left_off)
                % {"count": self.left_off}
            )
        raise AreaImportError(errors)


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
