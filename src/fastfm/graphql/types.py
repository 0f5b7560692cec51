"""The GraphQL object types: the REST resources' fields, and their relations as fields.

Each object is built from the body a loader returned; a relation resolves through the
request's loaders (``info.context.loaders``), so siblings load together.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import fields
from datetime import date, datetime
from typing import Any, TypeVar

import strawberry
from strawberry.dataloader import DataLoader
from strawberry.types import Info

from fastfm.graphql.context import Context
from fastfm.graphql.limits import page_args
from fastfm.kit.ids import is_storable_id
from fastfm.playlists.batches import PlaylistRow

Body = dict[str, Any]
T = TypeVar("T")
R = TypeVar("R")


def _loaders(info: Info[Context, None]) -> Any:
    return info.context.loaders


async def one(loader: DataLoader[int, R | None], key: int, make: Callable[[R], T]) -> T | None:
    """The object for ``key``, or None when the loader found nothing."""
    found = await loader.load(key)
    return None if found is None else make(found)


async def by_id(loader: DataLoader[int, R | None], key: int, make: Callable[[R], T]) -> T | None:
    """As :func:`one`, with an id a client sent: one that cannot be stored is nothing."""
    return await one(loader, key, make) if is_storable_id(key) else None


async def many(
    loader: DataLoader[int, R | None], keys: Sequence[int], make: Callable[[R], T]
) -> list[T]:
    """The objects for ``keys`` in order, leaving out those the loader found nothing for."""
    return [make(found) for found in await loader.load_many(keys) if found is not None]


@strawberry.type(description="A genre.")
class Genre:
    id: int
    name: str
    slug: str

    @classmethod
    def of(cls, body: Body) -> Genre:
        return cls(id=body["id"], name=body["name"], slug=body["slug"])


@strawberry.type(description="A user's public short form.")
class User:
    id: int
    username: str
    display_name: str | None

    @classmethod
    def of(cls, body: Body) -> User:
        return cls(id=body["id"], username=body["username"], display_name=body["display_name"])


@strawberry.type(description="The signed-in account.")
class Me:
    id: int
    email: str
    username: str
    display_name: str | None
    is_admin: bool
    created_at: datetime


@strawberry.type(description="A production credit on a song.")
class Credit:
    role: str
    detail: str | None
    artist_id: strawberry.Private[int]

    @strawberry.field
    async def artist(self, info: Info[Context, None]) -> Artist | None:
        return await one(_loaders(info).artists, self.artist_id, Artist.of)


@strawberry.type(description="A song.")
class Song:
    id: int
    title: str
    duration_ms: int
    explicit: bool
    isrc: str | None
    disc_number: int | None
    track_number: int | None
    release_date: date | None
    like_count: int
    play_count: int
    created_at: datetime
    updated_at: datetime
    genres: list[Genre]
    credits: list[Credit]
    artist_ids: strawberry.Private[list[int]]
    album_id: strawberry.Private[int | None]

    @classmethod
    def of(cls, body: Body) -> Song:
        return cls(
            id=body["id"],
            title=body["title"],
            duration_ms=body["duration_ms"],
            explicit=body["explicit"],
            isrc=body["isrc"],
            disc_number=body["disc_number"],
            track_number=body["track_number"],
            release_date=body["release_date"],
            like_count=body["like_count"],
            play_count=body["play_count"],
            created_at=body["created_at"],
            updated_at=body["updated_at"],
            genres=[Genre.of(g) for g in body["genres"]],
            credits=[
                Credit(role=c["role"], detail=c["detail"], artist_id=c["artist"]["id"])
                for c in body["credits"]
            ],
            artist_ids=[a["id"] for a in body["artists"]],
            album_id=None if body["album"] is None else body["album"]["id"],
        )

    @strawberry.field(description="The performing artists in billing order.")
    async def artists(self, info: Info[Context, None]) -> list[Artist]:
        return await many(_loaders(info).artists, self.artist_ids, Artist.of)

    @strawberry.field
    async def album(self, info: Info[Context, None]) -> Album | None:
        if self.album_id is None:
            return None
        return await one(_loaders(info).albums, self.album_id, Album.of)


@strawberry.type(description="A track of an album.")
class AlbumTrack:
    disc_number: int | None
    track_number: int | None
    song_id: strawberry.Private[int]

    @strawberry.field
    async def song(self, info: Info[Context, None]) -> Song | None:
        return await one(_loaders(info).songs, self.song_id, Song.of)


@strawberry.type(description="An album.")
class Album:
    id: int
    title: str
    album_type: str
    release_date: date | None
    track_count: int
    total_duration_ms: int
    created_at: datetime
    updated_at: datetime
    genres: list[Genre]
    tracks: list[AlbumTrack] = strawberry.field(description="In disc and track order.")
    artist_ids: strawberry.Private[list[int]]

    @classmethod
    def of(cls, body: Body) -> Album:
        return cls(
            id=body["id"],
            title=body["title"],
            album_type=body["album_type"],
            release_date=body["release_date"],
            track_count=body["track_count"],
            total_duration_ms=body["total_duration_ms"],
            created_at=body["created_at"],
            updated_at=body["updated_at"],
            genres=[Genre.of(g) for g in body["genres"]],
            tracks=[
                AlbumTrack(
                    disc_number=track["disc_number"],
                    track_number=track["track_number"],
                    song_id=track["song"]["id"],
                )
                for track in body.get("tracks", [])
            ],
            artist_ids=[a["id"] for a in body["artists"]],
        )

    @strawberry.field
    async def artists(self, info: Info[Context, None]) -> list[Artist]:
        return await many(_loaders(info).artists, self.artist_ids, Artist.of)


@strawberry.type(description="An artist.")
class Artist:
    id: int
    name: str
    bio: str | None
    image_url: str | None
    follower_count: int
    created_at: datetime
    updated_at: datetime
    genres: list[Genre]

    @classmethod
    def of(cls, body: Body) -> Artist:
        return cls(
            id=body["id"],
            name=body["name"],
            bio=body["bio"],
            image_url=body["image_url"],
            follower_count=body["follower_count"],
            created_at=body["created_at"],
            updated_at=body["updated_at"],
            genres=[Genre.of(g) for g in body["genres"]],
        )

    @strawberry.field(description="Albums the artist is credited on, by id.")
    async def albums(
        self, info: Info[Context, None], limit: int = 20, offset: int = 0
    ) -> list[Album]:
        key = (self.id, *page_args(limit, offset))
        ids = await _loaders(info).artist_album_ids.load(key) or []
        return await many(_loaders(info).albums, ids, Album.of)

    @strawberry.field(description="Songs the artist performs on, by id.")
    async def songs(
        self, info: Info[Context, None], limit: int = 20, offset: int = 0
    ) -> list[Song]:
        key = (self.id, *page_args(limit, offset))
        ids = await _loaders(info).artist_song_ids.load(key) or []
        return await many(_loaders(info).songs, ids, Song.of)


@strawberry.type(description="An entry of a playlist.")
class PlaylistTrack:
    position: int
    added_at: datetime
    song_id: strawberry.Private[int]
    added_by_id: strawberry.Private[int | None]

    @strawberry.field
    async def song(self, info: Info[Context, None]) -> Song | None:
        return await one(_loaders(info).songs, self.song_id, Song.of)

    @strawberry.field(description="null once that account is deleted.")
    async def added_by(self, info: Info[Context, None]) -> User | None:
        if self.added_by_id is None:
            return None
        return await one(_loaders(info).users, self.added_by_id, User.of)


@strawberry.type(description="A playlist visible to the caller.")
class Playlist:
    id: int
    name: str
    description: str | None
    is_public: bool
    track_count: int
    total_duration_ms: int
    follower_count: int
    snapshot_id: str
    created_at: datetime
    updated_at: datetime
    owner_id: strawberry.Private[int]

    @classmethod
    def of(cls, row: PlaylistRow) -> Playlist:
        return cls(**{column.name: getattr(row, column.name) for column in fields(row)})

    @strawberry.field
    async def owner(self, info: Info[Context, None]) -> User | None:
        return await one(_loaders(info).users, self.owner_id, User.of)

    @strawberry.field
    async def collaborators(self, info: Info[Context, None]) -> list[User]:
        ids = await _loaders(info).collaborators.load(self.id) or []
        return await many(_loaders(info).users, ids, User.of)

    @strawberry.field(description="Entries in position order.")
    async def tracks(
        self, info: Info[Context, None], limit: int = 20, offset: int = 0
    ) -> list[PlaylistTrack]:
        key = (self.id, *page_args(limit, offset))
        rows = await _loaders(info).playlist_entries.load(key) or []
        return [
            PlaylistTrack(
                position=row.position,
                added_at=row.added_at,
                song_id=row.song_id,
                added_by_id=row.added_by_id,
            )
            for row in rows
        ]


@strawberry.type(description="A page of songs.")
class SongPage:
    items: list[Song]
    total: int
    limit: int
    offset: int
