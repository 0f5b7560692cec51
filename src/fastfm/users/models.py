"""User accounts."""

from __future__ import annotations

from sqlalchemy import Boolean, CheckConstraint, Integer, String, false, text
from sqlalchemy.orm import Mapped, mapped_column

from fastfm.db.base import Base, TimestampMixin


class User(TimestampMixin, Base):
    """A person with an account. ``email`` and ``username`` are stored lowercased."""

    __tablename__ = "user_account"
    __table_args__ = (
        CheckConstraint("username = lower(username)", name="username_lowercase"),
        CheckConstraint("email = lower(email)", name="email_lowercase"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    username: Mapped[str] = mapped_column(String(30), unique=True)
    display_name: Mapped[str | None] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(255))
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # Bumped by logout-all: access tokens carry it, so older ones stop working at once.
    token_version: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    # Kept exact by the library's follow service (users following this one).
    follower_count: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
