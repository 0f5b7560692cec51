"""Structured logs of a real server: one JSON object a line, and never a secret."""

from __future__ import annotations

import json
import logging
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from fastfm.observability.logging import REDACTED, configure_logging
from tests.conftest import Profile
from tests.factories.users import DEFAULT_PASSWORD
from tests.server import running_server, server_log

PASSWORD = "an unguessable passphrase 9f3a"
NEW_PASSWORD = "another unguessable passphrase 41c7"


def json_lines(text: str) -> list[dict[str, Any]]:
    lines = [line for line in text.splitlines() if line.strip()]
    parsed = []
    for line in lines:
        parsed.append(json.loads(line))  # every line is JSON, or this fails
    return parsed


async def test_a_whole_login_leaves_no_secret_in_the_logs(profile: Profile, app: FastAPI) -> None:
    """(``app``: the database is emptied afterwards.)"""
    env = {"FASTFM_LOG_LEVEL": "INFO", "FASTFM_LOG_FORMAT": "json"}
    secrets: list[str] = [PASSWORD, NEW_PASSWORD, profile.settings.signing_key()]
    async with running_server(profile.settings, workers=1, cli=True, env=env) as base_url:  # noqa: SIM117
        async with httpx.AsyncClient(base_url=base_url, timeout=30) as http:
            body = {"email": "ada@example.com", "username": "ada", "password": PASSWORD}
            registered = await http.post("/api/v1/auth/register", json=body)
            assert registered.status_code == 201
            user_id = registered.json()["id"]
            wrong = await http.post(
                "/api/v1/auth/login", data={"username": "ada", "password": DEFAULT_PASSWORD}
            )
            assert wrong.status_code == 401
            login = await http.post(
                "/api/v1/auth/login",
                data={"username": "ada", "password": PASSWORD},
                headers={"X-Request-ID": "login-req-1"},
            )
            assert login.status_code == 200
            tokens = login.json()
            secrets += [tokens["access_token"], tokens["refresh_token"]]
            refreshed = await http.post(
                "/api/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]}
            )
            assert refreshed.status_code == 200
            fresh = refreshed.json()
            secrets += [fresh["access_token"], fresh["refresh_token"]]
            auth = {"Authorization": f"Bearer {fresh['access_token']}"}
            me = await http.get("/api/v1/me", headers=auth)
            assert me.status_code == 200
            changed = await http.put(
                "/api/v1/me/password",
                json={"current_password": PASSWORD, "new_password": NEW_PASSWORD},
                headers=auth,
            )
            assert changed.status_code in (200, 204)
            relogin = await http.post(
                "/api/v1/auth/login", data={"username": "ada", "password": NEW_PASSWORD}
            )
            assert relogin.status_code == 200
            last = relogin.json()
            secrets += [last["access_token"], last["refresh_token"]]
            logout = await http.post(
                "/api/v1/auth/logout",
                json={"refresh_token": last["refresh_token"]},
                headers={"Authorization": f"Bearer {last['access_token']}"},
            )
            assert logout.status_code == 204
    text = server_log(profile.settings, base_url)
    for secret in secrets:
        assert secret not in text
    records = json_lines(text)
    requests = [r for r in records if r.get("event") == "request"]
    assert len(requests) >= 8
    for record in requests:
        assert {"time", "level", "request_id", "method", "route", "status", "duration_ms"} <= set(
            record
        )
        assert record["route"].startswith(("/api/v1/", "/readyz"))
    by_id = {r["request_id"]: r for r in requests}
    assert by_id["login-req-1"]["route"] == "/api/v1/auth/login"
    assert by_id["login-req-1"]["status"] == 200
    me_line = next(r for r in requests if r["route"] == "/api/v1/me")
    assert me_line["user_id"] == user_id
    assert me_line["method"] == "GET"
    assert isinstance(me_line["duration_ms"], float | int)
    # uvicorn's own lines come out as JSON too.
    assert any(r.get("logger", "").startswith("uvicorn") for r in records)


def test_console_format_and_redaction(capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging("INFO", "console")
    try:
        logging.getLogger("sqlalchemy.engine").warning(
            "connect failed: password=hunter2 Bearer abc.def.ghi"
        )
        import structlog

        structlog.get_logger("fastfm.test").info("hello", refresh_token="r3fr3sh", user_id=7)
        err = capsys.readouterr().err
        assert "hunter2" not in err
        assert "abc.def.ghi" not in err
        assert "r3fr3sh" not in err
        assert REDACTED in err
        assert "hello" in err
        assert not err.lstrip().startswith("{")  # readable, not JSON
    finally:
        configure_logging("INFO", "json")


def test_log_time_is_iso_8601_utc_to_the_microsecond() -> None:
    from datetime import UTC, datetime

    from fastfm.observability.logging import add_utc_time

    before = datetime.now(UTC)
    stamped = add_utc_time(None, "info", {})["time"]
    after = datetime.now(UTC)
    assert stamped.endswith("Z")
    assert len(stamped) == len("2026-12-03T13:50:07.123456Z")
    parsed = datetime.fromisoformat(stamped.replace("Z", "+00:00"))
    assert before.replace(microsecond=0) <= parsed <= after
    # Lines within one second share its formatted prefix, and still tell their order.
    assert add_utc_time(None, "info", {})["time"] >= stamped


@pytest.mark.parametrize(
    "text",
    [
        "Authorization: Bearer abc.def.ghi",
        "token=t0k3n-value",
        "PASSWORD: hunter2",
        "secret = s3cr3t",
        "jwt eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl",
    ],
)
def test_secrets_inside_text_are_redacted_whatever_their_case(text: str) -> None:
    from fastfm.observability.logging import redact

    line = redact(None, "info", {"event": text, "detail": text.upper()})
    for value in line.values():
        assert REDACTED in value
    for secret in ("abc.def.ghi", "t0k3n-value", "hunter2", "s3cr3t", "c2lnbmF0dXJl"):
        assert secret not in line["event"]


def test_text_without_secrets_is_kept_as_it_is() -> None:
    from fastfm.observability.logging import redact

    line = {"event": "request", "route": "/api/v1/songs/{song_id}", "method": "GET"}
    assert redact(None, "info", dict(line)) == line
