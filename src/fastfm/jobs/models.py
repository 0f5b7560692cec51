"""The ``job`` table: the source of truth for ``GET /jobs/{id}``.

The queue (pgqueuer) only carries a job's id; what a job is, whose it is and how far it
got live here, on both databases.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from fastfm.db.base import Base, utcnow


class JobStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"


ACTIVE_STATUSES = (JobStatus.QUEUED.value, JobStatus.RUNNING.value)
_ACTIVE = text("status IN ('queued', 'running')")


class Job(Base):
    """One unit of background work, its progress and its outcome."""

    __tablename__ = "job"
    __table_args__ = (
        CheckConstraint(
            "status IN ('queued', 'running', 'succeeded', 'failed')", name="status_known"
        ),
        CheckConstraint("progress_done >= 0 AND progress_total >= 0", name="progress_positive"),
        # At most one queued or running job per key (one Spotify import per user at a time).
        Index(
            "uq_job_singleton_key_active",
            "singleton_key",
            unique=True,
            postgresql_where=_ACTIVE,
            sqlite_where=_ACTIVE,
        ),
        Index("ix_job_status", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(String(16), default=JobStatus.QUEUED.value)
    # Set for jobs that must not run twice at once (e.g. "spotify_import:42"); else NULL.
    singleton_key: Mapped[str | None] = mapped_column(String(80))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    progress_done: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    progress_total: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    error: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    started_at: Mapped[datetime | None] = mapped_column()
    finished_at: Mapped[datetime | None] = mapped_column()
