"""SIGTERM to ``fastfm serve`` with party members connected: each gets a close frame
with 1012 (Service Restart) before the process exits, not a dropped connection."""

from __future__ import annotations

import asyncio
import os
import signal
import time
from typing import Any

import httpx
from fastapi import FastAPI

from fastfm.parties.hub import CLOSE_SERVICE_RESTART
from tests.conftest import Profile
from tests.factories.users import AuthedUser
from tests.parties.conftest import SERVER_ENV
from tests.parties.sockets import closed, members, receive_state, send, start
from tests.server import PROCESSES, assert_not_answering, running_server

# Far below the 25 s that requests in flight may take: open sockets do not hold it up.
EXIT_WITHIN_SECONDS = 15.0


async def test_sigterm_closes_party_sockets_with_service_restart(
    profile: Profile,
    app: FastAPI,
    host: AuthedUser,
    friend: AuthedUser,
    playlist: dict[str, Any],
) -> None:
    # SQLite's party bus is in-process, so its members must share one process; under one
    # process uvicorn ends by re-raising the SIGTERM it handled (after a clean shutdown).
    workers, clean_exit = (1, -signal.SIGTERM) if profile.name == "sqlite" else (2, 0)
    async with running_server(profile.settings, workers=workers, cli=True, env=SERVER_ENV) as url:
        process = PROCESSES[url]
        async with httpx.AsyncClient(base_url=url, timeout=10.0) as http:
            party = await start(http, host, playlist["id"])
        tokens = (host.access_token, friend.access_token, friend.access_token)
        async with members(url, party["id"], *tokens) as sockets:
            await send(sockets[0], {"type": "play"})
            for ws in sockets:
                assert (await receive_state(ws))["is_playing"]  # every socket is live
            began = time.monotonic()
            os.killpg(process.pid, signal.SIGTERM)
            outcomes = await asyncio.gather(*(closed(ws) for ws in sockets))
            exit_code = await asyncio.to_thread(process.wait, EXIT_WITHIN_SECONDS)
            took = time.monotonic() - began
        for ws, (code, messages) in zip(sockets, outcomes, strict=True):
            assert code == CLOSE_SERVICE_RESTART  # a close frame, not a dropped connection
            assert ws.close_code == CLOSE_SERVICE_RESTART
            assert messages == []  # nothing else arrived after the play
        assert exit_code == clean_exit
        assert took < EXIT_WITHIN_SECONDS
        await assert_not_answering(url)
