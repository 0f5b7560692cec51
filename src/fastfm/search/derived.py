"""The search index's tables: derived data the search migration owns, not ORM models.

They hold nothing of their own (every row is computed from the catalog and playlists by
triggers), like an index. The models do not declare them, so schema comparisons
(Alembic's autogenerate, the migration tests) leave them out by name.
"""

from __future__ import annotations

PREFIX = "search_"


def is_search_table(name: str | None) -> bool:
    """Whether ``name`` is one of the search index's tables (or an FTS5 shadow table)."""
    return name is not None and name.startswith(PREFIX)


def include_name(name: str | None, type_: str, _parents: object) -> bool:
    """Alembic ``include_name`` hook: compare every table except the search index's."""
    return not (type_ == "table" and is_search_table(name))
