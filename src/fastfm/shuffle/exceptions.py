"""Errors the shuffle domain raises; each renders as ``{"detail", "code"}``."""

from __future__ import annotations

from fastfm.errors import NotFound, Unavailable


class ShuffleSessionNotFound(NotFound):
    code = "shuffle_session_not_found"
    detail = "No shuffle session: start one with POST, or ask for the next track"


class ShuffleBusy(Unavailable):
    """Too many concurrent changes to one session in a row; rare, and safe to retry."""

    code = "shuffle_busy"
    detail = "The shuffle session is changing too fast; try again"
