"""Liked songs: one row per user and song, unique by the primary key."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index
from sqlalchemy.orm import Mapped, mapped_column

from fastfm.db.base import Base, utcnow


class SongLike(Base):
    """A song in a user's liked songs. ``song.like_count`` counts these rows."""

    __tablename__ = "song_like"
    __table_args__ = (
        # The liked-songs list: newest first per user, ties by song id.
        Index("ix_song_like_user_id_liked_at_song_id", "user_id", "liked_at", "song_id"),
        # Deleting a song cascades here; without it that delete scans the table.
        Index("ix_song_like_song_id", "song_id"),
    )

    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True
    )
    song_id: Mapped[int] = mapped_column(
        ForeignKey("song.id", ondelete="CASCADE"), primary_key=True
    )
    liked_at: Mapped[datetime] = mapped_column(default=utcnow)
