"""``fastfm users create`` and ``fastfm users promote`` against the profile's database."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import anyio
import pytest
from httpx import AsyncClient
from typer.testing import CliRunner, Result

from fastfm.cli import app as cli
from fastfm.config import get_settings
from tests.auth import db
from tests.cli_runner import run_cli
from tests.conftest import Profile
from tests.factories.users import DEFAULT_PASSWORD, login_response, register


def create_args(*extra: str, username: str = "root", email: str | None = None) -> list[str]:
    return [
        "users",
        "create",
        "--username",
        username,
        "--email",
        email or f"{username}@example.com",
        "--password-stdin",
        *extra,
    ]


@pytest.mark.usefixtures("fresh_settings", "app")
class TestCreateUser:
    async def test_creates_an_admin_who_can_log_in(
        self, client: AsyncClient, profile: Profile, tmp_path: Path
    ) -> None:
        result = await run_cli(
            profile,
            tmp_path,
            create_args("--admin", "--display-name", "The Root"),
            stdin=DEFAULT_PASSWORD + "\n",
        )
        assert result.exit_code == 0, result.output
        assert "Created admin 'root'" in result.output
        [user] = await db.users(profile)
        assert (user.username, user.email, user.display_name) == (
            "root",
            "root@example.com",
            "The Root",
        )
        assert user.is_admin is True
        tokens = (await login_response(client, "root", DEFAULT_PASSWORD)).json()
        me = await client.get(
            "/api/v1/me", headers={"Authorization": f"Bearer {tokens['access_token']}"}
        )
        assert me.json()["is_admin"] is True

    async def test_without_admin_creates_a_plain_user(
        self, profile: Profile, tmp_path: Path
    ) -> None:
        result = await run_cli(profile, tmp_path, create_args(), stdin=DEFAULT_PASSWORD + "\n")
        assert result.exit_code == 0, result.output
        [user] = await db.users(profile)
        assert user.is_admin is False

    async def test_username_and_email_are_lowercased(
        self, profile: Profile, tmp_path: Path
    ) -> None:
        result = await run_cli(profile, tmp_path, create_args(username="Root"), DEFAULT_PASSWORD)
        assert result.exit_code == 0, result.output
        [user] = await db.users(profile)
        assert (user.username, user.email) == ("root", "root@example.com")

    async def test_without_password_stdin_it_prompts_twice(
        self, client: AsyncClient, profile: Profile, tmp_path: Path
    ) -> None:
        args = create_args()
        args.remove("--password-stdin")
        typed = f"{DEFAULT_PASSWORD}\n{DEFAULT_PASSWORD}\n"
        result = await run_cli(profile, tmp_path, args, stdin=typed)
        assert result.exit_code == 0, result.output
        assert DEFAULT_PASSWORD not in result.output
        assert (await login_response(client, "root", DEFAULT_PASSWORD)).status_code == 200

    @pytest.mark.parametrize(
        ("args", "stdin", "message"),
        [
            (create_args(), "short\n", "password"),
            (create_args(), "", "password"),
            (create_args(), "p" * 129 + "\n", "password"),
            (
                create_args(username="no spaces", email="ns@example.com"),
                DEFAULT_PASSWORD,
                "username",
            ),
            (create_args(email="nope"), DEFAULT_PASSWORD, "email"),
        ],
        ids=["short-password", "no-password", "long-password", "bad-username", "bad-email"],
    )
    async def test_invalid_input_exits_1_and_creates_nothing(
        self, profile: Profile, tmp_path: Path, args: list[str], stdin: str, message: str
    ) -> None:
        result = await run_cli(profile, tmp_path, args, stdin=stdin)
        assert result.exit_code == 1
        assert message in result.output
        assert await db.user_count(profile) == 0

    async def test_a_taken_username_exits_1(
        self, client: AsyncClient, profile: Profile, tmp_path: Path
    ) -> None:
        await register(client, "root", email="someone@example.com")
        result = await run_cli(profile, tmp_path, create_args(), stdin=DEFAULT_PASSWORD)
        assert result.exit_code == 1
        assert "username is taken" in result.output
        assert await db.user_count(profile) == 1


@pytest.mark.usefixtures("fresh_settings", "app")
class TestPromoteUser:
    async def test_makes_an_existing_user_an_admin(
        self, client: AsyncClient, profile: Profile, tmp_path: Path
    ) -> None:
        me = await register(client, "ada")
        result = await run_cli(profile, tmp_path, ["users", "promote", "ADA"])
        assert result.exit_code == 0, result.output
        assert "'ada' is now an admin" in result.output
        user = await db.get_user(profile, me["id"])
        assert user is not None
        assert user.is_admin is True

    async def test_an_unknown_user_exits_1_with_a_message(
        self, client: AsyncClient, profile: Profile, tmp_path: Path
    ) -> None:
        await register(client, "ada")
        result = await run_cli(profile, tmp_path, ["users", "promote", "nobody"])
        assert result.exit_code == 1
        assert "No user named 'nobody'" in result.output
        [user] = await db.users(profile)
        assert user.is_admin is False


class TestMigratedSqliteFile:
    """The CLI on a fresh SQLite file migrated by ``fastfm db upgrade``, as an operator runs it."""

    @pytest.mark.usefixtures("fresh_settings")
    async def test_upgrade_then_create_then_promote(self, tmp_path: Path) -> None:
        url = f"sqlite+aiosqlite:///{(tmp_path / 'ops.db').as_posix()}"
        env = {"FASTFM_DATABASE_URL": url, "FASTFM_DATA_DIR": str(tmp_path)}
        runner = CliRunner()

        def invoke(args: list[str], stdin: str | None = None) -> Result:
            get_settings.cache_clear()
            return runner.invoke(cli, args, input=stdin, env=env)

        steps = [
            (["db", "upgrade"], None),
            (create_args(), DEFAULT_PASSWORD),
            (["users", "promote", "root"], None),
        ]
        for args, stdin in steps:
            result = await anyio.to_thread.run_sync(partial(invoke, args, stdin))
            assert result.exit_code == 0, (args, result.output)
        assert "'root' is now an admin" in result.output
