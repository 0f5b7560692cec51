"""The GraphQL schema: read queries over the catalog, visible playlists and the caller."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.extensions import MaxAliasesLimiter, MaxTokensLimiter, QueryDepthLimiter
from strawberry.schema.config import StrawberryConfig
from strawberry.types import Info

from fastfm.catalog.songs.listing import SongFilters, list_songs
from fastfm.graphql.context import Context
from fastfm.graphql.limits import (
    MAX_ALIASES,
    MAX_DEPTH,
    MAX_TOKENS,
    QueryCostLimiter,
    page_args,
)
from fastfm.graphql.search import SearchKind, SearchResult
from fastfm.graphql.search import search as run_search
from fastfm.graphql.types import Album, Artist, Me, Playlist, Song, SongPage, by_id
from fastfm.kit.pagination import PageParams
from fastfm.search.schemas import DEFAULT_SEARCH_LIMIT

MAX_QUERY_TEXT = 200


@strawberry.type
class Query:
    @strawberry.field(description="The signed-in account; null without a token.")
    def me(self, info: Info[Context, None]) -> Me | None:
        user = info.context.user
        if user is None:
            return None
        return Me(
            id=user.id,
            email=user.email,
            username=user.username,
            display_name=user.display_name,
            is_admin=user.is_admin,
            created_at=user.created_at,
        )

    @strawberry.field(description="A song; null if there is none with this id.")
    async def song(self, info: Info[Context, None], id: int) -> Song | None:
        return await by_id(info.context.loaders.songs, id, Song.of)

    @strawberry.field(
        description="Songs whose title contains q (case-insensitive), by id; limit 1..100."
    )
    async def songs(
        self, info: Info[Context, None], q: str | None = None, limit: int = 20, offset: int = 0
    ) -> SongPage:
        limit, offset = page_args(limit, offset)
        text = None if q is None else q.strip()[:MAX_QUERY_TEXT] or None
        loaders = info.context.loaders
        page = PageParams(limit=limit, offset=offset, url="/graphql")
        async with loaders.turn():
            bodies, total = await list_songs(
                loaders.reader, SongFilters(q=text), sort=None, page=page
            )
        for body in bodies:
            loaders.songs.prime(body["id"], body)
        return SongPage(items=[Song.of(b) for b in bodies], total=total, limit=limit, offset=offset)

    @strawberry.field(
        description="Songs, artists, albums, playlists and genres matching q, best first, "
        "as GET /api/v1/search finds them: q 1..200 characters, limit 1..50 per kind; "
        "type: the kinds to search (default all)."
    )
    async def search(
        self,
        info: Info[Context, None],
        q: str,
        kinds: Annotated[list[SearchKind] | None, strawberry.argument(name="type")] = None,
        limit: int = DEFAULT_SEARCH_LIMIT,
    ) -> SearchResult:
        return await run_search(info, q, kinds, limit)

    @strawberry.field(description="An artist; null if there is none with this id.")
    async def artist(self, info: Info[Context, None], id: int) -> Artist | None:
        return await by_id(info.context.loaders.artists, id, Artist.of)

    @strawberry.field(description="An album; null if there is none with this id.")
    async def album(self, info: Info[Context, None], id: int) -> Album | None:
        return await by_id(info.context.loaders.albums, id, Album.of)

    @strawberry.field(
        description="A playlist; null if there is none with this id or you cannot see it."
    )
    async def playlist(self, info: Info[Context, None], id: int) -> Playlist | None:
        return await by_id(info.context.loaders.playlists, id, Playlist.of)


schema = strawberry.Schema(
    query=Query,
    config=StrawberryConfig(auto_camel_case=False),
    # Factories: a fresh extension for each request.
    extensions=[
        lambda: QueryDepthLimiter(max_depth=MAX_DEPTH),
        lambda: MaxAliasesLimiter(max_alias_count=MAX_ALIASES),
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        QueryCostLimiter,
    ],
)
