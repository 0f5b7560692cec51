"""``fastfm users create|promote``."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Awaitable, Callable
from typing import NoReturn, TypeVar

import typer
from pydantic import ValidationError
from sqlalchemy.ext.asyncio import AsyncSession

from fastfm.auth.security import configure_password_hashing
from fastfm.config import get_settings
from fastfm.db.session import Database
from fastfm.errors import FastFMError
from fastfm.users import service
from fastfm.users.models import User
from fastfm.users.schemas import UserCreate

users_app = typer.Typer(help="Manage user accounts.", no_args_is_help=True)

T = TypeVar("T")


@users_app.command("create")
def create(
    username: str = typer.Option(..., help="3..30 of a-z, 0-9, _ . -"),
    email: str = typer.Option(..., help="The account's email address."),
    display_name: str | None = typer.Option(None, help="Shown instead of the username."),
    admin: bool = typer.Option(False, "--admin", help="Make the account an admin."),
    password_stdin: bool = typer.Option(
        False, "--password-stdin", help="Read the password from standard input."
    ),
) -> None:
    """Create an account (prompts for the password unless --password-stdin)."""
    password = _read_password(password_stdin)
    try:
        data = UserCreate(
            email=email, username=username, password=password, display_name=display_name
        )
    except ValidationError as exc:
        for error in exc.errors():
            field = ".".join(str(part) for part in error["loc"])
            _fail(f"{field}: {error['msg']}")
    user = _run(lambda session: service.create_user(session, data, is_admin=admin))
    role = "admin" if user.is_admin else "user"
    typer.echo(f"Created {role} {user.username!r} (id {user.id}).")


@users_app.command("promote")
def promote(username: str = typer.Argument(..., help="The user to make an admin.")) -> None:
    """Make an existing user an admin."""
    user: User = _run(lambda session: service.promote(session, username))
    typer.echo(f"{user.username!r} is now an admin.")


def _read_password(from_stdin: bool) -> str:
    if not from_stdin:
        password: str = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
        return password
    # One line; only the line break is dropped, spaces are part of the password.
    return sys.stdin.readline().rstrip("\r\n")


def _run(work: Callable[[AsyncSession], Awaitable[T]]) -> T:
    """Run ``work`` in one committed transaction; a FastFM error exits with status 1."""
    try:
        return asyncio.run(_in_transaction(work))
    except FastFMError as exc:
        _fail(exc.detail)


async def _in_transaction(work: Callable[[AsyncSession], Awaitable[T]]) -> T:
    settings = get_settings()
    configure_password_hashing(settings)
    database = Database(settings.resolved_database_url, pool_size=1)
    try:
        async with database.sessionmaker() as session, session.begin():
            return await work(session)
    finally:
        await database.dispose()


def _fail(message: str) -> NoReturn:
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(code=1)
