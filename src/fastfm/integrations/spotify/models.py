"""A user's Spotify link (tokens encrypted at rest) and the pending OAuth states."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from fastfm.db.base import Base, TimestampMixin


class LinkStatus(StrEnum):
    LINKED = "linked"
    REAUTH_REQUIRED = "reauth_required"


class SpotifyLink(TimestampMixin, Base):
    """One FastFM account's Spotify account. Tokens are AEAD ciphertexts, never plain."""

    __tablename__ = "spotify_link"
    __table_args__ = (
        CheckConstraint("status IN ('linked', 'reauth_required')", name="status_known"),
    )

    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True
    )
    spotify_user_id: Mapped[str] = mapped_column(String(128))
    status: Mapped[str] = mapped_column(String(20), default=LinkStatus.LINKED.value)
    scope: Mapped[str] = mapped_column(String(500), default="")
    access_token: Mapped[bytes] = mapped_column(LargeBinary)
    refresh_token: Mapped[bytes] = mapped_column(LargeBinary)
    access_expires_at: Mapped[datetime] = mapped_column()


class SpotifyAuthState(Base):
    """An authorization request in flight: single use, bound to its user, short-lived."""

    __tablename__ = "spotify_auth_state"

    # SHA-256 of the state sent to Spotify: the state itself is never stored.
    state_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    code_verifier: Mapped[bytes] = mapped_column(LargeBinary)
    expires_at: Mapped[datetime] = mapped_column()
