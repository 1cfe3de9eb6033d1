"""Reminders: the reminder log, pause/resume, bounces, the mark for HR; who claimed a send

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 16:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

import mailbot.store.types

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reminder",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("series", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("escalation", sa.Boolean(), nullable=False),
        sa.Column("at", mailbot.store.types.UTCDateTime(), nullable=False),
        sa.Column("message_id", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["case.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("case_id", "series", "number"),
    )
    op.create_index(op.f("ix_reminder_case_id"), "reminder", ["case_id"], unique=False)
    # Plain ADD COLUMN (see 0002): a batch rebuild would DROP "case", which foreign keys forbid.
    op.add_column("case", sa.Column("reminders_paused", sa.Boolean(), nullable=False,
                                    server_default=sa.false()))
    for name in ("reminders_resumed_at", "bounced_at", "escalated_at"):
        op.add_column("case", sa.Column(name, mailbot.store.types.UTCDateTime(), nullable=True))
    op.add_column("case", sa.Column("escalated_after", sa.Integer(), nullable=True))
    op.add_column("outboundmail", sa.Column("claimed_by", sqlmodel.sql.sqltypes.AutoString(),
                                            nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("outboundmail", schema=None) as batch_op:
        batch_op.drop_column("claimed_by")
    with op.batch_alter_table("case", schema=None) as batch_op:
        for name in ("escalated_after", "escalated_at", "bounced_at", "reminders_resumed_at",
                     "reminders_paused"):
            batch_op.drop_column(name)
    op.drop_index(op.f("ix_reminder_case_id"), table_name="reminder")
    op.drop_table("reminder")
