"""catalog revision

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22 09:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Catalog tables and, where other features update counters on them, the columns whose
# change is a catalog change (None: any change).
WATCHED: dict[str, tuple[str, ...] | None] = {
    "artist": ("name",),
    "album": ("title", "album_type", "release_date"),
    "song": ("title", "album_id", "duration_ms", "explicit", "release_date"),
    "genre": ("name", "slug"),
    "album_artist": None,
    "song_artist": None,
    "artist_genre": None,
    "album_genre": None,
    "song_genre": None,
    "credit": None,
}

# Gives the revision a new random value, once per transaction: readers only compare it for
# equality, and a random value never names two catalog states (a database restored to an
# earlier state gets that state's revision back; the next change draws a fresh one,
# where a counter would repeat values already seen). The row triggers are deferred, so
# this runs at commit, after every other lock the transaction takes: writers cannot
# deadlock on the row and hold it only while committing. TRUNCATE triggers cannot be
# deferred; a TRUNCATE bumps at once. The transaction-local setting skips every call
# after the first.
BUMP_FUNCTION = """
CREATE FUNCTION catalog_revision_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('fastfm.catalog_revision_bumped', true) IS DISTINCT FROM 'on' THEN
        UPDATE catalog_revision SET revision = floor(random() * 9.2e18)::bigint WHERE id = 1;
        PERFORM set_config('fastfm.catalog_revision_bumped', 'on', true);
    END IF;
    RETURN NULL;
END
$$
"""


def _create_triggers() -> None:
    op.execute(BUMP_FUNCTION)
    for table, columns in WATCHED.items():
        update = "UPDATE" if columns is None else f"UPDATE OF {', '.join(columns)}"
        op.execute(
            f"CREATE CONSTRAINT TRIGGER {table}_catalog_revision "
            f"AFTER INSERT OR DELETE OR {update} ON {table} "
            "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION catalog_revision_bump()"
        )
        op.execute(
            f"CREATE TRIGGER {table}_catalog_revision_truncate AFTER TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION catalog_revision_bump()"
        )


def upgrade() -> None:
    op.create_table(
        "catalog_revision",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("revision", sa.BigInteger(), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_catalog_revision_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_catalog_revision")),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "INSERT INTO catalog_revision (id, revision) "
            "VALUES (1, floor(random() * 9.2e18)::bigint)"
        )
        _create_triggers()


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in WATCHED:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_catalog_revision ON {table}")
            op.execute(f"DROP TRIGGER IF EXISTS {table}_catalog_revision_truncate ON {table}")
        op.execute("DROP FUNCTION IF EXISTS catalog_revision_bump()")
    op.drop_table("catalog_revision")
