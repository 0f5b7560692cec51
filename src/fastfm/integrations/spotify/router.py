"""``/auth/spotify``, ``/me/spotify`` and ``/spotify/import``."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Request, Response, status
from fastapi.responses import JSONResponse, RedirectResponse

from fastfm.auth.dependencies import CurrentUser, OptionalUser
from fastfm.db.session import SessionDep, get_database
from fastfm.errors import error_responses
from fastfm.integrations.spotify import linking, service
from fastfm.integrations.spotify.dependencies import ConfiguredSettings, SpotifyClientDep
from fastfm.integrations.spotify.schemas import AuthorizeUrl, ImportRequest, LinkResult
from fastfm.jobs.schemas import JobAccepted
from fastfm.kit.routing import DocstringSummaryRoute

auth_router = APIRouter(prefix="/auth/spotify", tags=["spotify"], route_class=DocstringSummaryRoute)
me_router = APIRouter(prefix="/me/spotify", tags=["spotify"], route_class=DocstringSummaryRoute)
import_router = APIRouter(prefix="/spotify", tags=["spotify"], route_class=DocstringSummaryRoute)

ShortText = Annotated[str | None, Query(max_length=2048)]


@auth_router.get(
    "",
    status_code=status.HTTP_307_TEMPORARY_REDIRECT,
    response_model=None,
    # The redirect has no body; with `Accept: application/json` the route answers JSON.
    response_class=RedirectResponse,
    responses={
        200: {"model": AuthorizeUrl, "description": "With `Accept: application/json`"},
        307: {"description": "Redirect to Spotify's authorize page"},
        **error_responses(401, 503),
    },
)
async def start_spotify_link(
    settings: ConfiguredSettings,
    session: SessionDep,
    user: CurrentUser,
    accept: Annotated[str | None, Header(max_length=1000)] = None,
) -> Response:
    """Start linking your Spotify account: Spotify's consent page (PKCE S256, 10-minute state)."""
    url = await linking.start_authorization(session, settings, user)
    if accept and "application/json" in accept:
        return JSONResponse({"authorize_url": url})
    return RedirectResponse(url, status_code=status.HTTP_307_TEMPORARY_REDIRECT)


@auth_router.get(
    "/callback",
    status_code=status.HTTP_200_OK,
    response_model=LinkResult,
    responses={
        307: {"description": "Linked; redirect to the web app (when FASTFM_FRONTEND_URL is set)"},
        **error_responses(400, 401, 503),
    },
)
async def finish_spotify_link(
    request: Request,
    settings: ConfiguredSettings,
    client: SpotifyClientDep,
    session: SessionDep,
    caller: OptionalUser,
    code: ShortText = None,
    state: ShortText = None,
    error: ShortText = None,
) -> Any:
    """Where Spotify sends you back: stores the tokens (encrypted) and links the account."""
    pending = await linking.take_state(get_database(request), state)
    link = await linking.complete_authorization(
        session, settings, client, pending, caller, code=code, error=error
    )
    if settings.frontend_url:
        target = f"{settings.frontend_url.rstrip('/')}/?spotify=linked"
        return RedirectResponse(target, status_code=status.HTTP_307_TEMPORARY_REDIRECT)
    return LinkResult(linked=True, spotify_user_id=link.spotify_user_id)


@me_router.delete(
    "",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(401, 503),
)
async def unlink_spotify(
    settings: ConfiguredSettings, session: SessionDep, user: CurrentUser
) -> Response:
    """Unlink your Spotify account; its tokens are forgotten (imported music stays)."""
    await linking.unlink(session, user)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@import_router.post(
    "/import",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=JobAccepted,
    responses={
        202: {
            "description": "Queued, or the import already queued or running for you "
            "(one at a time): follow `Location` to `/api/v1/jobs/{job_id}`",
            "headers": {"Location": {"schema": {"type": "string"}}},
        },
        **error_responses(401, 409, 503),
    },
)
async def import_from_spotify(
    settings: ConfiguredSettings,
    session: SessionDep,
    user: CurrentUser,
    response: Response,
    body: ImportRequest | None = None,
) -> Any:
    """Import your Spotify playlists and saved tracks in the background (a job)."""
    job = await service.request_import(session, user, body or ImportRequest())
    response.headers["Location"] = f"/api/v1/jobs/{job.id}"
    return JobAccepted(job_id=job.id)
