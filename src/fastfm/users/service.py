"""Account rules: creation, profile changes, password changes, promotion, deletion."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from fastfm.auth import service as auth_service
from fastfm.auth.security import hash_password, verify_password
from fastfm.auth.throttling import LoginThrottle, account_key
from fastfm.db.base import utcnow
from fastfm.db.integrity import classify
from fastfm.errors import FastFMError
from fastfm.library import service as library_service
from fastfm.playlists import service as playlist_service
from fastfm.users import repository
from fastfm.users.exceptions import EmailTaken, UsernameTaken, UserNotFound, WrongPassword
from fastfm.users.models import User
from fastfm.users.schemas import PasswordChange, UserCreate, UserUpdate


async def create_user(session: AsyncSession, data: UserCreate, *, is_admin: bool = False) -> User:
    """Create an account; 409 if its email or username is taken."""
    await _ensure_available(session, email=data.email, username=data.username)
    user = User(
        email=data.email,
        username=data.username,
        display_name=data.display_name,
        password_hash=await hash_password(data.password),
        is_admin=is_admin,
        token_version=0,
    )
    repository.add(session, user)
    await _flush_mapping_conflicts(session)
    return user


async def find_by_login(session: AsyncSession, login: str) -> User | None:
    """The account whose username or email is ``login`` (already case-folded), if any."""
    return await repository.get_by_login(session, login)


async def lock_account(session: AsyncSession, user_id: int) -> bool:
    """Take the account's row lock until commit; ``False`` if the account is gone.

    Token changes of one account take it first, so they run one at a time.
    """
    return await repository.lock(session, user_id)


async def current_token_version(session: AsyncSession, user_id: int) -> int | None:
    """The account's token version, read fresh; ``None`` if the account is gone."""
    return await repository.get_token_version(session, user_id)


async def add_to_follower_count(session: AsyncSession, user_id: int, delta: int) -> None:
    """Move the account's ``follower_count`` by ``delta`` (atomically)."""
    await repository.add_to_follower_count(session, user_id, delta)


async def take_back_follows(session: AsyncSession, user_ids: Select[int]) -> None:
    """One follower less for each account in ``user_ids`` (one row each)."""
    await repository.subtract_one_follower(session, user_ids)


async def user_ref(session: AsyncSession, user_id: int) -> tuple[int, str, str | None] | None:
    """The account's id, username and display name; None if it is gone."""
    return await repository.ref(session, user_id)


async def user_refs(
    connection: AsyncConnection, user_ids: Sequence[int]
) -> dict[int, dict[str, Any]]:
    """The public short form of each account still there, by id (one statement)."""
    return await repository.refs(connection, user_ids)


async def get_user(session: AsyncSession, user_id: int) -> User:
    """The account with this id, or 404 ``user_not_found``."""
    user = await repository.get_by_id(session, user_id)
    if user is None:
        raise UserNotFound()
    return user


async def get_user_by_username(session: AsyncSession, username: str) -> User:
    """The account with this username (any case), or 404 ``user_not_found``."""
    user = await repository.get_by_username(session, username.strip().lower())
    if user is None:
        raise UserNotFound()
    return user


async def update_profile(session: AsyncSession, user: User, changes: UserUpdate) -> User:
    """Apply the fields the client sent; 409 if a new email or username is taken."""
    values = changes.model_dump(exclude_unset=True)
    await _ensure_available(
        session,
        email=values.get("email"),
        username=values.get("username"),
        except_id=user.id,
    )
    for name, value in values.items():
        setattr(user, name, value)
    await _flush_mapping_conflicts(session)
    return user


async def change_password(
    session: AsyncSession,
    user: User,
    data: PasswordChange,
    *,
    keep_family: str,
    throttle: LoginThrottle,
    address: str,
) -> None:
    """Set a new password; every login but ``keep_family`` (the caller's) is signed out.

    403 ``wrong_password`` if the current password does not match. A wrong current
    password counts as a failed login of the account (and the address), so a stolen
    access token cannot guess the password faster than the login form: past the limit,
    429 before any password is checked.
    """
    account = account_key(user.id)
    await throttle.ensure_allowed(account, address)
    valid, _ = await verify_password(data.current_password, user.password_hash)
    if not valid:
        await throttle.record_failure(account, address)
        raise WrongPassword()
    user.password_hash = await hash_password(data.new_password)
    # Flushing the account row first takes its lock, so a concurrent refresh of another
    # login (which locks the same row) cannot slip a new token past the revocation.
    await session.flush()
    await auth_service.revoke_logins(session, user.id, utcnow(), except_family=keep_family)


async def promote(session: AsyncSession, username: str) -> User:
    """Make an existing user an admin; 404 if there is no such user."""
    user = await repository.get_by_username(session, username)
    if user is None:
        raise UserNotFound(f"No user named {username.lower()!r}")
    user.is_admin = True
    await session.flush()
    return user


async def delete_account(session: AsyncSession, user: User) -> None:
    """Delete an account and everything that belongs to it.

    The one place account deletion happens: a domain that keeps per-user data and
    needs more than the database's ``ON DELETE CASCADE`` (refresh tokens use that)
    adds its cleanup call here, before the row goes.
    """
    await playlist_service.forget_account(session, user.id)
    await library_service.delete_user_library(session, user.id)
    await repository.delete(session, user)
    await session.flush()


async def _ensure_available(
    session: AsyncSession,
    *,
    email: str | None,
    username: str | None,
    except_id: int | None = None,
) -> None:
    if email is not None and await repository.email_taken(session, email, except_id=except_id):
        raise EmailTaken()
    if username is not None and await repository.username_taken(
        session, username, except_id=except_id
    ):
        raise UsernameTaken()


async def _flush_mapping_conflicts(session: AsyncSession) -> None:
    """Flush; a unique violation from a concurrent writer becomes the specific 409."""
    try:
        await session.flush()
    except IntegrityError as exc:
        conflict = _conflict_for(exc)
        if conflict is None:
            raise
        raise conflict from exc


def _conflict_for(exc: IntegrityError) -> FastFMError | None:
    if classify(exc) != "unique":
        return None
    message = str(exc.orig)
    if "email" in message:
        return EmailTaken()
    if "username" in message:
        return UsernameTaken()
    return None
