"""Parsers for area files: bytes in, validated plain data out, or an ``AreaImportError``.

Nothing here touches the database; ``areas.services`` writes what these return.
"""

from buurtpeil.areas.importers.errors import AreaImportError

__all__ = ["AreaImportError"]
