"""What a caller of the Spotify endpoints can be told."""

from __future__ import annotations

from fastfm.errors import BadRequest, Conflict, Unavailable

NOT_CONFIGURED_RETRY_AFTER = "3600"


class SpotifyNotConfigured(Unavailable):
    code = "spotify_not_configured"
    detail = "Spotify import is not configured on this server"

    def __init__(self) -> None:
        super().__init__(headers={"Retry-After": NOT_CONFIGURED_RETRY_AFTER})


class SpotifyUnavailable(Unavailable):
    code = "spotify_unavailable"
    detail = "Spotify could not be reached; try again later"

    def __init__(self, detail: str | None = None) -> None:
        super().__init__(detail, headers={"Retry-After": "30"})


class InvalidState(BadRequest):
    code = "invalid_state"
    detail = "Unknown, expired or already used authorization state"


class AuthorizationDenied(BadRequest):
    code = "spotify_authorization_denied"
    detail = "Spotify did not grant access"


class AuthorizationFailed(BadRequest):
    code = "spotify_authorization_failed"
    detail = "Spotify refused the authorization code"


class SpotifyNotLinked(Conflict):
    code = "spotify_not_linked"
    detail = "Link a Spotify account first (GET /api/v1/auth/spotify)"


class SpotifyReauthRequired(Conflict):
    code = "spotify_reauth_required"
    detail = "Spotify no longer accepts this link: link the account again"
