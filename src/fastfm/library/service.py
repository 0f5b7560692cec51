"""What the library does when an account goes."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from fastfm.catalog.artists import service as artist_service
from fastfm.catalog.songs import service as song_service
from fastfm.library import repository
from fastfm.users import service as user_service


async def delete_user_library(session: AsyncSession, user_id: int) -> None:
    """Remove a user's likes, plays and follows (both ways) and what they added to counters.

    The account row is locked first and held until commit: every like, play or follow by
    or of the user checks its foreign key with a share lock on that row, so none can slip
    in between the counts taken back and the rows deleted. (SQLite runs one writer at a
    time anyway.)
    """
    await user_service.lock_account(session, user_id)
    await song_service.take_back_likes(session, repository.liked_song_ids(user_id))
    await song_service.take_back_plays(session, repository.plays_per_song(user_id))
    await artist_service.take_back_follows(session, repository.followed_artist_ids(user_id))
    await user_service.take_back_follows(session, repository.followed_user_ids(user_id))
    await repository.delete_rows(session, user_id)
