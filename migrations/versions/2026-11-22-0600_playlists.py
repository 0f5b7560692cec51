"""playlists

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 06:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "playlist",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.String(length=2000), nullable=True),
        sa.Column("is_public", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("track_count", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column(
            "total_duration_ms", sa.BigInteger(), server_default=sa.text("0"), nullable=False
        ),
        sa.Column("follower_count", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("snapshot_id", sa.String(length=32), nullable=False),
        sa.Column("spotify_id", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "follower_count >= 0", name=op.f("ck_playlist_follower_count_not_negative")
        ),
        sa.CheckConstraint(
            "total_duration_ms >= 0", name=op.f("ck_playlist_total_duration_not_negative")
        ),
        sa.CheckConstraint("track_count >= 0", name=op.f("ck_playlist_track_count_not_negative")),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["user_account.id"],
            name=op.f("fk_playlist_owner_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_playlist")),
        sa.UniqueConstraint("owner_id", "spotify_id", name=op.f("uq_playlist_owner_id_spotify_id")),
    )
    with op.batch_alter_table("playlist", schema=None) as batch_op:
        batch_op.create_index(
            "ix_playlist_owner_id_is_public", ["owner_id", "is_public"], unique=False
        )

    op.create_table(
        "playlist_collaborator",
        sa.Column("playlist_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["playlist_id"],
            ["playlist.id"],
            name=op.f("fk_playlist_collaborator_playlist_id_playlist"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user_account.id"],
            name=op.f("fk_playlist_collaborator_user_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("playlist_id", "user_id", name=op.f("pk_playlist_collaborator")),
    )
    with op.batch_alter_table("playlist_collaborator", schema=None) as batch_op:
        batch_op.create_index(
            "ix_playlist_collaborator_user_id_playlist_id", ["user_id", "playlist_id"], unique=False
        )

    op.create_table(
        "playlist_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("playlist_id", sa.Integer(), nullable=False),
        sa.Column("song_id", sa.Integer(), nullable=False),
        sa.Column("sort_key", sa.BigInteger(), nullable=False),
        sa.Column("added_by_id", sa.Integer(), nullable=True),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["added_by_id"],
            ["user_account.id"],
            name=op.f("fk_playlist_entry_added_by_id_user_account"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["playlist_id"],
            ["playlist.id"],
            name=op.f("fk_playlist_entry_playlist_id_playlist"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["song_id"],
            ["song.id"],
            name=op.f("fk_playlist_entry_song_id_song"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_playlist_entry")),
        sa.UniqueConstraint(
            "playlist_id", "sort_key", name=op.f("uq_playlist_entry_playlist_id_sort_key")
        ),
    )
    with op.batch_alter_table("playlist_entry", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_playlist_entry_added_by_id"), ["added_by_id"], unique=False
        )
        batch_op.create_index(
            "ix_playlist_entry_song_id_playlist_id", ["song_id", "playlist_id"], unique=False
        )

    op.create_table(
        "playlist_follower",
        sa.Column("playlist_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("followed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["playlist_id"],
            ["playlist.id"],
            name=op.f("fk_playlist_follower_playlist_id_playlist"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user_account.id"],
            name=op.f("fk_playlist_follower_user_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("playlist_id", "user_id", name=op.f("pk_playlist_follower")),
    )
    with op.batch_alter_table("playlist_follower", schema=None) as batch_op:
        batch_op.create_index(
            "ix_playlist_follower_user_id_followed_at",
            ["user_id", "followed_at", "playlist_id"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("playlist_follower", schema=None) as batch_op:
        batch_op.drop_index("ix_playlist_follower_user_id_followed_at")

    op.drop_table("playlist_follower")
    with op.batch_alter_table("playlist_entry", schema=None) as batch_op:
        batch_op.drop_index("ix_playlist_entry_song_id_playlist_id")
        batch_op.drop_index(batch_op.f("ix_playlist_entry_added_by_id"))

    op.drop_table("playlist_entry")
    with op.batch_alter_table("playlist_collaborator", schema=None) as batch_op:
        batch_op.drop_index("ix_playlist_collaborator_user_id_playlist_id")

    op.drop_table("playlist_collaborator")
    with op.batch_alter_table("playlist", schema=None) as batch_op:
        batch_op.drop_index("ix_playlist_owner_id_is_public")

    op.drop_table("playlist")
