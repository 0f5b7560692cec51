"""Songs, their ordered performing artists and their genre links."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from fastfm.catalog.albums.models import Album
from fastfm.catalog.artists.models import Artist
from fastfm.catalog.genres.models import Genre
from fastfm.catalog.pg_only import PG_ONLY
from fastfm.db.base import Base, TimestampMixin

if TYPE_CHECKING:
    from fastfm.catalog.credits.models import Credit

song_genre = Table(
    "song_genre",
    Base.metadata,
    Column("song_id", ForeignKey("song.id", ondelete="CASCADE"), primary_key=True),
    Column("genre_id", ForeignKey("genre.id", ondelete="RESTRICT"), primary_key=True),
    Index("ix_song_genre_genre_id_song_id", "genre_id", "song_id"),
)


class SongArtist(Base):
    """A performing artist of a song in billing order (``position`` 0 is the primary)."""

    __tablename__ = "song_artist"
    __table_args__ = (
        UniqueConstraint("song_id", "artist_id"),
        Index("ix_song_artist_artist_id_song_id", "artist_id", "song_id"),
        CheckConstraint("position >= 0", name="position_not_negative"),
    )

    song_id: Mapped[int] = mapped_column(
        ForeignKey("song.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    artist_id: Mapped[int] = mapped_column(ForeignKey("artist.id", ondelete="RESTRICT"))

    artist: Mapped[Artist] = relationship(lazy="raise")


class Song(TimestampMixin, Base):
    __tablename__ = "song"
    __table_args__ = (
        CheckConstraint("duration_ms > 0", name="duration_positive"),
        CheckConstraint("disc_number >= 1", name="disc_number_positive"),
        CheckConstraint("track_number IS NULL OR track_number >= 1", name="track_number_positive"),
        CheckConstraint("like_count >= 0", name="like_count_not_negative"),
        CheckConstraint("play_count >= 0", name="play_count_not_negative"),
        # One index per sort field, with id as the tie-breaker the API promises.
        Index("ix_song_title_id", "title", "id"),
        Index("ix_song_duration_ms_id", "duration_ms", "id"),
        Index("ix_song_release_date_id", "release_date", "id"),
        Index("ix_song_like_count_id", "like_count", "id"),
        Index("ix_song_play_count_id", "play_count", "id"),
        Index("ix_song_created_at_id", "created_at", "id"),
        Index(
            "ix_song_album_id_disc_number_track_number", "album_id", "disc_number", "track_number"
        ),
        # PostgreSQL only (empty partial indexes on SQLite, see fastfm.catalog.pg_only):
        # `q` (ILIKE "%…%") through trigrams.
        Index(
            "ix_song_title_trgm",
            "title",
            postgresql_using="gin",
            postgresql_ops={"title": "gin_trgm_ops"},
            sqlite_where=PG_ONLY,
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    duration_ms: Mapped[int] = mapped_column(Integer)
    explicit: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    isrc: Mapped[str | None] = mapped_column(String(12), index=True)
    album_id: Mapped[int | None] = mapped_column(ForeignKey("album.id", ondelete="RESTRICT"))
    disc_number: Mapped[int] = mapped_column(Integer, default=1, server_default=text("1"))
    track_number: Mapped[int | None] = mapped_column(Integer)
    # The album's release date, copied so songs can be filtered and sorted by it
    # through one index; the album service keeps it in step.
    release_date: Mapped[date | None] = mapped_column(Date)
    # Kept exact by the likes and plays services.
    like_count: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    play_count: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    spotify_id: Mapped[str | None] = mapped_column(String(64), unique=True)

    album: Mapped[Album | None] = relationship(lazy="raise")
    artist_links: Mapped[list[SongArtist]] = relationship(
        lazy="raise", order_by=SongArtist.position, cascade="all, delete-orphan"
    )
    genres: Mapped[list[Genre]] = relationship(
        secondary=song_genre, lazy="raise", order_by=Genre.name
    )
    credits: Mapped[list[Credit]] = relationship(
        lazy="raise", cascade="all, delete-orphan", order_by="Credit.position"
    )


# `sort=-release_date`: newest first, undated last, ties by id.
Index("ix_song_release_date_desc_id", Song.release_date.desc().nulls_last(), Song.id)
