"""Errors the auth domain raises; each renders as ``{"detail", "code"}``."""

from __future__ import annotations

from fastfm.errors import Forbidden, TooManyRequests, Unauthorized

# RFC 6750: a presented but unusable token says so in the challenge.
_INVALID_TOKEN_CHALLENGE = {"WWW-Authenticate": 'Bearer error="invalid_token"'}


class NotAuthenticated(Unauthorized):
    code = "not_authenticated"
    detail = "Not authenticated"


class InvalidCredentials(Unauthorized):
    """Wrong password or unknown account: one body for both, so accounts can't be probed."""

    code = "invalid_credentials"
    detail = "Incorrect username or password"


class InvalidToken(Unauthorized):
    code = "invalid_token"
    detail = "Invalid access token"
    headers = _INVALID_TOKEN_CHALLENGE


class TokenExpired(Unauthorized):
    code = "token_expired"
    detail = "Access token expired"
    headers = _INVALID_TOKEN_CHALLENGE


class InvalidRefreshToken(Unauthorized):
    """Unknown, expired or revoked refresh token."""

    code = "invalid_refresh_token"
    detail = "Invalid or expired refresh token"


class RefreshTokenReused(Unauthorized):
    code = "refresh_token_reused"
    detail = "Refresh token was already used; every session of that login is now signed out"


class AdminRequired(Forbidden):
    code = "admin_required"
    detail = "Administrator rights required"


class TooManyLoginAttempts(TooManyRequests):
    code = "too_many_login_attempts"
    detail = "Too many failed login attempts; try again later"


class CsrfCheckFailed(Forbidden):
    code = "csrf_failed"
    detail = "This request must come from the FastFM app itself (missing X-FastFM-CSRF header)"


class NoSession(Unauthorized):
    code = "no_session"
    detail = "Not signed in in this browser"
