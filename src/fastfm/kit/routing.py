"""A route class that takes the OpenAPI summary from the endpoint's docstring."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi.routing import APIRoute


class DocstringSummaryRoute(APIRoute):
    """The first line of the endpoint's docstring is its OpenAPI summary.

    FastAPI would title-case the function name instead ("Read Me"). Use as
    ``APIRouter(route_class=DocstringSummaryRoute)``; an explicit ``summary=`` wins.
    """

    def __init__(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        super().__init__(path, endpoint, **kwargs)
        if self.summary is None and self.description:
            self.summary = self.description.partition("\n")[0].strip()
