"""A listening party over one playlist, and (in the embedded default) its playback state.

With Redis configured the playback state lives there (see ``state_redis``) and the
``state_*`` columns stay at their defaults; without it they are the state.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, false, text
from sqlalchemy.orm import Mapped, mapped_column

from fastfm.db.base import Base, utcnow

JOIN_CODE_LENGTH = 8


class Party(Base):
    """A party: who hosts it, which playlist it plays, and the code friends join with."""

    __tablename__ = "party"

    id: Mapped[int] = mapped_column(primary_key=True)
    join_code: Mapped[str] = mapped_column(String(JOIN_CODE_LENGTH), unique=True)
    # A party ends with its playlist or its host's account.
    playlist_id: Mapped[int] = mapped_column(
        ForeignKey("playlist.id", ondelete="CASCADE"), index=True
    )
    host_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Playback state (database store): the song, its place in the playlist's order, the
    # position it was at when the state last changed, and whether it plays on from there.
    state_version: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    state_song_id: Mapped[int | None] = mapped_column(
        ForeignKey("song.id", ondelete="SET NULL"), index=True
    )
    state_entry_position: Mapped[int | None] = mapped_column(Integer)
    state_offset_ms: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    state_is_playing: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    state_changed_at: Mapped[datetime] = mapped_column(default=utcnow)
