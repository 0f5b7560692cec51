"""Loaders for routes that take a user id in the path."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Path

from fastfm.db.session import SessionDep
from fastfm.kit.ids import IdPath
from fastfm.users import service
from fastfm.users.models import User

UserIdPath = Annotated[IdPath, Path(description="A user's id")]


async def valid_user_id(user_id: UserIdPath, session: SessionDep) -> User:
    """The user named in the path; 404 ``user_not_found`` if there is none."""
    return await service.get_user(session, user_id)


UserById = Annotated[User, Depends(valid_user_id)]
