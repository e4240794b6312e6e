"""The database-level guard that keeps the audit table append-only.

Triggers refuse UPDATE and DELETE on the audit table, whatever code runs. The only lifting
is `guard_lifted()`, used by key rotation to re-encrypt the `changes` column inside one
transaction (the hash chain covers plaintext, so re-encryption leaves it intact).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, transaction

TABLE = "access_auditevent"

SQLITE_CREATE = [
    f"CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON {TABLE} "
    "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;",
    f"CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON {TABLE} "
    "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;",
]
SQLITE_DROP = ["DROP TRIGGER IF EXISTS audit_no_update;", "DROP TRIGGER IF EXISTS audit_no_delete;"]

POSTGRES_CREATE = [
    "CREATE OR REPLACE FUNCTION nrm_audit_append_only() RETURNS trigger AS $$ "
    "BEGIN RAISE EXCEPTION 'the audit log is append-only'; END; $$ LANGUAGE plpgsql;",
    f"CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON {TABLE} "
    "FOR EACH STATEMENT EXECUTE FUNCTION nrm_audit_append_only();",
]
POSTGRES_DROP = [
    f"DROP TRIGGER IF EXISTS audit_append_only ON {TABLE};",
    "DROP FUNCTION IF EXISTS nrm_audit_append_only();",
]


def create_statements(vendor: str) -> list[str]:
    return POSTGRES_CREATE if vendor == "postgresql" else SQLITE_CREATE


def drop_statements(vendor: str) -> list[str]:
    return POSTGRES_DROP if vendor == "postgresql" else SQLITE_DROP


@contextmanager
def guard_lifted() -> Iterator[None]:
    """Within one transaction: drop the guard, run the body, put the guard back."""
    with transaction.atomic(), connection.cursor() as cursor:
        for statement in drop_statements(connection.vendor):
            cursor.execute(statement)
        yield
        for statement in create_statements(connection.vendor):
            cursor.execute(statement)
