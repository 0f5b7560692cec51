"""Join codes: short, random, and typed without confusion.

Eight characters from an alphabet without the look-alikes (0/O, 1/I/L) and without
vowels that could spell words: 27^8 ≈ 2.8e11 codes, drawn with ``secrets``. A code
is read back case-insensitively, with any spaces, tabs, line breaks or dashes a person
(or a paste) may add, wherever they are.
"""

from __future__ import annotations

import secrets

from fastfm.parties.models import JOIN_CODE_LENGTH

ALPHABET = "BCDFGHJKMNPQRSTVWXZ23456789"
ALLOWED = frozenset(ALPHABET)
# What a typed code may hold, as OpenAPI shows it and the route checks it, as typed (not
# trimmed first); :func:`normalize` then drops the blanks and dashes. The blanks are
# spelled out: ``\s`` differs between JSON Schema's regular expressions and the route's.
_BLANKS = " \t\r\n"
PATTERN = f"^[{_BLANKS}A-Za-z0-9-]{{8,20}}$"
_IGNORED = frozenset(_BLANKS + "-")


def new_join_code() -> str:
    """A fresh random code (uniqueness is the database's to enforce)."""
    return "".join(secrets.choice(ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def normalize(raw: str) -> str | None:
    """The stored form of a typed code, or ``None`` if it cannot be one."""
    code = "".join(ch for ch in raw.upper() if ch not in _IGNORED)
    if len(code) != JOIN_CODE_LENGTH or not ALLOWED.issuperset(code):
        return None
    return code
