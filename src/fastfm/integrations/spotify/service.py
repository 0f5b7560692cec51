"""Asking for an import: the caller must be linked; one import per user at a time."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from fastfm.integrations.spotify import repository
from fastfm.integrations.spotify.exceptions import SpotifyNotLinked, SpotifyReauthRequired
from fastfm.integrations.spotify.models import LinkStatus
from fastfm.integrations.spotify.schemas import ImportRequest
from fastfm.jobs import service as job_service
from fastfm.jobs.models import Job
from fastfm.users.models import User

IMPORT_KIND = "spotify_import"


async def request_import(session: AsyncSession, user: User, body: ImportRequest) -> Job:
    """Queue an import; while one is queued or running, that job is the answer."""
    link = await repository.get_link(session, user.id)
    if link is None:
        raise SpotifyNotLinked()
    if link.status != LinkStatus.LINKED.value:
        raise SpotifyReauthRequired()
    payload = {"playlist_ids": body.playlist_ids, "include_liked": body.include_liked}
    job, _ = await job_service.enqueue_unique(session, IMPORT_KIND, user.id, payload)
    return job
