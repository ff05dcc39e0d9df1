"""What every importer of an uploaded file shares: all problems collected, up to a limit, and
refused together in one exception whose ``errors`` are the messages for the user."""

from django.utils.translation import ngettext


class ImportRefused(Exception):
    """A file was refused. ``errors`` holds every message, for the user."""

    def __init__(self, errors: list[str]):
        self.errors = list(errors)
        super().__init__("; ".join(self.errors))


class ErrorList:
    """Collects messages up to ``limit``; the rest are counted and summarised in one line.
    ``raise_if_any`` raises ``error`` (an ``ImportRefused``) with them."""

    def __init__(self, limit: int, error: type[ImportRefused]):
        self.limit, self.error = limit, error
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
        raise self.error(errors)
