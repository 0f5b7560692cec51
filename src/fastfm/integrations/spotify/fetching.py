"""Reading a user's playlists, their items and saved tracks from the Web API, page by page."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from typing import Any

from fastfm.integrations.spotify import parsing
from fastfm.integrations.spotify.client import Answer, SpotifyError
from fastfm.integrations.spotify.tokens import SpotifyAccess

PLAYLISTS_PAGE = 50
ITEMS_PAGE = 100
SAVED_PAGE = 50
MAX_PAGES = 10_000  # a runaway `next` chain ends here


async def pages(
    access: SpotifyAccess, first: str, fetched: Answer | None = None
) -> AsyncIterator[list[Any]]:
    """The ``items`` of each page of a paging object, following ``next``."""
    url: str | None = first
    for _ in range(MAX_PAGES):
        if url is None:
            return
        answer = fetched if fetched is not None else await access.get(url)
        fetched = None
        if answer.status != 200 or not isinstance(answer.body, dict):
            raise SpotifyError(f"Spotify answered {answer.status} for a page of results")
        items = answer.body.get("items")
        yield items if isinstance(items, list) else []
        following = answer.body.get("next")
        url = following if isinstance(following, str) and following else None


async def playlists(
    access: SpotifyAccess, playlist_ids: Sequence[str] | None
) -> tuple[list[parsing.PlaylistInfo], list[str]]:
    """The playlists to import, in Spotify's order, and the asked ids Spotify did not find."""
    if playlist_ids is None:
        found: list[parsing.PlaylistInfo] = []
        async for items in pages(access, f"/me/playlists?limit={PLAYLISTS_PAGE}"):
            found.extend(p for p in map(parsing.playlist_info, items) if p is not None)
        return found, []
    chosen: list[parsing.PlaylistInfo] = []
    missing: list[str] = []
    for playlist_id in dict.fromkeys(playlist_ids):
        answer = await access.get(f"/playlists/{playlist_id}?fields=id,name,description")
        info = parsing.playlist_info(answer.body) if answer.status == 200 else None
        if info is None:
            if answer.status not in (403, 404):
                raise SpotifyError(f"Spotify answered {answer.status} for playlist {playlist_id}")
            missing.append(playlist_id)
        else:
            chosen.append(info)
    return chosen, missing


async def playlist_entries(access: SpotifyAccess, playlist_id: str) -> list[parsing.Entry]:
    """Every item of a playlist, in order: ``/items``, or ``/tracks`` where that is missing."""
    entries: list[parsing.Entry] = []
    first = f"/playlists/{playlist_id}/items?limit={ITEMS_PAGE}"
    probe: Answer | None = await access.get(first)
    if probe is not None and probe.status == 404:
        first, probe = f"/playlists/{playlist_id}/tracks?limit={ITEMS_PAGE}", None
    async for items in pages(access, first, probe):
        entries.extend(parsing.entry(item) for item in items)
    return entries


async def saved_tracks(access: SpotifyAccess) -> list[parsing.Entry]:
    entries: list[parsing.Entry] = []
    async for items in pages(access, f"/me/tracks?limit={SAVED_PAGE}"):
        entries.extend(parsing.entry(item) for item in items)
    return entries
