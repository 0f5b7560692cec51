"""Bodies of the follow routes: lists of Artist and User."""

from __future__ import annotations

from fastfm.library.bodies import ArtistBody
from fastfm.users.schemas import UserRead

FollowedArtist = ArtistBody
FollowedUser = UserRead
