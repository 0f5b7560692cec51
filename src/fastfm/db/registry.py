"""Imports every model module so ``Base.metadata`` is complete (Alembic, tests)."""

from __future__ import annotations

from fastfm.auth import models as auth_models
from fastfm.catalog import id_blocks as id_block_models
from fastfm.catalog import revision as revision_models
from fastfm.catalog.albums import models as album_models
from fastfm.catalog.artists import models as artist_models
from fastfm.catalog.credits import models as credit_models
from fastfm.catalog.genres import models as genre_models
from fastfm.catalog.songs import models as song_models
from fastfm.db.base import Base
from fastfm.integrations.spotify import models as spotify_models
from fastfm.jobs import models as job_models
from fastfm.library import models as library_models
from fastfm.parties import models as party_models
from fastfm.playlists import models as playlist_models
from fastfm.users import models as user_models

__all__ = [
    "Base",
    "album_models",
    "artist_models",
    "auth_models",
    "credit_models",
    "genre_models",
    "id_block_models",
    "job_models",
    "library_models",
    "party_models",
    "playlist_models",
    "revision_models",
    "song_models",
    "spotify_models",
    "user_models",
]
