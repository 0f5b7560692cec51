"""Join codes: short, random, and typed without confusion.

Eight characters from an alphabet without the look-alikes (0/O, 1/I/L) and without
vowels that could spell words: 27^8 ≈ 2.8e11 codes, drawn with ``secrets``. A code
is read back case-insensitively, with any spaces or dashes a person may add.
"""

from __future__ import annotations

import secrets

from fastfm.parties.models import JOIN_CODE_LENGTH

ALPHABET = "BCDFGHJKMNPQRSTVWXZ23456789"
ALLOWED = frozenset(ALPHABET)
# A pattern OpenAPI shows; :func:`normalize` accepts the same code in any case, with dashes.
PATTERN = r"^[\sA-Za-z0-9-]{8,20}$"


def new_join_code() -> str:
    """A fresh random code (uniqueness is the database's to enforce)."""
    return "".join(secrets.choice(ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def normalize(raw: str) -> str | None:
    """The stored form of a typed code, or ``None`` if it cannot be one."""
    code = "".join(ch for ch in raw.upper() if ch not in " -\t")
    if len(code) != JOIN_CODE_LENGTH or not ALLOWED.issuperset(code):
        return None
    return code
