"""Logging: structlog for FastFM, and the same JSON (or console) lines for uvicorn and
SQLAlchemy, through one handler on the root logger.

Each line carries time, level, logger, event, and the request's id (and the signed-in
user's id) while a request is being handled. Values under secret-looking keys and
anything shaped like a bearer token or a JWT are replaced before a line is written.
"""

from __future__ import annotations

import logging
import re
import sys
import time
from collections.abc import MutableMapping
from functools import lru_cache
from typing import Any

import orjson
import structlog
from structlog.types import EventDict, Processor

REDACTED = "[redacted]"
SECRET_KEY_PATTERN = re.compile(
    r"pass(word)?|secret|token|authori[sz]ation|cookie|credential|api_?key|dsn|code_verifier",
    re.IGNORECASE,
)
_SECRET_TEXT = re.compile(
    r"(?i)\bbearer\s+[\w\-.~+/]+=*|\beyJ[\w-]+\.[\w-]+\.[\w-]+|"
    r"((?:password|token|secret)\s*[=:]\s*)\S+"
)
# Loggers whose lines FastFM owns the shape of; uvicorn's own access log is replaced by
# FastFM's request line (with the route template, request and user ids).
_FOREIGN = ("uvicorn", "uvicorn.error", "sqlalchemy", "alembic")


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever ``sys.stderr`` is at the time (test runners swap it)."""

    @property
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, _: Any) -> None:
        pass


class _StderrLogger:
    """A structlog logger that writes each rendered line to the current ``sys.stderr``."""

    def msg(self, message: str) -> None:
        sys.stderr.write(message + "\n")

    debug = info = warning = warn = error = critical = exception = fatal = log = msg


class _StderrLoggerFactory:
    def __call__(self, *_: Any) -> _StderrLogger:
        return _StderrLogger()


def _redact_text(text: str) -> str:
    lowered = text.lower()
    # Every secret _SECRET_TEXT matches holds one of these words. Text without them, the
    # common case, is kept as it is: five substring searches, no regular expression.
    if (
        "bearer" not in lowered
        and "eyj" not in lowered
        and "password" not in lowered
        and "token" not in lowered
        and "secret" not in lowered
    ):
        return text
    return _SECRET_TEXT.sub(lambda m: (m.group(1) or "") + REDACTED, text)


@lru_cache(maxsize=4096)
def _secret_key(key: str) -> bool:
    return SECRET_KEY_PATTERN.search(key) is not None


def redact(_: Any, __: str, event_dict: EventDict) -> EventDict:
    """Replace secrets in every field of a log line (a processor)."""
    for key, value in event_dict.items():
        if _secret_key(key):
            event_dict[key] = REDACTED
        elif value.__class__ is str:
            event_dict[key] = _redact_text(value)
    return event_dict


_second_stamp: tuple[int, str] = (-1, "")


def add_utc_time(_: Any, __: str, event_dict: EventDict) -> EventDict:
    """``time``: ISO 8601 in UTC to the microsecond (``2026-12-03T13:50:07.123456Z``).

    The date and time of day are formatted once per second; a line adds its microseconds.
    """
    global _second_stamp
    now = time.time()
    second = int(now)
    if _second_stamp[0] != second:
        _second_stamp = (second, time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(second)))
    event_dict["time"] = f"{_second_stamp[1]}.{int((now - second) * 1_000_000):06d}Z"
    return event_dict


def _drop_color_message(_: Any, __: str, event_dict: EventDict) -> EventDict:
    # uvicorn adds a copy of every message with ANSI colours.
    event_dict.pop("color_message", None)
    return event_dict


def _orjson_dumps(value: MutableMapping[str, Any], **_: Any) -> str:
    return orjson.dumps(value, default=str).decode()


def _shared_processors() -> list[Processor]:
    return [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.stdlib.ExtraAdder(),
        add_utc_time,
        _drop_color_message,
    ]


def configure_logging(level: str, fmt: str = "json") -> None:
    """Route every log record through structlog; ``fmt`` is ``json`` or ``console``."""
    numeric = logging.getLevelName(level.upper())
    renderer: Processor = (
        structlog.dev.ConsoleRenderer(colors=sys.stderr.isatty())
        if fmt == "console"
        else structlog.processors.JSONRenderer(serializer=_orjson_dumps)
    )
    formatter = structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=_shared_processors(),
        processors=[
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            structlog.processors.format_exc_info,
            redact,
            renderer,
        ],
    )
    handler = _StderrHandler()
    handler.setFormatter(formatter)
    handler.set_name("fastfm")
    root = logging.getLogger()
    # Replace an earlier FastFM handler and plain stream handlers; keep others (a test
    # harness's capture handlers, say).
    root.handlers = [
        h
        for h in root.handlers
        if h.get_name() != "fastfm" and type(h) is not logging.StreamHandler
    ]
    root.addHandler(handler)
    root.setLevel(numeric)
    for name in _FOREIGN:
        foreign = logging.getLogger(name)
        foreign.handlers = []
        foreign.propagate = True
    # SQLAlchemy logs every statement at INFO: only its warnings unless asked for.
    logging.getLogger("sqlalchemy").setLevel(max(numeric, logging.WARNING))
    access = logging.getLogger("uvicorn.access")
    access.handlers = []
    access.propagate = False
    access.disabled = True
    # FastFM's own structlog events skip the standard library: same fields and
    # renderer, a fraction of the cost (the request line is written for every request).
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            add_utc_time,
            structlog.processors.format_exc_info,
            redact,
            renderer,
        ],
        logger_factory=_StderrLoggerFactory(),
        wrapper_class=structlog.make_filtering_bound_logger(numeric),
        cache_logger_on_first_use=False,
    )
