"""Export formats behind one registry: ``register["csv"]``, ``register["xlsx"]``,
``register["sav"]``. Importing this package registers the built-in formats; a new format
is a class in its own module, decorated with ``@register("id")`` and imported here."""

from buurtpeil.reports.formats import delimited, spreadsheet, spss  # noqa: F401  (registers them)
from buurtpeil.reports.formats.registry import ExportFormat, register

__all__ = ["ExportFormat", "register"]
