"""Derived text values the catalog stores next to names (genre keys and slugs)."""

from __future__ import annotations

import re
import unicodedata

_NOT_WORD = re.compile(r"[^a-z0-9]+")


def name_key(name: str) -> str:
    """The case-insensitive uniqueness key of a genre name."""
    return name.strip().casefold()


def slugify(name: str) -> str:
    """Lowercase ASCII words joined by ``-`` ("Hip-Hop & Rap" -> "hip-hop-rap")."""
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return _NOT_WORD.sub("-", ascii_text.lower()).strip("-")
