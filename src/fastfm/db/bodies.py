"""A kind's response bodies as two parts: the statement reading them and the function
shaping one of its rows.

A domain's loaders read its bodies by ids through :meth:`BodyShape.load` (one statement
for any set of ids). Readers that gather several kinds in one statement (search, on
PostgreSQL) use the parts: the select of every body column, to which they add the WHERE,
and the function turning a row of it into the JSON-ready body. Both are the loaders'
own, so a row reads the same everywhere.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select
from sqlalchemy.sql.elements import ColumnElement

from fastfm.db.dialect import id_in
from fastfm.db.reads import Reader, Row

Body = dict[str, Any]


@dataclass(frozen=True, slots=True)
class BodyShape:
    """The select of a kind's body columns (an ``id`` among them; no WHERE) and the
    function shaping one row of it."""

    select: Select[Any]
    body: Callable[[Row], Body]
    labels: tuple[str, ...] = field(init=False)  # the select's, in its column order
    by_ids: Select[Any] = field(init=False)  # the bodies whose id is in parameter ``ids``

    def __post_init__(self) -> None:
        object.__setattr__(self, "labels", tuple(self.select.selected_columns.keys()))
        object.__setattr__(self, "by_ids", self.select.where(id_in(self.id_column, "ids")))

    @property
    def id_column(self) -> ColumnElement[int]:
        column: ColumnElement[int] = self.select.selected_columns["id"]
        return column

    async def load(self, db: Reader, ids: Sequence[int]) -> dict[int, Body]:
        """The bodies of ``ids`` by id, in one statement; unknown ids are absent."""
        if not ids:
            return {}
        rows = await db.fetch(self.by_ids, {"ids": list(dict.fromkeys(ids))})
        return {row["id"]: self.body(row) for row in rows}

    def from_values(self, values: Sequence[Any]) -> Body:
        """The body of one row given as its values, in the select's column order."""
        row: Mapping[str, Any] = dict(zip(self.labels, values, strict=True))
        return self.body(row)
