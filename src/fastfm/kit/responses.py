"""Responses the catalog serializes itself: plain dicts straight to JSON bytes, once.

Routes still declare ``response_model`` for OpenAPI; returning a ``Response`` skips a
second validation of bodies the read queries already shaped.
"""

from __future__ import annotations

from typing import Any

import orjson
from fastapi import Response

from fastfm.kit.pagination import PageParams

JSON_OPTIONS = orjson.OPT_UTC_Z


class JSONBytes(Response):
    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content, option=JSON_OPTIONS)


def json_response(body: Any, status_code: int = 200, location: str | None = None) -> JSONBytes:
    """``body`` (dicts, lists, dates, UTC datetimes) as JSON; ``Location`` for a new resource."""
    headers = {"Location": location} if location is not None else None
    return JSONBytes(body, status_code=status_code, headers=headers)


def page_response(page: PageParams, items: list[Any], total: int) -> JSONBytes:
    """The list envelope of ``items``."""
    return JSONBytes(page.envelope(items, total))
