"""``/me/liked/shuffle[/next]``: the same shuffle over the caller's liked songs."""

from __future__ import annotations

from collections.abc import Sequence

from httpx import AsyncClient

from tests.conftest import Profile
from tests.factories.users import AuthedUser
from tests.shuffle.helpers import Body, adjacent_same_artist, interleaved, songs_by_artist

LIKED = "/api/v1/me/liked/shuffle"


async def like(client: AsyncClient, user: AuthedUser, songs: Sequence[int]) -> None:
    for song_id in songs:
        response = await client.post(f"/api/v1/me/liked/{song_id}", headers=user.headers)
        assert response.status_code == 201, response.text


async def unlike(client: AsyncClient, user: AuthedUser, songs: Sequence[int]) -> None:
    for song_id in songs:
        response = await client.delete(f"/api/v1/me/liked/{song_id}", headers=user.headers)
        assert response.status_code == 204, response.text


async def liked_order(client: AsyncClient, user: AuthedUser) -> list[int]:
    """The caller's liked songs as ``GET /me/liked`` lists them (newest first)."""
    response = await client.get("/api/v1/me/liked", params={"limit": 100}, headers=user.headers)
    assert response.status_code == 200
    return [item["song"]["id"] for item in response.json()["items"]]


async def take_liked(client: AsyncClient, user: AuthedUser, count: int) -> list[Body]:
    bodies: list[Body] = []
    for _ in range(count):
        response = await client.get(f"{LIKED}/next", headers=user.headers)
        assert response.status_code == 200, response.text
        bodies.append(response.json())
    return bodies


def ids(bodies: Sequence[Body]) -> list[int]:
    return [body["song"]["id"] for body in bodies]


class TestLikedNext:
    async def test_plays_every_liked_song_once_per_cycle_with_artists_apart(
        self, client: AsyncClient, profile: Profile, listener: AuthedUser
    ) -> None:
        songs = interleaved(await songs_by_artist(profile, [3, 3, 2]))
        await like(client, listener, songs)
        listed = await liked_order(client, listener)

        cycle = await take_liked(client, listener, 8)

        assert sorted(ids(cycle)) == sorted(songs)
        assert adjacent_same_artist(cycle) == 0
        assert [b["remaining_in_cycle"] for b in cycle] == list(range(8))[::-1]
        for body in cycle:
            assert body["position"] == listed.index(body["song"]["id"])
            assert body["cycle"] == 1
        following = await take_liked(client, listener, 1)
        assert following[0]["cycle"] == 2
        assert following[0]["song"]["id"] != cycle[-1]["song"]["id"]

    async def test_no_liked_songs_is_204(self, client: AsyncClient, listener: AuthedUser) -> None:
        response = await client.get(f"{LIKED}/next", headers=listener.headers)
        assert response.status_code == 204
        view = await client.get(LIKED, headers=listener.headers)
        assert (view.json()["played"], view.json()["remaining_in_cycle"]) == (0, 0)

    async def test_likes_and_unlikes_mid_cycle(
        self, client: AsyncClient, profile: Profile, listener: AuthedUser
    ) -> None:
        first, later = await songs_by_artist(profile, [4, 3])
        await like(client, listener, first)
        before = await take_liked(client, listener, 1)
        dropped = [s for s in first if s != before[0]["song"]["id"]][:2]

        await unlike(client, listener, dropped)
        await like(client, listener, later)
        listed = await liked_order(client, listener)
        rest = await take_liked(client, listener, 4)

        assert not set(ids(rest)) & set(dropped)
        assert sorted(ids(before + rest)) == sorted(listed)
        assert [b["cycle"] for b in rest] == [1] * 4
        assert [b["remaining_in_cycle"] for b in rest] == [3, 2, 1, 0]
        for body in rest:
            assert body["position"] == listed.index(body["song"]["id"])

    async def test_each_user_shuffles_their_own_likes_the_same_seed_alike(
        self, client: AsyncClient, profile: Profile, listener: AuthedUser, stranger: AuthedUser
    ) -> None:
        songs = interleaved(await songs_by_artist(profile, [3, 3, 3]))
        orders = []
        for user in (listener, stranger):
            await like(client, user, songs)
            started = await client.post(LIKED, json={"seed": 9}, headers=user.headers)
            assert started.status_code == 201
            assert started.headers["location"] == LIKED
            orders.append(ids(await take_liked(client, user, 9)))
        assert orders[0] == orders[1]
        await unlike(client, stranger, songs)
        assert (await client.get(f"{LIKED}/next", headers=stranger.headers)).status_code == 204
        assert (await take_liked(client, listener, 1))[0]["cycle"] == 2


class TestLikedSession:
    async def test_start_inspect_and_stop(
        self, client: AsyncClient, profile: Profile, listener: AuthedUser
    ) -> None:
        (songs,) = await songs_by_artist(profile, [12])
        await like(client, listener, songs)
        missing = await client.get(LIKED, headers=listener.headers)
        assert missing.status_code == 404
        assert missing.json()["code"] == "shuffle_session_not_found"

        started = await client.post(LIKED, json={"mode": "random"}, headers=listener.headers)
        assert started.status_code == 201
        body = started.json()
        assert (body["mode"], body["cycle"], body["played"]) == ("random", 1, 0)
        upcoming = [song["id"] for song in body["upcoming"]]
        assert ids(await take_liked(client, listener, 10)) == upcoming

        stopped = await client.delete(LIKED, headers=listener.headers)
        assert stopped.status_code == 204
        assert (await client.get(LIKED, headers=listener.headers)).status_code == 404

    async def test_requires_a_bearer_token(self, client: AsyncClient) -> None:
        for method, path in (("GET", f"{LIKED}/next"), ("GET", LIKED), ("DELETE", LIKED)):
            response = await client.request(method, path)
            assert response.status_code == 401
            assert response.json()["code"] == "not_authenticated"
        assert (await client.post(LIKED, json={})).status_code == 401

    async def test_rejects_unknown_fields(self, client: AsyncClient, listener: AuthedUser) -> None:
        response = await client.post(LIKED, json={"user_id": 3}, headers=listener.headers)
        assert response.status_code == 422
