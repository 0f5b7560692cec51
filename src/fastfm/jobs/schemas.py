"""Job bodies."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from fastfm.jobs.models import Job


class JobProgress(BaseModel):
    done: int
    total: int


class JobRead(BaseModel):
    """A background job of yours: where it is, and how it ended."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": 7,
                    "kind": "spotify_import",
                    "status": "running",
                    "progress": {"done": 3, "total": 12},
                    "result": None,
                    "error": None,
                    "attempts": 1,
                    "created_at": "2026-12-01T10:00:00Z",
                    "finished_at": None,
                }
            ]
        }
    )

    id: int
    kind: str
    status: Literal["queued", "running", "succeeded", "failed"]
    progress: JobProgress
    result: dict[str, Any] | None
    error: str | None
    attempts: int
    created_at: datetime
    finished_at: datetime | None

    @classmethod
    def of(cls, job: Job) -> JobRead:
        return cls(
            id=job.id,
            kind=job.kind,
            status=job.status,
            progress=JobProgress(done=job.progress_done, total=job.progress_total),
            result=job.result,
            error=job.error,
            attempts=job.attempts,
            created_at=job.created_at,
            finished_at=job.finished_at,
        )


class JobAccepted(BaseModel):
    """A job was queued (or one of the same kind already is): follow ``Location``."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"job_id": 7}]})

    job_id: int
