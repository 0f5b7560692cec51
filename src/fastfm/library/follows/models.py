"""Follows of artists and of other users, unique per pair by the primary key."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index
from sqlalchemy.orm import Mapped, mapped_column

from fastfm.db.base import Base, utcnow


class ArtistFollow(Base):
    """A user follows an artist. ``artist.follower_count`` counts these rows."""

    __tablename__ = "artist_follow"
    __table_args__ = (
        Index("ix_artist_follow_user_id_followed_at", "user_id", "followed_at"),
        Index("ix_artist_follow_artist_id", "artist_id"),
    )

    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True
    )
    artist_id: Mapped[int] = mapped_column(
        ForeignKey("artist.id", ondelete="CASCADE"), primary_key=True
    )
    followed_at: Mapped[datetime] = mapped_column(default=utcnow)


class UserFollow(Base):
    """``follower_id`` follows ``followee_id``; the followee's ``follower_count`` counts these."""

    __tablename__ = "user_follow"
    __table_args__ = (
        CheckConstraint("follower_id <> followee_id", name="not_self"),
        Index("ix_user_follow_follower_id_followed_at", "follower_id", "followed_at"),
        Index("ix_user_follow_followee_id", "followee_id"),
    )

    follower_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True
    )
    followee_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True
    )
    followed_at: Mapped[datetime] = mapped_column(default=utcnow)
