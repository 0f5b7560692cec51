"""Linking a FastFM account to a Spotify account (authorization code + PKCE S256)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from fastfm.config import Settings
from fastfm.db.base import utcnow
from fastfm.db.session import Database
from fastfm.integrations.spotify import oauth, repository
from fastfm.integrations.spotify.client import (
    SpotifyAuthError,
    SpotifyClient,
    SpotifyError,
    SpotifyUnavailableError,
)
from fastfm.integrations.spotify.crypto import TokenCipher
from fastfm.integrations.spotify.exceptions import (
    AuthorizationDenied,
    AuthorizationFailed,
    InvalidState,
    SpotifyUnavailable,
)
from fastfm.integrations.spotify.models import LinkStatus, SpotifyAuthState, SpotifyLink
from fastfm.users.models import User


def cipher_for(settings: Settings) -> TokenCipher:
    return TokenCipher(settings.spotify_token_keys)


def user_context(user_id: int) -> bytes:
    """Associated data binding a ciphertext to its row: a token copied to another user fails."""
    return f"spotify_link:{user_id}".encode()


async def start_authorization(session: AsyncSession, settings: Settings, user: User) -> str:
    """A new single-use state for ``user`` (10 minutes); returns Spotify's authorize URL."""
    now = utcnow()
    await repository.delete_expired_states(session, user.id, now)
    state, verifier = oauth.new_state(), oauth.new_code_verifier()
    await repository.add_state(
        session,
        SpotifyAuthState(
            state_hash=oauth.hash_state(state),
            user_id=user.id,
            code_verifier=cipher_for(settings).encrypt(verifier, context=user_context(user.id)),
            expires_at=now + timedelta(minutes=oauth.STATE_MINUTES),
        ),
    )
    return oauth.authorize_url(
        settings.spotify_accounts_url,
        settings.spotify_client_id or "",
        settings.spotify_redirect_uri or "",
        state,
        verifier,
    )


async def take_state(database: Database, state: str | None) -> SpotifyAuthState:
    """Use up a state, whatever happens next: in its own transaction, committed at once.

    (In the request's transaction a failed exchange would roll the deletion back, and the
    same state could be presented again.)
    """
    if not state:
        raise InvalidState()
    async with database.sessionmaker() as session, session.begin():
        pending = await repository.take_state(session, oauth.hash_state(state))
    if pending is None or pending.expires_at <= utcnow():
        raise InvalidState()
    return pending


async def complete_authorization(
    session: AsyncSession,
    settings: Settings,
    client: SpotifyClient,
    pending: SpotifyAuthState,
    caller: User | None,
    *,
    code: str | None,
    error: str | None,
) -> SpotifyLink:
    """Exchange the code for tokens and store them encrypted; returns the link."""
    if caller is not None and caller.id != pending.user_id:
        raise InvalidState("This authorization was started by another account")
    if error is not None:
        raise AuthorizationDenied(f"Spotify did not grant access ({error[:100]})")
    if not code:
        raise AuthorizationFailed("The callback carries no authorization code")
    cipher = cipher_for(settings)
    context = user_context(pending.user_id)
    verifier = cipher.decrypt(pending.code_verifier, context=context)
    try:
        tokens = await client.exchange_code(code, verifier)
        if tokens.refresh_token is None:
            raise AuthorizationFailed("Spotify gave no refresh token")
        profile = await client.get("/me", tokens.access_token)
    except SpotifyAuthError as exc:
        raise AuthorizationFailed(f"Spotify refused the authorization code ({exc.error})") from exc
    except SpotifyUnavailableError as exc:
        raise SpotifyUnavailable(str(exc)) from exc
    except SpotifyError as exc:
        raise AuthorizationFailed(str(exc)) from exc
    spotify_user_id = profile.body.get("id") if isinstance(profile.body, dict) else None
    if profile.status != 200 or not isinstance(spotify_user_id, str):
        raise AuthorizationFailed("Spotify did not say whose account this is")
    link = await repository.get_link(session, pending.user_id)
    if link is None:
        link = SpotifyLink(user_id=pending.user_id)
        session.add(link)
    link.spotify_user_id = spotify_user_id[:128]
    link.status = LinkStatus.LINKED.value
    link.scope = tokens.scope[:500]
    link.access_token = cipher.encrypt(tokens.access_token, context=context)
    link.refresh_token = cipher.encrypt(tokens.refresh_token, context=context)
    link.access_expires_at = _expiry(utcnow(), tokens.expires_in)
    await session.flush()
    return link


async def unlink(session: AsyncSession, user: User) -> None:
    """Forget the link and its tokens (nothing to forget is fine)."""
    await repository.delete_link(session, user.id)


def _expiry(now: datetime, expires_in: int) -> datetime:
    return now + timedelta(seconds=max(0, expires_in))
