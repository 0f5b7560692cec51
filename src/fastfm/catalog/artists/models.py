"""Artists and their genre links."""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Index, Integer, String, Table, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from fastfm.catalog.genres.models import Genre
from fastfm.catalog.pg_only import PG_ONLY
from fastfm.db.base import Base, TimestampMixin

artist_genre = Table(
    "artist_genre",
    Base.metadata,
    Column("artist_id", ForeignKey("artist.id", ondelete="CASCADE"), primary_key=True),
    Column("genre_id", ForeignKey("genre.id", ondelete="RESTRICT"), primary_key=True),
    Index("ix_artist_genre_genre_id_artist_id", "genre_id", "artist_id"),
)


class Artist(TimestampMixin, Base):
    __tablename__ = "artist"
    __table_args__ = (
        Index("ix_artist_name_id", "name", "id"),
        Index("ix_artist_follower_count_id", "follower_count", "id"),
        Index("ix_artist_created_at_id", "created_at", "id"),
        # PostgreSQL only, as on song: `q` through trigrams.
        Index(
            "ix_artist_name_trgm",
            "name",
            postgresql_using="gin",
            postgresql_ops={"name": "gin_trgm_ops"},
            sqlite_where=PG_ONLY,
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    bio: Mapped[str | None] = mapped_column(Text)
    image_url: Mapped[str | None] = mapped_column(String(2048))
    # Kept exact by the follow service, so lists can sort by it without counting.
    follower_count: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    spotify_id: Mapped[str | None] = mapped_column(String(64), unique=True)

    genres: Mapped[list[Genre]] = relationship(
        secondary=artist_genre, lazy="raise", order_by=Genre.name
    )
