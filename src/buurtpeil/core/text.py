"""Text that can be stored. PostgreSQL refuses the NUL character in text and JSON, and UTF-8
cannot encode half of a surrogate pair (which a JSON escape such as ``\\ud800`` gives): input
holding either is refused where it comes in, with a message, instead of failing at the database."""

import re

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def storable(text: str) -> bool:
    """Whether ``text`` can be written to a text column or a JSON document."""
    return _UNSTORABLE.search(text) is None
