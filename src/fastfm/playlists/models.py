"""Playlists, their entries (ordered tracks), collaborators and followers.

How track order is stored
-------------------------
The API speaks of 0-based, contiguous positions, but no row stores a position: moving
or inserting near the top of a 10,000-track playlist would then rewrite every row
below it. Each entry carries a sparse ``sort_key`` instead (a 64-bit integer, unique
per playlist through ``uq_playlist_entry_playlist_id_sort_key``, whose index also
serves every ordered read). Positions are derived by ``ORDER BY sort_key`` with
``OFFSET``:

- a new playlist and a replaced track list get keys ``GAP, 2*GAP, 3*GAP, ...``;
- appending takes keys above the largest one, inserting at the top keys below the
  smallest (keys may go negative), so neither touches existing rows;
- inserting or moving ``k`` entries between two neighbours spreads ``k`` keys evenly
  in the free gap between their keys: a move rewrites only the ``k`` moved rows;
- removing entries leaves gaps, which is harmless;
- only when a gap between two neighbours is too small for the keys needed (after many
  inserts at one spot) is the whole playlist renumbered to ``GAP, 2*GAP, ...``
  (``sort_keys.py``), an O(n) step that is rare by construction.

Every write to a playlist's tracks first locks its ``playlist`` row (``SELECT … FOR
UPDATE`` on PostgreSQL; SQLite serializes writers), then compares and renews
``snapshot_id`` and keeps ``track_count`` and ``total_duration_ms`` exact.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from fastfm.db.base import Base, TimestampMixin, utcnow


class Playlist(TimestampMixin, Base):
    """A user's named list of songs, private unless ``is_public``."""

    __tablename__ = "playlist"
    __table_args__ = (
        CheckConstraint("track_count >= 0", name="track_count_not_negative"),
        CheckConstraint("total_duration_ms >= 0", name="total_duration_not_negative"),
        CheckConstraint("follower_count >= 0", name="follower_count_not_negative"),
        # A Spotify playlist is imported once per owner (several users may import it).
        UniqueConstraint("owner_id", "spotify_id"),
        Index("ix_playlist_owner_id_is_public", "owner_id", "is_public"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(String(2000))
    is_public: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # Kept exact by every track write and by the song-delete hook, under the row lock.
    track_count: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    total_duration_ms: Mapped[int] = mapped_column(BigInteger, default=0, server_default=text("0"))
    # Kept exact by follow/unfollow and by account deletion.
    follower_count: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    snapshot_id: Mapped[str] = mapped_column(String(32))
    spotify_id: Mapped[str | None] = mapped_column(String(64))


class PlaylistEntry(Base):
    """One track of a playlist; its position is its rank by ``sort_key``."""

    __tablename__ = "playlist_entry"
    __table_args__ = (
        UniqueConstraint("playlist_id", "sort_key"),
        # Finds the playlists holding a song (song deletion, removal by song id).
        Index("ix_playlist_entry_song_id_playlist_id", "song_id", "playlist_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    playlist_id: Mapped[int] = mapped_column(ForeignKey("playlist.id", ondelete="CASCADE"))
    song_id: Mapped[int] = mapped_column(ForeignKey("song.id", ondelete="CASCADE"))
    sort_key: Mapped[int] = mapped_column(BigInteger)
    # Indexed so that deleting an account can null its entries without a full scan.
    added_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    added_at: Mapped[datetime] = mapped_column(default=utcnow)


class PlaylistCollaborator(Base):
    """A user the owner lets edit the playlist's details and tracks."""

    __tablename__ = "playlist_collaborator"
    __table_args__ = (
        Index("ix_playlist_collaborator_user_id_playlist_id", "user_id", "playlist_id"),
    )

    playlist_id: Mapped[int] = mapped_column(
        ForeignKey("playlist.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True
    )
    added_at: Mapped[datetime] = mapped_column(default=utcnow)


class PlaylistFollower(Base):
    """A user following a playlist (it shows in their ``/me/following/playlists``)."""

    __tablename__ = "playlist_follower"
    __table_args__ = (
        Index("ix_playlist_follower_user_id_followed_at", "user_id", "followed_at", "playlist_id"),
    )

    playlist_id: Mapped[int] = mapped_column(
        ForeignKey("playlist.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True
    )
    followed_at: Mapped[datetime] = mapped_column(default=utcnow)
