"""HR reads what the bot could not: the nationality and expiry date of an accepted passport

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 16:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN, nullable: existing rows mean "HR did not say" (see 0002 on why no batch).
    op.add_column("document", sa.Column("decided_nationality",
                                        sqlmodel.sql.sqltypes.AutoString(), nullable=True))
    op.add_column("document", sa.Column("decided_expiry", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.drop_column("decided_expiry")
        batch_op.drop_column("decided_nationality")
