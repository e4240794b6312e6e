"""Database triggers that refuse UPDATE and DELETE on the audit table (nrm/access/guard.py)."""

from __future__ import annotations

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

from nrm.access.guard import create_statements, drop_statements


def create_guard(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    for statement in create_statements(schema_editor.connection.vendor):
        schema_editor.execute(statement)


def drop_guard(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    for statement in drop_statements(schema_editor.connection.vendor):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("access", "0002_initial")]
    operations = [migrations.RunPython(create_guard, drop_guard)]
