"""catalog

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 05:33:28.325887
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# PostgreSQL-only indexes are empty partial indexes on SQLite (see fastfm.catalog.pg_only).
PG_ONLY = sa.false()
COUNTED_TABLES = ("artist", "album", "song")

# Keeps id_block_count in step with every INSERT and DELETE statement on a counted table
# (see fastfm.catalog.id_blocks): the statement's rows per block of 4096 ids are added,
# and the block's rows are folded into one, skipping rows another writer holds, so
# concurrent writers never wait for each other here.
ID_BLOCK_COUNT_FUNCTION = """
CREATE FUNCTION id_block_count_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    WITH changed AS (
        SELECT id >> 12 AS block,
               CASE TG_OP WHEN 'INSERT' THEN count(*) ELSE -count(*) END AS delta
        FROM changed_rows
        GROUP BY 1
    ), claimed AS (
        SELECT c.id FROM id_block_count c
        WHERE c.table_name = TG_TABLE_NAME AND c.block IN (SELECT block FROM changed)
        FOR UPDATE SKIP LOCKED
    ), folded AS (
        DELETE FROM id_block_count c USING claimed WHERE c.id = claimed.id
        RETURNING c.block, c.delta
    )
    INSERT INTO id_block_count (table_name, block, delta)
    SELECT TG_TABLE_NAME, block, sum(delta)
    FROM (SELECT block, delta FROM changed UNION ALL SELECT block, delta FROM folded) AS d
    GROUP BY block
    HAVING sum(delta) <> 0;
    RETURN NULL;
END
$$
"""
ID_BLOCK_COUNT_TRUNCATED_FUNCTION = """
CREATE FUNCTION id_block_count_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM id_block_count WHERE table_name = TG_TABLE_NAME;
    RETURN NULL;
END
$$
"""


def _create_id_block_triggers() -> None:
    op.execute(ID_BLOCK_COUNT_FUNCTION)
    op.execute(ID_BLOCK_COUNT_TRUNCATED_FUNCTION)
    for table in COUNTED_TABLES:
        for event, rows in (("INSERT", "NEW"), ("DELETE", "OLD")):
            op.execute(
                f"CREATE TRIGGER {table}_id_block_count_{event.lower()} AFTER {event} ON {table} "
                f"REFERENCING {rows} TABLE AS changed_rows FOR EACH STATEMENT "
                "EXECUTE FUNCTION id_block_count_changed()"
            )
        op.execute(
            f"CREATE TRIGGER {table}_id_block_count_truncate AFTER TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION id_block_count_truncated()"
        )


def _drop_id_block_triggers() -> None:
    for table in COUNTED_TABLES:
        for event in ("insert", "delete", "truncate"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_id_block_count_{event} ON {table}")
    op.execute("DROP FUNCTION IF EXISTS id_block_count_changed()")
    op.execute("DROP FUNCTION IF EXISTS id_block_count_truncated()")


def upgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    # `sort=-release_date` (nulls last, then id); SQLite already puts nulls last in DESC.
    release_date_desc = sa.text(
        "release_date DESC NULLS LAST" if postgresql else "release_date DESC"
    )
    if postgresql:
        # Trusted since PostgreSQL 13: the database owner may create it.
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")

    op.create_table(
        "album",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("album_type", sa.String(length=20), nullable=False),
        sa.Column("release_date", sa.Date(), nullable=True),
        sa.Column("track_count", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column(
            "total_duration_ms", sa.BigInteger(), server_default=sa.text("0"), nullable=False
        ),
        sa.Column("spotify_id", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "album_type IN ('album', 'single', 'ep', 'compilation')",
            name=op.f("ck_album_album_type_known"),
        ),
        sa.CheckConstraint(
            "total_duration_ms >= 0", name=op.f("ck_album_total_duration_not_negative")
        ),
        sa.CheckConstraint("track_count >= 0", name=op.f("ck_album_track_count_not_negative")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_album")),
        sa.UniqueConstraint("spotify_id", name=op.f("uq_album_spotify_id")),
    )
    with op.batch_alter_table("album", schema=None) as batch_op:
        batch_op.create_index("ix_album_created_at_id", ["created_at", "id"], unique=False)
        batch_op.create_index("ix_album_release_date_id", ["release_date", "id"], unique=False)
        batch_op.create_index("ix_album_title_id", ["title", "id"], unique=False)
        batch_op.create_index(
            "ix_album_title_trgm",
            ["title"],
            unique=False,
            postgresql_using="gin",
            postgresql_ops={"title": "gin_trgm_ops"},
            sqlite_where=PG_ONLY,
        )
        batch_op.create_index(
            "ix_album_release_date_desc_id", [release_date_desc, sa.column("id")], unique=False
        )

    op.create_table(
        "artist",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("bio", sa.Text(), nullable=True),
        sa.Column("image_url", sa.String(length=2048), nullable=True),
        sa.Column("follower_count", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("spotify_id", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_artist")),
        sa.UniqueConstraint("spotify_id", name=op.f("uq_artist_spotify_id")),
    )
    with op.batch_alter_table("artist", schema=None) as batch_op:
        batch_op.create_index("ix_artist_created_at_id", ["created_at", "id"], unique=False)
        batch_op.create_index("ix_artist_follower_count_id", ["follower_count", "id"], unique=False)
        batch_op.create_index("ix_artist_name_id", ["name", "id"], unique=False)
        batch_op.create_index(
            "ix_artist_name_trgm",
            ["name"],
            unique=False,
            postgresql_using="gin",
            postgresql_ops={"name": "gin_trgm_ops"},
            sqlite_where=PG_ONLY,
        )

    op.create_table(
        "genre",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("name_key", sa.String(length=200), nullable=False),
        sa.Column("slug", sa.String(length=220), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_genre")),
        sa.UniqueConstraint("name_key", name=op.f("uq_genre_name_key")),
        sa.UniqueConstraint("slug", name=op.f("uq_genre_slug")),
    )
    op.create_table(
        "album_artist",
        sa.Column("album_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("artist_id", sa.Integer(), nullable=False),
        sa.CheckConstraint("position >= 0", name=op.f("ck_album_artist_position_not_negative")),
        sa.ForeignKeyConstraint(
            ["album_id"],
            ["album.id"],
            name=op.f("fk_album_artist_album_id_album"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["artist_id"],
            ["artist.id"],
            name=op.f("fk_album_artist_artist_id_artist"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("album_id", "position", name=op.f("pk_album_artist")),
        sa.UniqueConstraint(
            "album_id", "artist_id", name=op.f("uq_album_artist_album_id_artist_id")
        ),
    )
    with op.batch_alter_table("album_artist", schema=None) as batch_op:
        batch_op.create_index(
            "ix_album_artist_artist_id_album_id", ["artist_id", "album_id"], unique=False
        )

    op.create_table(
        "album_genre",
        sa.Column("album_id", sa.Integer(), nullable=False),
        sa.Column("genre_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["album_id"],
            ["album.id"],
            name=op.f("fk_album_genre_album_id_album"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["genre_id"],
            ["genre.id"],
            name=op.f("fk_album_genre_genre_id_genre"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("album_id", "genre_id", name=op.f("pk_album_genre")),
    )
    with op.batch_alter_table("album_genre", schema=None) as batch_op:
        batch_op.create_index(
            "ix_album_genre_genre_id_album_id", ["genre_id", "album_id"], unique=False
        )

    op.create_table(
        "artist_genre",
        sa.Column("artist_id", sa.Integer(), nullable=False),
        sa.Column("genre_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["artist_id"],
            ["artist.id"],
            name=op.f("fk_artist_genre_artist_id_artist"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["genre_id"],
            ["genre.id"],
            name=op.f("fk_artist_genre_genre_id_genre"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("artist_id", "genre_id", name=op.f("pk_artist_genre")),
    )
    with op.batch_alter_table("artist_genre", schema=None) as batch_op:
        batch_op.create_index(
            "ix_artist_genre_genre_id_artist_id", ["genre_id", "artist_id"], unique=False
        )

    op.create_table(
        "song",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("duration_ms", sa.Integer(), nullable=False),
        sa.Column("explicit", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("isrc", sa.String(length=12), nullable=True),
        sa.Column("album_id", sa.Integer(), nullable=True),
        sa.Column("disc_number", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.Column("track_number", sa.Integer(), nullable=True),
        sa.Column("release_date", sa.Date(), nullable=True),
        sa.Column("like_count", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("play_count", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("spotify_id", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("disc_number >= 1", name=op.f("ck_song_disc_number_positive")),
        sa.CheckConstraint("duration_ms > 0", name=op.f("ck_song_duration_positive")),
        sa.CheckConstraint("like_count >= 0", name=op.f("ck_song_like_count_not_negative")),
        sa.CheckConstraint("play_count >= 0", name=op.f("ck_song_play_count_not_negative")),
        sa.CheckConstraint(
            "track_number IS NULL OR track_number >= 1", name=op.f("ck_song_track_number_positive")
        ),
        sa.ForeignKeyConstraint(
            ["album_id"], ["album.id"], name=op.f("fk_song_album_id_album"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_song")),
        sa.UniqueConstraint("spotify_id", name=op.f("uq_song_spotify_id")),
    )
    with op.batch_alter_table("song", schema=None) as batch_op:
        batch_op.create_index(
            "ix_song_album_id_disc_number_track_number",
            ["album_id", "disc_number", "track_number"],
            unique=False,
        )
        batch_op.create_index("ix_song_created_at_id", ["created_at", "id"], unique=False)
        batch_op.create_index("ix_song_duration_ms_id", ["duration_ms", "id"], unique=False)
        batch_op.create_index(batch_op.f("ix_song_isrc"), ["isrc"], unique=False)
        batch_op.create_index("ix_song_like_count_id", ["like_count", "id"], unique=False)
        batch_op.create_index("ix_song_play_count_id", ["play_count", "id"], unique=False)
        batch_op.create_index("ix_song_release_date_id", ["release_date", "id"], unique=False)
        batch_op.create_index("ix_song_title_id", ["title", "id"], unique=False)
        batch_op.create_index(
            "ix_song_title_trgm",
            ["title"],
            unique=False,
            postgresql_using="gin",
            postgresql_ops={"title": "gin_trgm_ops"},
            sqlite_where=PG_ONLY,
        )
        batch_op.create_index(
            "ix_song_release_date_desc_id", [release_date_desc, sa.column("id")], unique=False
        )

    op.create_table(
        "credit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("song_id", sa.Integer(), nullable=False),
        sa.Column("artist_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.Column("detail", sa.String(length=200), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "role IN ('composer', 'lyricist', 'producer', 'co_producer', 'engineer', 'mixing_engineer', 'mastering_engineer', 'arranger', 'featured_artist', 'performer')",
            name=op.f("ck_credit_role_known"),
        ),
        sa.ForeignKeyConstraint(
            ["artist_id"],
            ["artist.id"],
            name=op.f("fk_credit_artist_id_artist"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["song_id"], ["song.id"], name=op.f("fk_credit_song_id_song"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_credit")),
    )
    with op.batch_alter_table("credit", schema=None) as batch_op:
        batch_op.create_index("ix_credit_artist_id_song_id", ["artist_id", "song_id"], unique=False)
        batch_op.create_index("ix_credit_song_id_position", ["song_id", "position"], unique=False)

    op.create_table(
        "song_artist",
        sa.Column("song_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("artist_id", sa.Integer(), nullable=False),
        sa.CheckConstraint("position >= 0", name=op.f("ck_song_artist_position_not_negative")),
        sa.ForeignKeyConstraint(
            ["artist_id"],
            ["artist.id"],
            name=op.f("fk_song_artist_artist_id_artist"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["song_id"], ["song.id"], name=op.f("fk_song_artist_song_id_song"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("song_id", "position", name=op.f("pk_song_artist")),
        sa.UniqueConstraint("song_id", "artist_id", name=op.f("uq_song_artist_song_id_artist_id")),
    )
    with op.batch_alter_table("song_artist", schema=None) as batch_op:
        batch_op.create_index(
            "ix_song_artist_artist_id_song_id", ["artist_id", "song_id"], unique=False
        )

    op.create_table(
        "song_genre",
        sa.Column("song_id", sa.Integer(), nullable=False),
        sa.Column("genre_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["genre_id"],
            ["genre.id"],
            name=op.f("fk_song_genre_genre_id_genre"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["song_id"], ["song.id"], name=op.f("fk_song_genre_song_id_song"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("song_id", "genre_id", name=op.f("pk_song_genre")),
    )
    with op.batch_alter_table("song_genre", schema=None) as batch_op:
        batch_op.create_index(
            "ix_song_genre_genre_id_song_id", ["genre_id", "song_id"], unique=False
        )

    op.create_table(
        "id_block_count",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("table_name", sa.String(length=63), nullable=False),
        sa.Column("block", sa.Integer(), nullable=False),
        sa.Column("delta", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_id_block_count")),
    )
    with op.batch_alter_table("id_block_count", schema=None) as batch_op:
        batch_op.create_index(
            "ix_id_block_count_table_name_block", ["table_name", "block"], unique=False
        )
    if postgresql:
        _create_id_block_triggers()


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _drop_id_block_triggers()
    with op.batch_alter_table("id_block_count", schema=None) as batch_op:
        batch_op.drop_index("ix_id_block_count_table_name_block")

    op.drop_table("id_block_count")

    with op.batch_alter_table("song_genre", schema=None) as batch_op:
        batch_op.drop_index("ix_song_genre_genre_id_song_id")

    op.drop_table("song_genre")
    with op.batch_alter_table("song_artist", schema=None) as batch_op:
        batch_op.drop_index("ix_song_artist_artist_id_song_id")

    op.drop_table("song_artist")
    with op.batch_alter_table("credit", schema=None) as batch_op:
        batch_op.drop_index("ix_credit_song_id_position")
        batch_op.drop_index("ix_credit_artist_id_song_id")

    op.drop_table("credit")
    with op.batch_alter_table("song", schema=None) as batch_op:
        batch_op.drop_index("ix_song_title_trgm", sqlite_where=PG_ONLY)
        batch_op.drop_index("ix_song_release_date_desc_id")
        batch_op.drop_index("ix_song_title_id")
        batch_op.drop_index("ix_song_release_date_id")
        batch_op.drop_index("ix_song_play_count_id")
        batch_op.drop_index("ix_song_like_count_id")
        batch_op.drop_index(batch_op.f("ix_song_isrc"))
        batch_op.drop_index("ix_song_duration_ms_id")
        batch_op.drop_index("ix_song_created_at_id")
        batch_op.drop_index("ix_song_album_id_disc_number_track_number")

    op.drop_table("song")
    with op.batch_alter_table("artist_genre", schema=None) as batch_op:
        batch_op.drop_index("ix_artist_genre_genre_id_artist_id")

    op.drop_table("artist_genre")
    with op.batch_alter_table("album_genre", schema=None) as batch_op:
        batch_op.drop_index("ix_album_genre_genre_id_album_id")

    op.drop_table("album_genre")
    with op.batch_alter_table("album_artist", schema=None) as batch_op:
        batch_op.drop_index("ix_album_artist_artist_id_album_id")

    op.drop_table("album_artist")
    op.drop_table("genre")
    with op.batch_alter_table("artist", schema=None) as batch_op:
        batch_op.drop_index("ix_artist_name_trgm", sqlite_where=PG_ONLY)
        batch_op.drop_index("ix_artist_name_id")
        batch_op.drop_index("ix_artist_follower_count_id")
        batch_op.drop_index("ix_artist_created_at_id")

    op.drop_table("artist")
    with op.batch_alter_table("album", schema=None) as batch_op:
        batch_op.drop_index("ix_album_title_trgm", sqlite_where=PG_ONLY)
        batch_op.drop_index("ix_album_release_date_desc_id")
        batch_op.drop_index("ix_album_title_id")
        batch_op.drop_index("ix_album_release_date_id")
        batch_op.drop_index("ix_album_created_at_id")

    op.drop_table("album")
