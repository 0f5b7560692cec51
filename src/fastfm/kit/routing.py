"""The route class every API router uses: OpenAPI summaries from docstrings, the error
statuses any route can answer, and the content type a body must come in."""

from __future__ import annotations

import email.message
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import params
from fastapi.routing import APIRoute
from fastapi.utils import create_model_field
from starlette.convertors import Convertor, register_url_convertor
from starlette.requests import Request
from starlette.responses import Response

from fastfm.errors import ErrorBody, MalformedBody, error_responses

# Any route can be refused a database connection in time (503 `database_busy`).
EVERY_ROUTE = (503,)
# Any route with a body: unreadable or in another content type (400), too large (413).
WITH_A_BODY = (400, 413)
FORM_TYPES = frozenset({"application/x-www-form-urlencoded", "multipart/form-data"})


class DocstringSummaryRoute(APIRoute):
    """The first line of the endpoint's docstring is its OpenAPI summary.

    FastAPI would title-case the function name instead ("Read Me"). Use as
    ``APIRouter(route_class=DocstringSummaryRoute)``; an explicit ``summary=`` wins.

    The route also documents the errors it can give without saying so itself
    (``EVERY_ROUTE``, and ``WITH_A_BODY`` when it reads a body), and refuses a body in a
    content type it does not read with 400 ``malformed_body`` before reading it.
    """

    def __init__(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        super().__init__(path, endpoint, **kwargs)
        if self.summary is None and self.description:
            self.summary = self.description.partition("\n")[0].strip()
        implied = EVERY_ROUTE + (WITH_A_BODY if self.body_field is not None else ())
        for status, response in error_responses(*implied).items():
            if status in self.responses or str(status) in self.responses:
                continue
            self.responses[status] = response
            self.response_fields[status] = create_model_field(
                name=f"Response_{status}_{self.unique_id}", type_=ErrorBody, mode="serialization"
            )

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()
        if self.body_field is None:
            return handler
        reads_form = isinstance(self.body_field.field_info, params.Form)

        async def checked(request: Request) -> Response:
            if await request.body() and not _readable(request, reads_form=reads_form):
                expected = "a form" if reads_form else "application/json"
                raise MalformedBody(f"The request body must be {expected}")
            return await handler(request)

        return checked


def _readable(request: Request, *, reads_form: bool) -> bool:
    value = request.headers.get("content-type")
    if not value:
        return False
    message = email.message.Message()
    message["content-type"] = value
    media_type = message.get_content_type()
    if reads_form:
        return media_type in FORM_TYPES
    return media_type == "application/json" or (
        message.get_content_maintype() == "application" and media_type.endswith("+json")
    )


class SignedIntConvertor(Convertor[int]):
    """``{name:signed_int}``: an optionally signed decimal integer, any size.

    For a path whose neighbours are words (``/me/liked/contains`` beside
    ``/me/liked/{song_id}``): a number matches and is then range-checked by its
    parameter's bounds (422 outside them), a word is left to the other routes.
    """

    regex = "-?[0-9]+"

    def convert(self, value: str) -> int:
        return int(value)

    def to_string(self, value: int) -> str:
        return str(value)


register_url_convertor("signed_int", SignedIntConvertor())
