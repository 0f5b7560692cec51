"""The signed-in account (``/me``) and public profiles (``/users``)."""

from __future__ import annotations

from fastapi import APIRouter

me_router = APIRouter(prefix="/me", tags=["me"])
users_router = APIRouter(prefix="/users", tags=["users"])
