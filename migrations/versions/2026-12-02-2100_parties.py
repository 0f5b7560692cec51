"""parties

Revision ID: 0008
Revises: 0005
Create Date: 2026-12-02 21:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "party",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("join_code", sa.String(length=8), nullable=False),
        sa.Column("playlist_id", sa.Integer(), nullable=False),
        sa.Column("host_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("state_version", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("state_song_id", sa.Integer(), nullable=True),
        sa.Column("state_entry_position", sa.Integer(), nullable=True),
        sa.Column("state_offset_ms", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("state_is_playing", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("state_changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["host_id"],
            ["user_account.id"],
            name=op.f("fk_party_host_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["playlist_id"],
            ["playlist.id"],
            name=op.f("fk_party_playlist_id_playlist"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["state_song_id"],
            ["song.id"],
            name=op.f("fk_party_state_song_id_song"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_party")),
        sa.UniqueConstraint("join_code", name=op.f("uq_party_join_code")),
    )
    op.create_index(op.f("ix_party_host_id"), "party", ["host_id"], unique=False)
    op.create_index(op.f("ix_party_playlist_id"), "party", ["playlist_id"], unique=False)
    op.create_index(op.f("ix_party_state_song_id"), "party", ["state_song_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_party_state_song_id"), table_name="party")
    op.drop_index(op.f("ix_party_playlist_id"), table_name="party")
    op.drop_index(op.f("ix_party_host_id"), table_name="party")
    op.drop_table("party")
