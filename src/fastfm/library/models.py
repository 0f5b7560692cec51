"""Every library model, imported together so ``Base.metadata`` knows them."""

from __future__ import annotations

from fastfm.library.follows.models import ArtistFollow, UserFollow
from fastfm.library.likes.models import SongLike
from fastfm.library.plays.models import Play

__all__ = ["ArtistFollow", "Play", "SongLike", "UserFollow"]
