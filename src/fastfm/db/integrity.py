"""Turns database constraint violations into client errors, in one place for both backends."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError, IntegrityError

from fastfm.errors import error_body

_UNIQUE = ("23505", "UNIQUE constraint failed")
_FOREIGN_KEY = ("23503", "FOREIGN KEY constraint failed")
_CHECK = ("23514", "CHECK constraint failed", "23502", "NOT NULL constraint failed")


def sqlstate(exc: DBAPIError) -> str:
    """The SQLSTATE code of a database error ("" on SQLite, which has none)."""
    original = exc.orig
    state = getattr(original, "sqlstate", None) or getattr(
        getattr(original, "__cause__", None), "sqlstate", None
    )
    return str(state or "")


def classify(exc: IntegrityError) -> str:
    """``unique``, ``foreign_key``, ``check`` or ``other`` for a constraint violation."""
    state, message = sqlstate(exc), str(exc.orig)
    for kind, markers in (("unique", _UNIQUE), ("foreign_key", _FOREIGN_KEY), ("check", _CHECK)):
        if state in markers or any(m in message for m in markers if not m[0].isdigit()):
            return kind
    return "other"


async def _integrity_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, IntegrityError)
    kind = classify(exc)
    if kind == "unique":
        return JSONResponse(
            error_body("A resource with these values already exists", "already_exists"), 409
        )
    if kind == "foreign_key" and (exc.statement or "").lstrip().upper().startswith("DELETE"):
        return JSONResponse(
            error_body("It is still referenced and cannot be deleted", "still_referenced"), 409
        )
    if kind == "foreign_key":
        return JSONResponse(
            error_body("The request refers to something that does not exist", "unknown_reference"),
            422,
        )
    return JSONResponse(
        error_body("The request violates a data constraint", "constraint_violation"), 422
    )


def install_integrity_handler(app: FastAPI) -> None:
    app.add_exception_handler(IntegrityError, _integrity_error)
