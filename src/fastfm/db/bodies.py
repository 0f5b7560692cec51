"""A kind's response bodies as two parts: the statement reading them and the function
shaping one of its rows.

A domain's own loaders read its bodies by ids (``load_song_bodies`` and the like).
Readers that gather several kinds in one statement (search, on PostgreSQL) need the
parts: the select of every body column, to which they add the WHERE, and the function
turning a row of it into the JSON-ready body. Both come from the same definitions as the
loaders', so a row reads the same everywhere.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select
from sqlalchemy.sql.elements import ColumnElement

from fastfm.db.reads import Row

Body = dict[str, Any]


@dataclass(frozen=True, slots=True)
class BodyShape:
    """The select of a kind's body columns (an ``id`` among them; no WHERE) and the
    function shaping one row of it."""

    select: Select[Any]
    body: Callable[[Row], Body]
    labels: tuple[str, ...] = field(init=False)  # the select's, in its column order

    def __post_init__(self) -> None:
        object.__setattr__(self, "labels", tuple(self.select.selected_columns.keys()))

    @property
    def id_column(self) -> ColumnElement[int]:
        column: ColumnElement[int] = self.select.selected_columns["id"]
        return column

    def from_values(self, values: Sequence[Any]) -> Body:
        """The body of one row given as its values, in the select's column order."""
        row: Mapping[str, Any] = dict(zip(self.labels, values, strict=True))
        return self.body(row)
