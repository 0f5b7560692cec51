"""Listening history: one row per listen."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, Index, Integer
from sqlalchemy.orm import Mapped, mapped_column

from fastfm.db.base import Base, utcnow


class Play(Base):
    """A listen of a song by a user at ``played_at``. ``song.play_count`` counts these rows."""

    __tablename__ = "play"
    __table_args__ = (
        CheckConstraint("ms_played IS NULL OR ms_played >= 0", name="ms_played_not_negative"),
        # Recently played (newest first, ties by id) and a user's top songs/artists over
        # a window; with song_id carried along, both read the index alone on PostgreSQL.
        Index(
            "ix_play_user_id_played_at_id",
            "user_id",
            "played_at",
            "id",
            postgresql_include=["song_id"],
        ),
        # Charts over a rolling window, answered from the index alone.
        Index("ix_play_played_at_song_id", "played_at", "song_id"),
        # Deleting a song cascades here.
        Index("ix_play_song_id", "song_id"),
    )

    # SQLite only auto-increments an INTEGER primary key.
    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer(), "sqlite"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    song_id: Mapped[int] = mapped_column(ForeignKey("song.id", ondelete="CASCADE"))
    played_at: Mapped[datetime] = mapped_column(default=utcnow)
    ms_played: Mapped[int | None] = mapped_column(Integer)
