"""A careful Spotify HTTP client (httpx).

Every call has a timeout, follows no redirect and reads at most
``FASTFM_SPOTIFY_MAX_RESPONSE_BYTES``. A 429 pauses the whole client for ``Retry-After``
seconds: no other request to Spotify leaves this process meanwhile. 5xx answers and
connection errors are retried with exponential backoff, then raise
``SpotifyUnavailableError`` (a job then retries later). Tokens never appear in logs or
in error messages.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass
from typing import Any

import httpx
import orjson

from fastfm.config import Settings

logger = logging.getLogger(__name__)

MAX_RATE_LIMIT_WAITS = 20


class SpotifyError(Exception):
    """Spotify did not give what was asked; the message is safe to show."""


class SpotifyUnavailableError(SpotifyError):
    """Spotify or the network failed even after retries (transient)."""


class SpotifyAuthError(SpotifyError):
    """The accounts service refused a grant (``error`` holds its code, e.g. invalid_grant)."""

    def __init__(self, error: str, message: str) -> None:
        self.error = error
        super().__init__(message)


class SpotifyTokenExpiredError(SpotifyError):
    """The Web API refused the access token (401)."""


@dataclass(frozen=True)
class TokenSet:
    access_token: str
    expires_in: int
    refresh_token: str | None
    scope: str


@dataclass(frozen=True)
class Answer:
    status: int
    body: Any


class SpotifyClient:
    """One per process; shared by every request and job of that process."""

    def __init__(self, settings: Settings, transport: httpx.AsyncBaseTransport | None = None):
        self.settings = settings
        self.requests_sent = 0
        self._http = httpx.AsyncClient(
            timeout=httpx.Timeout(settings.spotify_timeout_seconds),
            follow_redirects=False,
            transport=transport,
            headers={"Accept": "application/json"},
        )
        self._resume_at = 0.0
        self._pause_lock = asyncio.Lock()

    async def aclose(self) -> None:
        await self._http.aclose()

    # -- accounts service -------------------------------------------------------------

    async def exchange_code(self, code: str, verifier: str) -> TokenSet:
        """Trade an authorization code (and its PKCE verifier) for tokens."""
        return await self._token_request(
            {
                "grant_type": "authorization_code",
                "code": code,
                "redirect_uri": self.settings.spotify_redirect_uri or "",
                "code_verifier": verifier,
            }
        )

    async def refresh(self, refresh_token: str) -> TokenSet:
        """A fresh access token (and maybe a rotated refresh token)."""
        return await self._token_request(
            {"grant_type": "refresh_token", "refresh_token": refresh_token}
        )

    async def _token_request(self, form: dict[str, str]) -> TokenSet:
        secret = self.settings.spotify_client_secret
        auth = (self.settings.spotify_client_id or "", secret.get_secret_value() if secret else "")
        url = f"{self.settings.spotify_accounts_url.rstrip('/')}/api/token"
        answer = await self._send("POST", url, data=form, auth=auth)
        body = answer.body if isinstance(answer.body, dict) else {}
        if answer.status != 200:
            error = str(body.get("error", "")) or f"http_{answer.status}"
            raise SpotifyAuthError(error, f"Spotify refused the grant ({error})")
        try:
            return TokenSet(
                access_token=str(body["access_token"]),
                expires_in=int(body.get("expires_in", 3600)),
                refresh_token=str(body["refresh_token"]) if body.get("refresh_token") else None,
                scope=str(body.get("scope", "")),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise SpotifyError("Spotify's token answer was malformed") from exc

    # -- Web API ----------------------------------------------------------------------

    async def get(self, url_or_path: str, access_token: str) -> Answer:
        """GET a Web API path (or a ``next`` URL Spotify gave); 401 raises TokenExpired."""
        base = self.settings.spotify_api_url.rstrip("/")
        url = url_or_path if url_or_path.startswith(base) else f"{base}/{url_or_path.lstrip('/')}"
        answer = await self._send("GET", url, headers={"Authorization": f"Bearer {access_token}"})
        if answer.status == 401:
            raise SpotifyTokenExpiredError("Spotify refused the access token")
        return answer

    # -- transport --------------------------------------------------------------------

    async def _send(self, method: str, url: str, **kwargs: Any) -> Answer:
        if not url.startswith((self.settings.spotify_api_url, self.settings.spotify_accounts_url)):
            raise SpotifyError("Spotify linked outside its own API")
        failures = 0
        waits = 0
        last = ""
        while True:
            await self._wait_for_rate_limit()
            try:
                self.requests_sent += 1
                answer, retry_after = await self._once(method, url, **kwargs)
            except httpx.TimeoutException:
                last = "timed out"
            except httpx.TransportError:
                last = "could not be reached"
            else:
                if answer.status == 429:
                    waits += 1
                    if retry_after > self.settings.spotify_max_retry_after_seconds or (
                        waits > MAX_RATE_LIMIT_WAITS
                    ):
                        raise SpotifyUnavailableError(
                            f"Spotify is rate limiting (Retry-After {retry_after:.0f} s)"
                        )
                    await self._pause(retry_after)
                    continue
                if answer.status < 500:
                    return answer
                last = f"answered {answer.status}"
            failures += 1
            if failures > self.settings.spotify_max_retries:
                raise SpotifyUnavailableError(f"Spotify {last} ({failures} tries)")
            delay = self.settings.spotify_retry_base_seconds * 2 ** (failures - 1)
            logger.warning("Spotify %s; retrying in %.1f s", last, delay)
            await asyncio.sleep(delay)

    async def _once(self, method: str, url: str, **kwargs: Any) -> tuple[Answer, float]:
        limit = self.settings.spotify_max_response_bytes
        async with self._http.stream(method, url, **kwargs) as response:
            if response.is_redirect:
                raise SpotifyError("Spotify answered with a redirect, which is not followed")
            declared = response.headers.get("content-length")
            if declared is not None and declared.isdigit() and int(declared) > limit:
                raise SpotifyError("Spotify's answer is larger than allowed")
            chunks: list[bytes] = []
            size = 0
            async for chunk in response.aiter_bytes():
                size += len(chunk)
                if size > limit:
                    raise SpotifyError("Spotify's answer is larger than allowed")
                chunks.append(chunk)
        raw = b"".join(chunks)
        try:
            body: Any = orjson.loads(raw) if raw else None
        except orjson.JSONDecodeError:
            body = None
        if response.status_code < 300 and body is None and method == "GET":
            raise SpotifyUnavailableError("Spotify answered something that is not JSON")
        return Answer(response.status_code, body), _retry_after(response)

    async def _wait_for_rate_limit(self) -> None:
        # A deadline, not an event: another 429 during the sleep moves it further out.
        while (delay := self._resume_at - time.monotonic()) > 0:  # noqa: ASYNC110
            await asyncio.sleep(delay)

    async def _pause(self, seconds: float) -> None:
        async with self._pause_lock:
            self._resume_at = max(self._resume_at, time.monotonic() + seconds)
        logger.info("Spotify rate limit: pausing every request for %.1f s", seconds)


def _retry_after(response: httpx.Response) -> float:
    raw = response.headers.get("retry-after", "")
    try:
        return max(0.0, float(raw))
    except ValueError:
        return 1.0
