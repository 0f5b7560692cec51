"""``sort=field,-other`` parsing against the fields a list accepts."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from fastapi.exceptions import RequestValidationError
from pydantic.json_schema import SkipJsonSchema
from sqlalchemy import ColumnElement
from sqlalchemy.sql.elements import UnaryExpression


@dataclass(frozen=True, slots=True)
class SortKey:
    field: str
    descending: bool


def parse_sort(raw: str | None, allowed: Sequence[str], default: str) -> list[SortKey]:
    """Parse a ``sort`` parameter; an unknown or repeated field is a 422 on ``sort``."""
    text = raw if raw is not None and raw.strip() else default
    keys: list[SortKey] = []
    for part in (p.strip() for p in text.split(",")):
        descending = part.startswith("-")
        name = part[1:] if descending else part
        if name not in allowed or any(k.field == name for k in keys):
            raise RequestValidationError(
                [
                    {
                        "type": "value_error",
                        "loc": ("query", "sort"),
                        "input": raw,
                        "msg": f"sort accepts {', '.join(allowed)} (prefix - for descending), "
                        "each at most once",
                    }
                ]
            )
        keys.append(SortKey(name, descending))
    return keys


def order_by(
    keys: Sequence[SortKey],
    columns: Mapping[str, ColumnElement[object]],
    tie_breaker: ColumnElement[object],
    nullable: frozenset[str] = frozenset(),
) -> list[UnaryExpression[object]]:
    """ORDER BY clauses for ``keys``, ties broken by ``tie_breaker`` ascending.

    Nulls sort last in both directions on every backend (SQLite and PostgreSQL disagree
    by default); only ``nullable`` fields get the explicit clause, so PostgreSQL can
    still walk a plain index backwards for the others.
    """
    clauses: list[UnaryExpression[object]] = []
    for key in keys:
        column = columns[key.field]
        clause = column.desc() if key.descending else column.asc()
        clauses.append(clause.nulls_last() if key.field in nullable else clause)
    clauses.append(tie_breaker.asc())
    return clauses


def sort_pattern(allowed: Sequence[str]) -> str:
    """The ``sort`` values ``parse_sort`` accepts, as a regular expression for the schema:
    comma-separated fields of ``allowed``, each at most once, ``-`` for descending."""
    field = "(?:" + "|".join(re.escape(name) for name in allowed) + ")"
    token = f"-?{field}"
    # No field twice: a field, then later the same one again, is what the lookahead refuses.
    repeated = f"(?:[^,]*,)*-?({field})(?:,[^,]*)*,-?\\1(?:,|$)"
    return f"^(?!{repeated})(?:{token}(?:,{token})*)?$"


# An optional query parameter (``sort``, say) as the schema states it: absent, or a
# string, never null, so a pattern or length applies to the string itself.
OptionalText = str | SkipJsonSchema[None]
