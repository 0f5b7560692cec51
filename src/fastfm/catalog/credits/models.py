"""Production credits: who did what on a song (composer, producer, engineer, ...)."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from fastfm.catalog.artists.models import Artist
from fastfm.db.base import Base

CREDIT_ROLES = (
    "composer",
    "lyricist",
    "producer",
    "co_producer",
    "engineer",
    "mixing_engineer",
    "mastering_engineer",
    "arranger",
    "featured_artist",
    "performer",
)


class Credit(Base):
    __tablename__ = "credit"
    __table_args__ = (
        CheckConstraint(
            "role IN (" + ", ".join(f"'{role}'" for role in CREDIT_ROLES) + ")",
            name="role_known",
        ),
        Index("ix_credit_song_id_position", "song_id", "position"),
        Index("ix_credit_artist_id_song_id", "artist_id", "song_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    song_id: Mapped[int] = mapped_column(ForeignKey("song.id", ondelete="CASCADE"))
    artist_id: Mapped[int] = mapped_column(ForeignKey("artist.id", ondelete="RESTRICT"))
    role: Mapped[str] = mapped_column(String(32))
    detail: Mapped[str | None] = mapped_column(String(200))
    # Order as given in the write body.
    position: Mapped[int] = mapped_column(Integer, default=0)

    artist: Mapped[Artist] = relationship(lazy="raise")
