"""Persons of a case (the candidate and dependants); each document gets its person

Every existing case gets its candidate person, and its documents become the candidate's:
a case of before is a single-person case, nothing lost.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 22:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

import mailbot.store.types

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "person",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("relation", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("nationality", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("other_parent_stays", sa.Boolean(), nullable=False),
        sa.Column("partnership", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("confirmed", sa.Boolean(), nullable=False),
        sa.Column("proposed_from_document", sa.Integer(), nullable=True),
        sa.Column("created_at", mailbot.store.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["case.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_person_case_id"), "person", ["case_id"], unique=False)
    with op.batch_alter_table("document") as batch:
        batch.add_column(sa.Column("person_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("people", sa.JSON(), nullable=False, server_default="[]"))
        batch.create_index(batch.f("ix_document_person_id"), ["person_id"], unique=False)
        batch.create_foreign_key("fk_document_person_id_person", "person", ["person_id"],
                                 ["id"])
    # Each case of before: one candidate person, named like the case, owning its documents.
    op.execute(
        "INSERT INTO person (case_id, relation, name, other_parent_stays, confirmed, "
        "created_at) SELECT id, 'candidate', name, false, true, created_at FROM \"case\""
    )
    op.execute(
        "UPDATE document SET person_id = (SELECT person.id FROM person WHERE "
        "person.case_id = document.case_id AND person.relation = 'candidate') "
        "WHERE case_id IS NOT NULL"
    )


def downgrade() -> None:
    with op.batch_alter_table("document") as batch:
        batch.drop_constraint("fk_document_person_id_person", type_="foreignkey")
        batch.drop_index(batch.f("ix_document_person_id"))
        batch.drop_column("people")
        batch.drop_column("person_id")
    op.drop_index(op.f("ix_person_case_id"), table_name="person")
    op.drop_table("person")
