"""Errors the parties domain raises; each renders as ``{"detail", "code"}``."""

from __future__ import annotations

from fastfm.errors import Forbidden, NotFound, Unavailable


class PartyNotFound(NotFound):
    """Missing, or its playlist is not visible to the caller: never told apart."""

    code = "party_not_found"
    detail = "Party not found"


class NotPartyHost(Forbidden):
    code = "not_party_host"
    detail = "Only the host may do this"


class PartyStateUnavailable(Unavailable):
    code = "party_state_unavailable"
    detail = "The party's playback state cannot be reached; try again"

    def __init__(self) -> None:
        super().__init__(headers={"Retry-After": "1"})
