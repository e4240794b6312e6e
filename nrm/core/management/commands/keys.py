"""`nrm keys generate|rotate`: field-encryption keys (docs/security.md, "Key rotation")."""

from __future__ import annotations

from typing import Any

from cryptography.fernet import Fernet
from django.apps import apps
from django.core.management.base import BaseCommand, CommandParser
from django.db import connection, models

from nrm.access.guard import guard_lifted
from nrm.core.crypto import _EncryptedField, rotate_text


class Command(BaseCommand):
    help = "Generate a field-encryption key, or re-encrypt every value with the newest key."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="what", required=True)
        sub.add_parser("generate", help="Print a new key to put first in NRM_FIELD_KEYS.")
        sub.add_parser("rotate", help="Re-encrypt all encrypted columns with the first key.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["what"] == "generate":
            self.stdout.write(Fernet.generate_key().decode())
            return
        total = 0
        # One transaction for everything: a rotation is all or nothing.
        with guard_lifted():
            for model in apps.get_models():
                fields = [f for f in model._meta.concrete_fields if isinstance(f, _EncryptedField)]
                if fields:
                    total += rotate_model(model, [f.column for f in fields])
        self.stdout.write(self.style.SUCCESS(f"Re-encrypted {total} rows with the newest key."))


def rotate_model(model: type[models.Model], columns: list[str]) -> int:
    """Ciphertext in, ciphertext out, in raw SQL: no plaintext passes through the ORM."""
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    pk = quote(model._meta.pk.column)
    cols = ", ".join(quote(c) for c in columns)
    assignments = ", ".join(f"{quote(c)} = %s" for c in columns)
    changed = 0
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {pk}, {cols} FROM {table}")  # noqa: S608  # nosec B608  # quoted identifiers
        rows = cursor.fetchall()
        for row_pk, *values in rows:
            if not any(values):
                continue
            new_values = [rotate_text(v) if v else v for v in values]
            cursor.execute(
                f"UPDATE {table} SET {assignments} WHERE {pk} = %s",  # noqa: S608  # nosec B608  # quoted identifiers
                [*new_values, row_pk],
            )
            changed += 1
    return changed
