"""search name words

Revision ID: 0009
Revises: 0007
Create Date: 2026-12-03 13:30:00.000000

PostgreSQL: a GIN index of the words of each song's and album's folded name alone
(``to_tsvector('simple', name_key)``). Their word documents also hold artists' and the
album's names, so "every word in the name" could only be told apart by reading every
match anywhere; with the name's own words indexed, that tier reads just its rows. An
expression index: kept exact by the rows it indexes, with nothing to fill or trigger.
Artists, genres and playlists need none (their documents are their names).

SQLite: nothing (the FTS5 tables already match their name column alone).
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0009"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NAMED_APART = ("song", "album")


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for kind in NAMED_APART:
        op.execute(
            f"CREATE INDEX ix_search_{kind}_name_words ON search_{kind} "
            "USING gin (to_tsvector('simple'::regconfig, name_key))"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for kind in NAMED_APART:
        op.execute(f"DROP INDEX ix_search_{kind}_name_words")
