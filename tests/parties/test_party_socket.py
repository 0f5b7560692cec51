"""WS /api/v1/parties/{id}/ws over a real server: state, controls, refusals, endings."""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import Any

from httpx import AsyncClient

from tests.factories.users import AuthedUser
from tests.parties.conftest import ALLOWED_ORIGIN, Scene
from tests.parties.sockets import (
    closed,
    drain,
    joined,
    quiet,
    receive,
    receive_state,
    refused,
    send,
    start,
)


def moment(state: dict[str, Any]) -> float:
    return datetime.fromisoformat(state["server_time"]).timestamp()


class TestState:
    async def test_state_on_join_then_on_every_change(self, scene: Scene, songs: list[int]) -> None:
        party = await scene.start()
        async with (
            joined(scene.server, party["id"], scene.host.access_token) as h,
            joined(scene.server, party["id"], scene.friend.access_token) as f,
        ):
            for ws in (h, f):
                first = await receive_state(ws)
                assert first["song"] is None
                assert (first["position_ms"], first["is_playing"]) == (0, False)
                assert abs(moment(first) - datetime.now().timestamp()) < 5
            await send(h, {"type": "play"})
            for ws in (h, f):
                state = await receive_state(ws)
                assert state["song"]["id"] == songs[0]
                assert state["song"]["duration_ms"] == 60_000
                assert state["is_playing"] is True
                assert 0 <= state["position_ms"] < 1000
            await send(h, {"type": "seek", "position_ms": 30_000})
            seeked = [await receive_state(ws) for ws in (h, f)]
            assert {s["position_ms"] for s in seeked} == {30_000}
            await send(h, {"type": "pause"})
            paused = [await receive_state(ws) for ws in (h, f)]
            assert all(not s["is_playing"] and s["position_ms"] >= 30_000 for s in paused)
            for expected in (songs[1], songs[2], songs[0]):  # in order, then from the top
                await send(h, {"type": "next"})
                for ws in (h, f):
                    state = await receive_state(ws)
                    assert state["song"]["id"] == expected
                    assert (state["position_ms"], state["is_playing"]) == (0, False)

    async def test_position_follows_server_time_for_a_late_joiner(self, scene: Scene) -> None:
        party = await scene.start()
        async with scene.members(party["id"], scene.host) as (h,):
            await send(h, {"type": "seek", "position_ms": 0})
            assert (await receive(h))["code"] == "nothing_playing"
            await send(h, {"type": "play"})
            started = await receive_state(h)
            await asyncio.sleep(0.6)
            async with joined(scene.server, party["id"], scene.friend.access_token) as f:
                late = await receive_state(f)
        elapsed_ms = (moment(late) - moment(started)) * 1000
        assert late["is_playing"] is True
        assert elapsed_ms >= 500
        assert abs(late["position_ms"] - started["position_ms"] - elapsed_ms) < 20

    async def test_next_follows_the_hosts_shuffle_session(
        self,
        live: AsyncClient,
        party_server: str,
        host: AuthedUser,
        playlist: dict[str, Any],
    ) -> None:
        session = await live.post(
            f"/api/v1/playlists/{playlist['id']}/shuffle",
            json={"mode": "random", "seed": 7},
            headers=host.headers,
        )
        assert session.status_code == 201
        expected = [song["id"] for song in session.json()["upcoming"]][:3]
        party = await start(live, host, playlist["id"])
        async with joined(party_server, party["id"], host.access_token) as h:
            await receive_state(h)
            played = []
            for _ in expected:
                await send(h, {"type": "next"})
                played.append((await receive_state(h))["song"]["id"])
        assert played == expected
        after = await live.get(f"/api/v1/playlists/{playlist['id']}/shuffle", headers=host.headers)
        assert after.json()["played"] == 3


class TestControls:
    async def test_only_the_host_controls(self, scene: Scene) -> None:
        party = await scene.start()
        async with scene.members(party["id"]) as (h, f):
            for control in ({"type": "play"}, {"type": "next"}, {"type": "pause"}):
                await send(f, control)
                error = await receive(f)
                assert (error["type"], error["code"]) == ("error", "not_party_host")
            assert await quiet(h)
            async with joined(scene.server, party["id"], scene.friend.access_token) as again:
                unchanged = await receive_state(again)
            assert (unchanged["song"], unchanged["is_playing"]) == (None, False)

    async def test_malformed_and_out_of_range_messages(self, scene: Scene) -> None:
        party = await scene.start()
        async with scene.members(party["id"], scene.host) as (h,):
            await send(h, {"type": "play"})
            await receive_state(h)
            for bad in (
                "not json",
                '{"type": "dance"}',
                '{"type": "seek"}',
                '{"type": "seek", "position_ms": -1}',
                '{"type": "play", "extra": 1}',
                "[]",
            ):
                await h.send(bad)
                assert (await receive(h))["code"] == "invalid_message", bad
            await send(h, {"type": "seek", "position_ms": 60_001})
            assert (await receive(h))["code"] == "position_out_of_range"

    async def test_message_rate_is_capped(self, scene: Scene) -> None:
        party = await scene.start()
        async with scene.members(party["id"], scene.host) as (h,):
            await send(h, {"type": "next"})
            await receive_state(h)  # paused at 0: a seek's position is exact
            for second in range(1, 31):
                await send(h, {"type": "seek", "position_ms": second * 1000})
            replies = await drain(h)
            async with joined(scene.server, party["id"], scene.host.access_token) as again:
                final = await receive_state(again)
        errors = [r for r in replies if r["type"] == "error"]
        assert errors
        assert {e["code"] for e in errors} == {"rate_limited"}
        # A burst of 10 (bar the next), plus what 5 a second refilled meanwhile.
        assert 9_000 <= final["position_ms"] <= 14_000

    async def test_oversized_message_closes_with_1009(self, scene: Scene) -> None:
        party = await scene.start()
        async with scene.members(party["id"], scene.host) as (h,):
            await h.send('{"type": "play", "pad": "' + "x" * 2000 + '"}')
            code, _ = await closed(h)
        assert code == 1009


class TestHandshake:
    async def test_refusals_close_before_any_state(self, scene: Scene) -> None:
        live, host, friend = scene.live, scene.host, scene.friend
        party = await scene.start()
        private = await live.post("/api/v1/playlists", json={"name": "Mine"}, headers=host.headers)
        hidden = await start(live, host, private.json()["id"])
        url = scene.server
        assert await refused(url, party["id"], None) == (4401, [])
        assert await refused(url, party["id"], "not-a-token") == (4401, [])
        assert await refused(url, party["id"], host.refresh_token) == (4401, [])
        assert await refused(url, hidden["id"], friend.access_token) == (4403, [])
        assert await refused(url, 999_999, friend.access_token) == (4403, [])
        evil = "https://evil.example"
        assert await refused(url, party["id"], friend.access_token, origin=evil) == (4403, [])

    async def test_allowed_and_same_origins(
        self, live: AsyncClient, party_server: str, friend: AuthedUser, playlist: dict[str, Any]
    ) -> None:
        party = await start(live, friend, playlist["id"])
        for origin in (ALLOWED_ORIGIN, party_server):
            async with joined(party_server, party["id"], friend.access_token, origin=origin) as ws:
                assert (await receive(ws))["type"] == "state"

    async def test_revoked_token_is_refused(
        self, live: AsyncClient, party_server: str, friend: AuthedUser, playlist: dict[str, Any]
    ) -> None:
        party = await start(live, friend, playlist["id"])
        response = await live.post("/api/v1/auth/logout-all", headers=friend.headers)
        assert response.status_code == 204
        assert await refused(party_server, party["id"], friend.access_token) == (4401, [])
