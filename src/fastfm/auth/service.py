"""Login, token refresh and revocation. Routes call one function here."""

from __future__ import annotations

import hashlib
from collections.abc import Collection
from datetime import datetime, timedelta
from typing import NoReturn

from sqlalchemy.ext.asyncio import AsyncSession

from fastfm.auth import repository
from fastfm.auth.exceptions import (
    InvalidCredentials,
    InvalidRefreshToken,
    InvalidToken,
    RefreshTokenReused,
)
from fastfm.auth.models import RefreshToken
from fastfm.auth.schemas import Tokens
from fastfm.auth.security import (
    AccessClaims,
    create_access_token,
    hash_refresh_token,
    new_family_id,
    new_refresh_token,
    verify_dummy_password,
    verify_password,
)
from fastfm.auth.throttling import LoginThrottle, account_key
from fastfm.config import Settings
from fastfm.db.base import utcnow
from fastfm.users import service as user_service
from fastfm.users.models import User


async def login(
    session: AsyncSession,
    settings: Settings,
    throttle: LoginThrottle,
    *,
    login_name: str,
    password: str,
    address: str,
) -> Tokens:
    """Exchange a username (or email) and password for a new login's tokens.

    Unknown account and wrong password give the same 401 after the same work (a
    dummy hash is verified); failures count against per-account and per-address
    limits, and a blocked attempt is 429 before any password is checked.
    """
    name = login_name.strip().lower()
    user = await user_service.find_by_login(session, name) if name else None
    account = account_key(user.id) if user else f"name:{hashlib.sha256(name.encode()).hexdigest()}"
    await throttle.ensure_allowed(account, address)
    if user is None:
        await verify_dummy_password(password)
        valid, new_hash = False, None
    else:
        valid, new_hash = await verify_password(password, user.password_hash)
    if not valid or user is None:
        await throttle.record_failure(account, address)
        raise InvalidCredentials()
    if new_hash is not None:
        user.password_hash = new_hash
    return await _issue(session, settings, user.id, now=utcnow())


async def refresh(session: AsyncSession, settings: Settings, presented: str) -> Tokens:
    """Rotate a refresh token: the presented one stops working, a new pair is returned.

    A token that was already rotated is a replay (stolen, or a client bug): its
    whole family is revoked, so the thief's and the owner's newest tokens both die.
    """
    now = utcnow()
    token_hash = hash_refresh_token(presented)
    user_id = await repository.get_user_id(session, token_hash)
    if user_id is None or not await user_service.lock_account(session, user_id):
        raise InvalidRefreshToken()
    rotated = await repository.mark_rotated_if_usable(session, token_hash, now)
    if rotated is None:
        await _reject_unusable(session, token_hash, now)
    return await _issue(
        session,
        settings,
        rotated.user_id,
        now=now,
        family_id=rotated.family_id,
        family_expires_at=rotated.family_expires_at,
    )


async def logout(session: AsyncSession, user: User, presented: str) -> None:
    """Revoke the login (family) of ``presented`` if it is the caller's; else do nothing."""
    await user_service.lock_account(session, user.id)
    token = await repository.get_by_hash(session, hash_refresh_token(presented))
    if token is not None and token.user_id == user.id:
        await repository.revoke_family(session, token.family_id, utcnow())


async def logout_all(session: AsyncSession, user: User) -> None:
    """Revoke every refresh token and, by bumping the token version, every access token."""
    user.token_version += 1
    # The flush takes the account's row lock before the revocation (see users.service.lock_account).
    await session.flush()
    await repository.revoke_all_for_user(session, user.id, utcnow())


async def revoke_logins(
    session: AsyncSession, user_id: int, now: datetime, *, except_family: str | None = None
) -> None:
    """Revoke every refresh token of the account, except those of ``except_family``.

    Call it under the account's row lock (taken by flushing a change to it, or by
    :func:`fastfm.users.service.lock_account`).
    """
    await repository.revoke_all_for_user(session, user_id, now, except_family=except_family)


async def user_for_access(session: AsyncSession, claims: AccessClaims) -> User:
    """The account a verified access token names, if that token has not been revoked.

    Revoked means: the account's token version moved on (logout-all), or its login
    (refresh family) was revoked (logout, password change elsewhere, replay) or is gone
    with the account. The last also guards against SQLite, which reuses the id of a
    deleted newest row: a deleted account's token must not open the next account.
    """
    user = await repository.get_user_with_live_family(session, claims.user_id, claims.family_id)
    if user is None or user.token_version != claims.token_version:
        raise InvalidToken()
    return user


async def _reject_unusable(session: AsyncSession, token_hash: str, now: datetime) -> NoReturn:
    token = await repository.get_by_hash(session, token_hash)
    if token is None or token.rotated_at is None or token.revoked_at is not None:
        raise InvalidRefreshToken()
    await repository.revoke_family(session, token.family_id, now)
    # This request answers 401, and the request's session rolls back on any error; the
    # revocation must outlive that, so it is committed here on purpose.
    await session.commit()
    raise RefreshTokenReused()


async def _issue(
    session: AsyncSession,
    settings: Settings,
    user_id: int,
    *,
    now: datetime,
    family_id: str | None = None,
    family_expires_at: datetime | None = None,
) -> Tokens:
    """A new refresh token (in a new family unless one is given) and its access token."""
    if family_id is None or family_expires_at is None:
        family_id = new_family_id()
        family_expires_at = now + timedelta(days=settings.refresh_token_absolute_days)
    # Under the account's row lock, the version read here cannot be bumped before commit.
    await user_service.lock_account(session, user_id)
    token_version = await user_service.current_token_version(session, user_id)
    if token_version is None:
        raise InvalidRefreshToken()
    refresh_token = new_refresh_token()
    repository.add(
        session,
        RefreshToken(
            user_id=user_id,
            family_id=family_id,
            token_hash=hash_refresh_token(refresh_token),
            created_at=now,
            expires_at=min(
                now + timedelta(days=settings.refresh_token_idle_days), family_expires_at
            ),
            family_expires_at=family_expires_at,
        ),
    )
    await session.flush()
    access_token = create_access_token(
        settings, user_id=user_id, token_version=token_version, family_id=family_id, now=now
    )
    return Tokens(
        access_token=access_token,
        refresh_token=refresh_token,
        token_type="bearer",  # noqa: S106 (the OAuth2 token type)
        expires_in=settings.access_token_minutes * 60,
    )


async def live_logins(
    session: AsyncSession, logins: Collection[tuple[int, str]]
) -> dict[tuple[int, str], int]:
    """Of ``(user id, login family)`` pairs, those not revoked, with the account's current
    token version (one statement)."""
    return await repository.live_logins(session, logins)


async def end_login(session: AsyncSession, presented: str) -> None:
    """Revoke the login (family) ``presented`` belongs to; an unknown token does nothing.

    Holding the refresh token is the credential here (the browser's cookie), so this
    works after the access token expired.
    """
    token = await repository.get_by_hash(session, hash_refresh_token(presented))
    if token is not None:
        await user_service.lock_account(session, token.user_id)
        await repository.revoke_family(session, token.family_id, utcnow())
