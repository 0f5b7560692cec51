"""The catalog's revision: a number that changes with every committed catalog change.

On PostgreSQL, deferred constraint triggers (migration 0005) give the single row of
``catalog_revision`` a new random value when a transaction that inserted, deleted or
changed a filterable column of any catalog table commits: once per transaction, at
commit, after every other lock the transaction takes, so writers never deadlock on it and
hold it only for the commit (a TRUNCATE, whose triggers cannot be deferred, takes it at
once). Likes, plays and follows change counters, not the catalog, and leave it alone.
Random values, compared only for equality, never name two catalog states: a database
restored to an earlier state has that state's revision again, and the next change draws
a new one. Writes that skip triggers (``session_replication_role = replica``,
``pg_restore --disable-triggers``) must be followed by a bump by hand, as the synthetic
seed does.

A statement that reads the revision together with a count therefore knows exactly which
catalog state the count belongs to. :class:`TotalCache` keeps such counts: a list whose
total costs a scan (``q`` over a million titles: ~30 ms) reads only its page and the
revision on the next request, and uses the kept total while the revision is unchanged.
SQLite (the embedded profile) has no triggers; its lists count every time.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable
from typing import Any

from sqlalchemy import BigInteger, CheckConstraint, Integer, ScalarSelect, select
from sqlalchemy.orm import Mapped, mapped_column

from fastfm.db.base import Base

MAX_TOTALS = 4096


class CatalogRevision(Base):
    """The one row holding the catalog's current revision (PostgreSQL)."""

    __tablename__ = "catalog_revision"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    revision: Mapped[int] = mapped_column(BigInteger)


def current_revision() -> ScalarSelect[int]:
    """``(SELECT revision FROM catalog_revision)``, to read beside a page or a count."""
    return select(CatalogRevision.revision).where(CatalogRevision.id == 1).scalar_subquery()


class TotalCache:
    """Exact list totals by (list shape, filter values), each with the revision it was
    counted at; the most recently used ``MAX_TOTALS`` are kept."""

    def __init__(self, size: int = MAX_TOTALS) -> None:
        self._size = size
        self._totals: OrderedDict[Hashable, tuple[int, int]] = OrderedDict()

    def get(self, key: Hashable, revision: int) -> int | None:
        """The total counted at ``revision``, if known."""
        entry = self._totals.get(key)
        if entry is None or entry[0] != revision:
            return None
        self._totals.move_to_end(key)
        return entry[1]

    def revision_of(self, key: Hashable) -> int | None:
        """The revision a kept total was counted at (``None``: none kept)."""
        entry = self._totals.get(key)
        return None if entry is None else entry[0]

    def put(self, key: Hashable, revision: int, total: int) -> None:
        self._totals[key] = (revision, total)
        self._totals.move_to_end(key)
        if len(self._totals) > self._size:
            self._totals.popitem(last=False)


def values_key(params: dict[str, Any]) -> tuple[tuple[str, Any], ...]:
    """The filter values of a list request as a hashable key (lists become tuples)."""
    return tuple(
        sorted(
            (name, tuple(value) if isinstance(value, list) else value)
            for name, value in params.items()
        )
    )
