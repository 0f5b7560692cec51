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
    headers = {"Retry-After": "1"}


class ShuffleUnavailable(Unavailable):
    """The session store (Redis) does not answer; sessions are safe there, retry later."""

    code = "shuffle_unavailable"
    detail = "Shuffle is unavailable: its session store does not answer; try again later"

    def __init__(self, retry_after: int) -> None:
        super().__init__(headers={"Retry-After": str(max(1, retry_after))})
