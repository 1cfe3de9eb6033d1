"""HR dashboard accounts (`mailbot user add`); the case list's sort column indexed

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 17:15:00
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

import mailbot.store.types

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "webuser",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("password_hash", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("created_at", mailbot.store.types.UTCDateTime(), nullable=False),
        sa.Column("last_login_at", mailbot.store.types.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_webuser_email"), "webuser", ["email"], unique=True)
    op.create_index(op.f("ix_case_last_activity_at"), "case", ["last_activity_at"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_case_last_activity_at"), table_name="case")
    op.drop_index(op.f("ix_webuser_email"), table_name="webuser")
    op.drop_table("webuser")
