"""``/me/following/artists`` and ``/me/following/users``: idempotent follows, exact counts."""

from __future__ import annotations

from httpx import AsyncClient

from fastfm.library.follows.models import ArtistFollow, UserFollow
from tests.conftest import Profile
from tests.factories.library import (
    API,
    add_artist,
    artist_follower_count,
    count_rows,
    follow_artist,
    follow_user,
    user_follower_count,
)
from tests.factories.users import register_and_login


class TestFollowArtist:
    async def test_follow_is_204_and_counts_once(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        alice = await register_and_login(client, "alice")
        artist = await add_artist(profile)
        url = f"{API}/me/following/artists/{artist}"

        first = await client.put(url, headers=alice.headers)
        again = await client.put(url, headers=alice.headers)

        assert (first.status_code, again.status_code) == (204, 204)
        assert first.content == b""
        assert await count_rows(profile, ArtistFollow) == 1
        assert await artist_follower_count(profile, artist) == 1

    async def test_followers_of_one_artist_add_up(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        alice = await register_and_login(client, "alice")
        bob = await register_and_login(client, "bob")
        artist = await add_artist(profile)

        await follow_artist(client, alice, artist)
        await follow_artist(client, bob, artist)

        assert await artist_follower_count(profile, artist) == 2
        response = await client.get(f"{API}/artists/{artist}")
        assert response.json()["follower_count"] == 2

    async def test_unknown_artist_is_404(self, client: AsyncClient, profile: Profile) -> None:
        alice = await register_and_login(client, "alice")

        for missing in (12345,):
            put = await client.put(f"{API}/me/following/artists/{missing}", headers=alice.headers)
            delete = await client.delete(
                f"{API}/me/following/artists/{missing}", headers=alice.headers
            )
            assert (put.status_code, delete.status_code) == (404, 404)
            assert put.json()["code"] == delete.json()["code"] == "artist_not_found"
        for out_of_range in (0, -1, 2**31):
            put = await client.put(
                f"{API}/me/following/artists/{out_of_range}", headers=alice.headers
            )
            delete = await client.delete(
                f"{API}/me/following/artists/{out_of_range}", headers=alice.headers
            )
            assert (put.status_code, delete.status_code) == (422, 422), out_of_range
        assert await count_rows(profile, ArtistFollow) == 0


class TestUnfollowArtist:
    async def test_unfollow_is_204_and_idempotent(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        alice = await register_and_login(client, "alice")
        bob = await register_and_login(client, "bob")
        artist = await add_artist(profile)
        await follow_artist(client, alice, artist)
        await follow_artist(client, bob, artist)
        url = f"{API}/me/following/artists/{artist}"

        first = await client.delete(url, headers=alice.headers)
        again = await client.delete(url, headers=alice.headers)

        assert (first.status_code, again.status_code) == (204, 204)
        assert await artist_follower_count(profile, artist) == 1
        assert await count_rows(profile, ArtistFollow, ArtistFollow.user_id == alice.id) == 0

    async def test_follow_unfollow_refollow_keeps_the_count_exact(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        alice = await register_and_login(client, "alice")
        artist = await add_artist(profile)
        url = f"{API}/me/following/artists/{artist}"

        for call, expected in (
            (client.put, 1),
            (client.delete, 0),
            (client.delete, 0),
            (client.put, 1),
            (client.put, 1),
        ):
            assert (await call(url, headers=alice.headers)).status_code == 204
            assert await artist_follower_count(profile, artist) == expected


class TestListFollowedArtists:
    async def test_most_recently_followed_first(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        alice = await register_and_login(client, "alice")
        bob = await register_and_login(client, "bob")
        artists = [await add_artist(profile, name) for name in ("Abba", "Blur", "Cream")]
        for artist in artists:
            await follow_artist(client, alice, artist)
        await follow_artist(client, bob, artists[0])

        response = await client.get(f"{API}/me/following/artists", headers=alice.headers)

        assert response.status_code == 200
        body = response.json()
        assert [a["id"] for a in body["items"]] == list(reversed(artists))
        assert [a["name"] for a in body["items"]] == ["Cream", "Blur", "Abba"]
        assert body["items"][2]["follower_count"] == 2
        assert body["total"] == 3
        catalog_view = (await client.get(f"{API}/artists/{artists[2]}")).json()
        assert body["items"][0] == catalog_view

    async def test_pages(self, client: AsyncClient, profile: Profile) -> None:
        alice = await register_and_login(client, "alice")
        artists = [await add_artist(profile, f"A{n}") for n in range(3)]
        for artist in artists:
            await follow_artist(client, alice, artist)

        body = (
            await client.get(f"{API}/me/following/artists?limit=1&offset=1", headers=alice.headers)
        ).json()

        assert [a["id"] for a in body["items"]] == [artists[1]]
        assert body["total"] == 3
        assert body["next"] is not None
        assert body["previous"] is not None

    async def test_empty_and_bad_paging(self, client: AsyncClient) -> None:
        alice = await register_and_login(client, "alice")

        empty = await client.get(f"{API}/me/following/artists", headers=alice.headers)
        bad = await client.get(f"{API}/me/following/artists?limit=0", headers=alice.headers)

        assert empty.json()["items"] == []
        assert empty.json()["total"] == 0
        assert bad.status_code == 422


class TestFollowUser:
    async def test_follow_is_204_and_shows_on_the_profile(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        alice = await register_and_login(client, "alice")
        bob = await register_and_login(client, "bob")
        url = f"{API}/me/following/users/{bob.id}"

        first = await client.put(url, headers=alice.headers)
        again = await client.put(url, headers=alice.headers)

        assert (first.status_code, again.status_code) == (204, 204)
        assert await count_rows(profile, UserFollow) == 1
        assert await user_follower_count(profile, bob.id) == 1
        assert await user_follower_count(profile, alice.id) == 0
        public = await client.get(f"{API}/users/{bob.id}")
        assert public.json()["follower_count"] == 1

    async def test_following_yourself_is_422(self, client: AsyncClient, profile: Profile) -> None:
        alice = await register_and_login(client, "alice")

        response = await client.put(f"{API}/me/following/users/{alice.id}", headers=alice.headers)

        assert response.status_code == 422
        assert response.json()["code"] == "cannot_follow_self"
        assert await count_rows(profile, UserFollow) == 0
        assert await user_follower_count(profile, alice.id) == 0

    async def test_unfollowing_yourself_is_a_no_op(self, client: AsyncClient) -> None:
        alice = await register_and_login(client, "alice")

        response = await client.delete(
            f"{API}/me/following/users/{alice.id}", headers=alice.headers
        )

        assert response.status_code == 204

    async def test_unknown_user_is_404(self, client: AsyncClient, profile: Profile) -> None:
        alice = await register_and_login(client, "alice")

        for missing in (alice.id + 100,):
            put = await client.put(f"{API}/me/following/users/{missing}", headers=alice.headers)
            delete = await client.delete(
                f"{API}/me/following/users/{missing}", headers=alice.headers
            )
            assert (put.status_code, delete.status_code) == (404, 404)
            assert put.json()["code"] == delete.json()["code"] == "user_not_found"
        for out_of_range in (0, -1, 2**31):
            put = await client.put(
                f"{API}/me/following/users/{out_of_range}", headers=alice.headers
            )
            delete = await client.delete(
                f"{API}/me/following/users/{out_of_range}", headers=alice.headers
            )
            assert (put.status_code, delete.status_code) == (422, 422), out_of_range
        assert await count_rows(profile, UserFollow) == 0

    async def test_mutual_follows_count_for_each(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        alice = await register_and_login(client, "alice")
        bob = await register_and_login(client, "bob")
        carol = await register_and_login(client, "carol")

        await follow_user(client, alice, bob.id)
        await follow_user(client, bob, alice.id)
        await follow_user(client, carol, bob.id)

        assert await user_follower_count(profile, alice.id) == 1
        assert await user_follower_count(profile, bob.id) == 2
        assert await user_follower_count(profile, carol.id) == 0


class TestUnfollowUser:
    async def test_unfollow_is_204_idempotent_and_exact(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        alice = await register_and_login(client, "alice")
        bob = await register_and_login(client, "bob")
        carol = await register_and_login(client, "carol")
        await follow_user(client, alice, bob.id)
        await follow_user(client, carol, bob.id)
        url = f"{API}/me/following/users/{bob.id}"

        first = await client.delete(url, headers=alice.headers)
        again = await client.delete(url, headers=alice.headers)

        assert (first.status_code, again.status_code) == (204, 204)
        assert await user_follower_count(profile, bob.id) == 1
        assert (await client.get(f"{API}/users/{bob.id}")).json()["follower_count"] == 1


class TestListFollowedUsers:
    async def test_public_profiles_most_recently_followed_first(self, client: AsyncClient) -> None:
        alice = await register_and_login(client, "alice")
        bob = await register_and_login(client, "bob", display_name="Bob B.")
        carol = await register_and_login(client, "carol")
        await follow_user(client, alice, bob.id)
        await follow_user(client, alice, carol.id)
        await follow_user(client, carol, bob.id)

        response = await client.get(f"{API}/me/following/users", headers=alice.headers)

        assert response.status_code == 200
        body = response.json()
        assert body["total"] == 2
        assert [u["id"] for u in body["items"]] == [carol.id, bob.id]
        assert body["items"][1] == {
            "id": bob.id,
            "username": "bob",
            "display_name": "Bob B.",
            "follower_count": 2,
            "created_at": bob.me["created_at"],
        }
        assert "email" not in body["items"][0]

    async def test_empty(self, client: AsyncClient) -> None:
        alice = await register_and_login(client, "alice")

        body = (await client.get(f"{API}/me/following/users", headers=alice.headers)).json()

        assert (body["items"], body["total"]) == ([], 0)
