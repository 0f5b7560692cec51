"""Refresh tokens: opaque strings, stored only as SHA-256 hashes, rotated on every use."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from fastfm.db.base import Base, utcnow


class RefreshToken(Base):
    """One refresh token. A login starts a family; each rotation adds a token to it.

    ``rotated_at`` is set when the token is exchanged for a new one: presenting it
    again is reuse, and revokes the whole family (``revoked_at`` on every member).
    """

    __tablename__ = "refresh_token"
    __table_args__ = (Index("ix_refresh_token_user_id_family_id", "user_id", "family_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    family_id: Mapped[str] = mapped_column(String(32), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Idle expiry of this token, and absolute expiry of its whole family (the login).
    expires_at: Mapped[datetime]
    family_expires_at: Mapped[datetime]
    rotated_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
