"""Albums, their ordered artists and their genre links."""

from __future__ import annotations

from datetime import date

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from fastfm.catalog.artists.models import Artist
from fastfm.catalog.genres.models import Genre
from fastfm.catalog.pg_only import PG_ONLY
from fastfm.db.base import Base, TimestampMixin

ALBUM_TYPES = ("album", "single", "ep", "compilation")

album_genre = Table(
    "album_genre",
    Base.metadata,
    Column("album_id", ForeignKey("album.id", ondelete="CASCADE"), primary_key=True),
    Column("genre_id", ForeignKey("genre.id", ondelete="RESTRICT"), primary_key=True),
    Index("ix_album_genre_genre_id_album_id", "genre_id", "album_id"),
)


class AlbumArtist(Base):
    """An album's artist in billing order (``position`` 0 is the primary artist)."""

    __tablename__ = "album_artist"
    __table_args__ = (
        UniqueConstraint("album_id", "artist_id"),
        Index("ix_album_artist_artist_id_album_id", "artist_id", "album_id"),
        CheckConstraint("position >= 0", name="position_not_negative"),
    )

    album_id: Mapped[int] = mapped_column(
        ForeignKey("album.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    artist_id: Mapped[int] = mapped_column(ForeignKey("artist.id", ondelete="RESTRICT"))

    artist: Mapped[Artist] = relationship(lazy="raise")


class Album(TimestampMixin, Base):
    __tablename__ = "album"
    __table_args__ = (
        CheckConstraint(
            "album_type IN ('album', 'single', 'ep', 'compilation')", name="album_type_known"
        ),
        CheckConstraint("track_count >= 0", name="track_count_not_negative"),
        CheckConstraint("total_duration_ms >= 0", name="total_duration_not_negative"),
        Index("ix_album_title_id", "title", "id"),
        Index("ix_album_release_date_id", "release_date", "id"),
        Index("ix_album_created_at_id", "created_at", "id"),
        # PostgreSQL only, as on song: `q` through trigrams.
        Index(
            "ix_album_title_trgm",
            "title",
            postgresql_using="gin",
            postgresql_ops={"title": "gin_trgm_ops"},
            sqlite_where=PG_ONLY,
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    album_type: Mapped[str] = mapped_column(String(20), default="album")
    release_date: Mapped[date | None] = mapped_column(Date)
    # Kept exact by the song service on every write that touches the album's songs.
    track_count: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    total_duration_ms: Mapped[int] = mapped_column(BigInteger, default=0, server_default=text("0"))
    spotify_id: Mapped[str | None] = mapped_column(String(64), unique=True)

    artist_links: Mapped[list[AlbumArtist]] = relationship(
        lazy="raise", order_by=AlbumArtist.position, cascade="all, delete-orphan"
    )
    genres: Mapped[list[Genre]] = relationship(
        secondary=album_genre, lazy="raise", order_by=Genre.name
    )


# `sort=-release_date`: newest first, undated last, ties by id.
Index("ix_album_release_date_desc_id", Album.release_date.desc().nulls_last(), Album.id)
