"""Letter codes: eight characters from an alphabet without look-alikes, shown as XXXX-XXXX.

The alphabet leaves out 0, O, 1, I and L, so that a code read from paper cannot be mistyped
as another one. Residents may type a code in any case, with spaces or dashes.
"""

import re
import secrets

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 8
_SEPARATORS = re.compile(r"[\s\-\u2013\u2014_.]+")


def code_new() -> str:
    """A random code (not checked for uniqueness; see ``services.invitation_codes_new``)."""
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def code_normalise(typed: str) -> str:
    """The stored form of what a resident typed: upper case, without spaces and dashes."""
    return _SEPARATORS.sub("", typed or "").upper()


def code_is_well_formed(code: str) -> bool:
    return len(code) == LENGTH and all(char in ALPHABET for char in code)


def code_display(code: str) -> str:
    """``ABCD2345`` -> ``ABCD-2345``."""
    half = LENGTH // 2
    return f"{code[:half]}-{code[half:]}"
