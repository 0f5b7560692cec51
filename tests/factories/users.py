"""Accounts for tests: register and log in through the API, or make an admin directly.

Other domains' tests use these::

    alice = await register_and_login(client, "alice")
    await client.get("/api/v1/me", headers=alice.headers)

    admin = await register_admin(client, profile)         # an admin with fresh tokens
    await client.post("/api/v1/artists", json=..., headers=admin.headers)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from httpx import AsyncClient, Response
from sqlalchemy import update

from fastfm.users.models import User
from tests.conftest import Profile

DEFAULT_PASSWORD = "correct horse battery staple"


@dataclass
class AuthedUser:
    """A registered, logged-in user: who it is and the tokens of its login."""

    id: int
    username: str
    email: str
    password: str
    access_token: str
    refresh_token: str
    me: dict[str, Any] = field(default_factory=dict)

    @property
    def headers(self) -> dict[str, str]:
        """``Authorization: Bearer …`` for this user's access token."""
        return {"Authorization": f"Bearer {self.access_token}"}


def email_for(username: str) -> str:
    return f"{username}@example.com"


async def register(
    client: AsyncClient,
    username: str = "alice",
    *,
    email: str | None = None,
    password: str = DEFAULT_PASSWORD,
    display_name: str | None = None,
) -> dict[str, Any]:
    """Register through the API and return the Me body (asserts a 201)."""
    body: dict[str, Any] = {
        "email": email or email_for(username),
        "username": username,
        "password": password,
    }
    if display_name is not None:
        body["display_name"] = display_name
    response = await client.post("/api/v1/auth/register", json=body)
    assert response.status_code == 201, response.text
    me: dict[str, Any] = response.json()
    return me


async def login_response(client: AsyncClient, username: str, password: str) -> Response:
    """``POST /auth/login`` with the OAuth2 password form, whatever the outcome."""
    return await client.post(
        "/api/v1/auth/login", data={"username": username, "password": password}
    )


async def login(client: AsyncClient, username: str, password: str = DEFAULT_PASSWORD) -> Any:
    """Log in and return the Tokens body (asserts a 200)."""
    response = await login_response(client, username, password)
    assert response.status_code == 200, response.text
    return response.json()


async def refresh_response(client: AsyncClient, refresh_token: str) -> Response:
    return await client.post("/api/v1/auth/refresh", json={"refresh_token": refresh_token})


async def register_and_login(
    client: AsyncClient,
    username: str = "alice",
    *,
    email: str | None = None,
    password: str = DEFAULT_PASSWORD,
    display_name: str | None = None,
) -> AuthedUser:
    """A new account, logged in once."""
    me = await register(client, username, email=email, password=password, display_name=display_name)
    tokens = await login(client, username, password)
    return AuthedUser(
        id=me["id"],
        username=me["username"],
        email=me["email"],
        password=password,
        access_token=tokens["access_token"],
        refresh_token=tokens["refresh_token"],
        me=me,
    )


async def make_admin(profile: Profile, user_id: int) -> None:
    """Give an existing account admin rights, straight in the database (committed)."""
    async with profile.session() as session, session.begin():
        await session.execute(update(User).where(User.id == user_id).values(is_admin=True))


async def register_admin(
    client: AsyncClient, profile: Profile, username: str = "admin"
) -> AuthedUser:
    """A new admin account, logged in. Admin rights are checked per request, so the
    tokens from before the promotion work as an admin's."""
    user = await register_and_login(client, username)
    await make_admin(profile, user.id)
    user.me["is_admin"] = True
    return user
