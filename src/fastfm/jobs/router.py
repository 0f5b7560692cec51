"""``/jobs``: the caller's background jobs."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, status

from fastfm.auth.dependencies import CurrentUser
from fastfm.db.session import SessionDep
from fastfm.errors import error_responses
from fastfm.jobs import service
from fastfm.jobs.schemas import JobRead
from fastfm.kit.ids import IdPath
from fastfm.kit.routing import DocstringSummaryRoute

router = APIRouter(prefix="/jobs", tags=["jobs"], route_class=DocstringSummaryRoute)


@router.get(
    "/{job_id}",
    status_code=status.HTTP_200_OK,
    response_model=JobRead,
    responses=error_responses(401, 404),
)
async def get_job(job_id: IdPath, session: SessionDep, user: CurrentUser) -> Any:
    """One of your background jobs: its status, progress, result or error."""
    return JobRead.of(await service.get_own_job(session, user, job_id))
