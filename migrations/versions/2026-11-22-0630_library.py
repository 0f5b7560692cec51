"""library

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 06:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Kept exact by the follow service, like artist.follower_count.
    with op.batch_alter_table("user_account", schema=None, recreate="never") as batch_op:
        batch_op.add_column(
            sa.Column("follower_count", sa.Integer(), server_default=sa.text("0"), nullable=False)
        )
    op.create_table(
        "artist_follow",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("artist_id", sa.Integer(), nullable=False),
        sa.Column("followed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["artist_id"],
            ["artist.id"],
            name=op.f("fk_artist_follow_artist_id_artist"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user_account.id"],
            name=op.f("fk_artist_follow_user_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", "artist_id", name=op.f("pk_artist_follow")),
    )
    with op.batch_alter_table("artist_follow", schema=None) as batch_op:
        batch_op.create_index("ix_artist_follow_artist_id", ["artist_id"], unique=False)
        batch_op.create_index(
            "ix_artist_follow_user_id_followed_at", ["user_id", "followed_at"], unique=False
        )

    op.create_table(
        "user_follow",
        sa.Column("follower_id", sa.Integer(), nullable=False),
        sa.Column("followee_id", sa.Integer(), nullable=False),
        sa.Column("followed_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("follower_id <> followee_id", name=op.f("ck_user_follow_not_self")),
        sa.ForeignKeyConstraint(
            ["followee_id"],
            ["user_account.id"],
            name=op.f("fk_user_follow_followee_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["follower_id"],
            ["user_account.id"],
            name=op.f("fk_user_follow_follower_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("follower_id", "followee_id", name=op.f("pk_user_follow")),
    )
    with op.batch_alter_table("user_follow", schema=None) as batch_op:
        batch_op.create_index("ix_user_follow_followee_id", ["followee_id"], unique=False)
        batch_op.create_index(
            "ix_user_follow_follower_id_followed_at", ["follower_id", "followed_at"], unique=False
        )

    op.create_table(
        "play",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("song_id", sa.Integer(), nullable=False),
        sa.Column("played_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ms_played", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "ms_played IS NULL OR ms_played >= 0", name=op.f("ck_play_ms_played_not_negative")
        ),
        sa.ForeignKeyConstraint(
            ["song_id"], ["song.id"], name=op.f("fk_play_song_id_song"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user_account.id"],
            name=op.f("fk_play_user_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_play")),
    )
    with op.batch_alter_table("play", schema=None) as batch_op:
        batch_op.create_index("ix_play_played_at_song_id", ["played_at", "song_id"], unique=False)
        batch_op.create_index("ix_play_song_id", ["song_id"], unique=False)
        batch_op.create_index(
            "ix_play_user_id_played_at_id",
            ["user_id", "played_at", "id"],
            unique=False,
            postgresql_include=["song_id"],
        )

    op.create_table(
        "song_like",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("song_id", sa.Integer(), nullable=False),
        sa.Column("liked_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["song_id"], ["song.id"], name=op.f("fk_song_like_song_id_song"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user_account.id"],
            name=op.f("fk_song_like_user_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", "song_id", name=op.f("pk_song_like")),
    )
    with op.batch_alter_table("song_like", schema=None) as batch_op:
        batch_op.create_index("ix_song_like_song_id", ["song_id"], unique=False)
        batch_op.create_index(
            "ix_song_like_user_id_liked_at_song_id",
            ["user_id", "liked_at", "song_id"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("song_like", schema=None) as batch_op:
        batch_op.drop_index("ix_song_like_user_id_liked_at_song_id")
        batch_op.drop_index("ix_song_like_song_id")

    op.drop_table("song_like")
    with op.batch_alter_table("play", schema=None) as batch_op:
        batch_op.drop_index("ix_play_user_id_played_at_id", postgresql_include=["song_id"])
        batch_op.drop_index("ix_play_song_id")
        batch_op.drop_index("ix_play_played_at_song_id")

    op.drop_table("play")
    with op.batch_alter_table("user_follow", schema=None) as batch_op:
        batch_op.drop_index("ix_user_follow_follower_id_followed_at")
        batch_op.drop_index("ix_user_follow_followee_id")

    op.drop_table("user_follow")
    with op.batch_alter_table("artist_follow", schema=None) as batch_op:
        batch_op.drop_index("ix_artist_follow_user_id_followed_at")
        batch_op.drop_index("ix_artist_follow_artist_id")

    op.drop_table("artist_follow")
    # SQLite (3.35+) drops the column in place: recreating user_account would fire the
    # ON DELETE CASCADE of every table that references it.
    with op.batch_alter_table("user_account", schema=None, recreate="never") as batch_op:
        batch_op.drop_column("follower_count")
