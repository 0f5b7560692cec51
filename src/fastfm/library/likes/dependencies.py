"""Query parameters of the liked-songs routes."""

from __future__ import annotations

import re
from typing import Annotated, NoReturn

from fastapi import Depends, Query
from fastapi.exceptions import RequestValidationError

from fastfm.kit.ids import ID_PATTERN, MAX_ID
from fastfm.kit.sorting import OptionalText, SortKey, parse_sort, sort_pattern

SORT_FIELDS = ("liked_at", "title")
DEFAULT_SORT = "-liked_at"
MAX_CONTAINS_IDS = 100
# 1..100 ids of 1..2^31-1, comma-separated, blanks allowed around each: the rule the
# schema states is the one enforced, so an id out of range is 422 as everywhere else.
IDS_PATTERN = rf"^ *{ID_PATTERN} *(?:, *{ID_PATTERN} *){{0,{MAX_CONTAINS_IDS - 1}}}$"
_ID = re.compile(rf" *{ID_PATTERN} *")


def liked_sort(
    sort: Annotated[
        OptionalText,
        Query(
            description="`liked_at`, `title`; prefix `-` for descending, comma-separated. "
            "Default `-liked_at` (newest first); ties by song id.",
            json_schema_extra={"pattern": sort_pattern(SORT_FIELDS)},
            examples=["-liked_at", "title"],
        ),
    ] = None,
) -> list[SortKey]:
    return parse_sort(sort, SORT_FIELDS, DEFAULT_SORT)


def song_ids_to_check(
    ids: Annotated[
        str,
        Query(
            description=f"Comma-separated song ids (each 1..{MAX_ID}), 1..{MAX_CONTAINS_IDS} "
            "of them, in the order the answer should follow; repeats are answered each time.",
            examples=["1,2,3"],
            json_schema_extra={"pattern": IDS_PATTERN},
        ),
    ],
) -> list[int]:
    parts = ids.split(",")
    if not all(_ID.fullmatch(part) for part in parts):
        _reject(ids, f"ids must be comma-separated song ids of 1..{MAX_ID}, e.g. 1,2,3")
    if len(parts) > MAX_CONTAINS_IDS:
        _reject(ids, f"at most {MAX_CONTAINS_IDS} ids at a time")
    return [int(part) for part in parts]


def _reject(value: str, message: str) -> NoReturn:
    raise RequestValidationError(
        [{"type": "value_error", "loc": ("query", "ids"), "input": value, "msg": message}]
    )


LikedSort = Annotated[list[SortKey], Depends(liked_sort)]
SongIdsToCheck = Annotated[list[int], Depends(song_ids_to_check)]
