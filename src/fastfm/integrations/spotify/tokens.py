"""A job's access to Spotify: the stored access token, refreshed when it has expired.

A refresh token Spotify rotates (a new one in the answer) replaces the stored one; one it
does not rotate is kept. ``invalid_grant`` means the user revoked access or the token
died: the link becomes ``reauth_required`` and the caller is told to link again.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from fastfm.db.base import utcnow
from fastfm.db.session import Database
from fastfm.integrations.spotify import repository
from fastfm.integrations.spotify.client import Answer, SpotifyAuthError, SpotifyClient
from fastfm.integrations.spotify.client import SpotifyTokenExpiredError as TokenExpired
from fastfm.integrations.spotify.crypto import TokenCipher, TokenDecryptError
from fastfm.integrations.spotify.linking import user_context
from fastfm.integrations.spotify.models import LinkStatus

# Refresh this long before Spotify's stated expiry, so a token never dies mid-page.
EXPIRY_MARGIN = timedelta(seconds=60)


class LinkUnusable(Exception):
    """The link is gone or needs the user to link again; the message says which."""


async def require_link(session: AsyncSession, user_id: int) -> None:
    """Inside a write transaction: stop an import whose link was removed meanwhile."""
    link = await repository.get_link(session, user_id)
    if link is None:
        raise LinkUnusable("The Spotify account is no longer linked")


class SpotifyAccess:
    """Authorized GETs for one linked user."""

    def __init__(
        self, database: Database, client: SpotifyClient, cipher: TokenCipher, user_id: int
    ) -> None:
        self.database = database
        self.client = client
        self.cipher = cipher
        self.user_id = user_id
        self._access_token: str | None = None

    async def get(self, url_or_path: str) -> Answer:
        token = await self._token()
        try:
            return await self.client.get(url_or_path, token)
        except TokenExpired:
            # Revoked early or clocks disagree: one refresh, then the answer stands.
            return await self.client.get(url_or_path, await self._token(force_refresh=True))

    async def _token(self, *, force_refresh: bool = False) -> str:
        if self._access_token is not None and not force_refresh:
            return self._access_token
        context = user_context(self.user_id)
        async with self.database.sessionmaker() as session, session.begin():
            link = await repository.get_link(session, self.user_id)
            if link is None:
                raise LinkUnusable("The Spotify account is no longer linked")
            if link.status != LinkStatus.LINKED.value:
                raise LinkUnusable("Spotify access was revoked: link the Spotify account again")
            try:
                if not force_refresh and link.access_expires_at - EXPIRY_MARGIN > utcnow():
                    self._access_token = self.cipher.decrypt(link.access_token, context=context)
                    return self._access_token
                refresh_token = self.cipher.decrypt(link.refresh_token, context=context)
            except TokenDecryptError as exc:
                raise LinkUnusable(
                    "The stored Spotify tokens cannot be read: link the account again"
                ) from exc
        try:
            tokens = await self.client.refresh(refresh_token)
        except SpotifyAuthError as exc:
            if exc.error != "invalid_grant":
                raise
            async with self.database.sessionmaker() as session, session.begin():
                link = await repository.get_link(session, self.user_id)
                if link is not None:
                    link.status = LinkStatus.REAUTH_REQUIRED.value
            raise LinkUnusable(
                "Spotify no longer accepts this link (invalid_grant): link the account again"
            ) from exc
        async with self.database.sessionmaker() as session, session.begin():
            link = await repository.get_link(session, self.user_id)
            if link is None:
                raise LinkUnusable("The Spotify account is no longer linked")
            link.access_token = self.cipher.encrypt(tokens.access_token, context=context)
            if tokens.refresh_token is not None:
                link.refresh_token = self.cipher.encrypt(tokens.refresh_token, context=context)
            link.access_expires_at = utcnow() + timedelta(seconds=tokens.expires_in)
        self._access_token = tokens.access_token
        return tokens.access_token
