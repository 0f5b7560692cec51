"""Request parameters the playlist routes share."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query, Request

from fastfm.kit.pagination import PageParams
from fastfm.kit.sorting import OptionalText, SortKey, parse_sort, sort_pattern
from fastfm.playlists.schemas import FIRST_TRACKS_PAGE

SORT_FIELDS = ("name", "created_at", "updated_at")
DEFAULT_SORT = "-updated_at"


def playlist_sort(
    sort: Annotated[
        OptionalText,
        Query(
            description="`name`, `created_at`, `updated_at`; `-` for descending, comma-separated "
            f"for ties (default `{DEFAULT_SORT}`, ties by id)",
            json_schema_extra={"pattern": sort_pattern(SORT_FIELDS)},
            examples=["name", "-created_at"],
        ),
    ] = None,
) -> list[SortKey]:
    return parse_sort(sort, SORT_FIELDS, DEFAULT_SORT)


def first_tracks_page(request: Request) -> PageParams:
    """The first page of ``/playlists/{id}/tracks``, embedded in a playlist body."""
    url = request.url.replace(path=request.url.path.rstrip("/") + "/tracks", query="")
    return PageParams(limit=FIRST_TRACKS_PAGE, offset=0, url=str(url))


PlaylistSortDep = Annotated[list[SortKey], Depends(playlist_sort)]
FirstTracksPageDep = Annotated[PageParams, Depends(first_tracks_page)]
