"""Query parameters of the liked-songs routes."""

from __future__ import annotations

import re
from typing import Annotated, NoReturn

from fastapi import Depends, Query
from fastapi.exceptions import RequestValidationError

from fastfm.kit.sorting import SortKey, parse_sort

SORT_FIELDS = ("liked_at", "title")
DEFAULT_SORT = "-liked_at"
MAX_CONTAINS_IDS = 100
# Twenty digits is past any id; longer input is malformed, not a huge number to parse.
_ID = re.compile(r"[0-9]{1,20}")


def liked_sort(
    sort: Annotated[
        str | None,
        Query(
            description="`liked_at`, `title`; prefix `-` for descending, comma-separated. "
            "Default `-liked_at` (newest first); ties by song id.",
            examples=["-liked_at", "title"],
        ),
    ] = None,
) -> list[SortKey]:
    return parse_sort(sort, SORT_FIELDS, DEFAULT_SORT)


def song_ids_to_check(
    ids: Annotated[
        str,
        Query(
            description=f"Comma-separated song ids, 1..{MAX_CONTAINS_IDS}, in the order "
            "the answer should follow; repeats are answered each time.",
            examples=["1,2,3"],
        ),
    ],
) -> list[int]:
    parts = [part.strip() for part in ids.split(",")]
    if not all(_ID.fullmatch(part) for part in parts):
        _reject(ids, "ids must be comma-separated song ids, e.g. 1,2,3")
    if len(parts) > MAX_CONTAINS_IDS:
        _reject(ids, f"at most {MAX_CONTAINS_IDS} ids at a time")
    return [int(part) for part in parts]


def _reject(value: str, message: str) -> NoReturn:
    raise RequestValidationError(
        [{"type": "value_error", "loc": ("query", "ids"), "input": value, "msg": message}]
    )


LikedSort = Annotated[list[SortKey], Depends(liked_sort)]
SongIdsToCheck = Annotated[list[int], Depends(song_ids_to_check)]
