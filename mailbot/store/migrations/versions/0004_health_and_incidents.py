"""Health: what the worker last saw of each part it depends on, and the operators' incidents

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 16:10:00.000000

The operator incidents of before (`servicestate` rows `incident:<fault>`, open or closed) move
into the `incident` table; an open one keeps counting as already alerted, so nobody is told twice.
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
import sqlmodel
from alembic import op

import mailbot.store.types

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# The fault of before -> the component (and incident key) it is now.
_FAULT_COMPONENT = {"OcrUnavailable": "tesseract"}


def upgrade() -> None:
    op.create_table(
        "componenthealth",
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("role", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("last_ok_at", mailbot.store.types.UTCDateTime(), nullable=True),
        sa.Column("failing_since", mailbot.store.types.UTCDateTime(), nullable=True),
        sa.Column("last_error_at", mailbot.store.types.UTCDateTime(), nullable=True),
        sa.Column("last_error", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("error_kind", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.PrimaryKeyConstraint("key"),
    )
    incident = op.create_table(
        "incident",
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("is_open", sa.Boolean(), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("detail", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("opened_at", mailbot.store.types.UTCDateTime(), nullable=True),
        sa.Column("closed_at", mailbot.store.types.UTCDateTime(), nullable=True),
        sa.Column("alerted_at", mailbot.store.types.UTCDateTime(), nullable=True),
        sa.Column("last_alert_at", mailbot.store.types.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("key"),
    )
    connection = op.get_bind()
    state = sa.table("servicestate", sa.column("key", sa.String), sa.column("value", sa.String))
    rows = connection.execute(
        sa.select(state.c.key, state.c.value).where(state.c.key.like("incident:%"))).all()
    now = datetime.now(UTC)
    moved = []
    for key, value in rows:
        fault = key.removeprefix("incident:")
        is_open = value.startswith("open")
        moved.append({"key": _FAULT_COMPONENT.get(fault, fault), "is_open": is_open,
                      "title": f"{fault} (from before the upgrade)", "detail": value,
                      "opened_at": now if is_open else None,
                      "closed_at": None if is_open else now,
                      "alerted_at": now if is_open else None,
                      "last_alert_at": now if is_open else None})
    if moved:
        op.bulk_insert(incident, moved)
    connection.execute(sa.delete(state).where(state.c.key.like("incident:%")))


def downgrade() -> None:
    op.drop_table("incident")
    op.drop_table("componenthealth")
