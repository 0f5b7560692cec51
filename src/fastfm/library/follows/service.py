"""Following artists and users, keeping their ``follower_count`` exact."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from fastfm.catalog.artists import service as artist_service
from fastfm.catalog.exceptions import ArtistNotFound
from fastfm.kit.pagination import Page, PageParams
from fastfm.library import bodies
from fastfm.library.exceptions import CannotFollowSelf
from fastfm.library.follows import repository
from fastfm.library.follows.schemas import FollowedArtist, FollowedUser
from fastfm.library.lookups import artist_exists, user_exists
from fastfm.users import service as user_service
from fastfm.users.exceptions import UserNotFound
from fastfm.users.models import User


async def follow_artist(session: AsyncSession, user: User, artist_id: int) -> None:
    """Follow an artist (idempotent); 404 ``artist_not_found``."""
    await _require_artist(session, artist_id)
    if await repository.follow_artist(session, user.id, artist_id):
        await artist_service.add_to_follower_count(session, artist_id, 1)


async def unfollow_artist(session: AsyncSession, user: User, artist_id: int) -> None:
    """Stop following an artist (idempotent); 404 ``artist_not_found``."""
    await _require_artist(session, artist_id)
    if await repository.unfollow_artist(session, user.id, artist_id):
        await artist_service.add_to_follower_count(session, artist_id, -1)


async def follow_user(session: AsyncSession, user: User, followee_id: int) -> None:
    """Follow another user (idempotent); 422 for yourself, 404 ``user_not_found``."""
    if followee_id == user.id:
        raise CannotFollowSelf(followee_id)
    await _require_user(session, followee_id)
    if await repository.follow_user(session, user.id, followee_id):
        await user_service.add_to_follower_count(session, followee_id, 1)


async def unfollow_user(session: AsyncSession, user: User, followee_id: int) -> None:
    """Stop following a user (idempotent; yourself is a no-op); 404 ``user_not_found``."""
    if followee_id == user.id:
        return
    await _require_user(session, followee_id)
    if await repository.unfollow_user(session, user.id, followee_id):
        await user_service.add_to_follower_count(session, followee_id, -1)


async def list_followed_artists(
    session: AsyncSession, user: User, params: PageParams
) -> Page[FollowedArtist]:
    """The artists the user follows, most recently followed first."""
    total = await repository.count_followed_artists(session, user.id)
    ids = await repository.page_of_followed_artists(session, user.id, params.limit, params.offset)
    artists = await bodies.artists_by_id(session, ids)
    return params.page([artists[i] for i in ids if i in artists], total)


async def list_followed_users(
    session: AsyncSession, user: User, params: PageParams
) -> Page[FollowedUser]:
    """The users the user follows, most recently followed first."""
    total = await repository.count_followed_users(session, user.id)
    users = await repository.page_of_followed_users(session, user.id, params.limit, params.offset)
    return params.page([FollowedUser.model_validate(u) for u in users], total)


async def _require_artist(session: AsyncSession, artist_id: int) -> None:
    if not await artist_exists(session, artist_id):
        raise ArtistNotFound()


async def _require_user(session: AsyncSession, user_id: int) -> None:
    if not await user_exists(session, user_id):
        raise UserNotFound()
