"""The TOTP secrets of django-otp's devices encrypted at rest (issue 11, item 8).

django-otp's `key` column is a varchar(80) of hex; `AccountsConfig.ready` makes the field
store Fernet ciphertext (nrm.core.crypto.encrypt_field_in_place), which needs about 150
characters. The column is widened here (PostgreSQL enforces the length; SQLite does not)
and the existing secrets are encrypted in place. django-otp's own migration state is not
touched: its field still deconstructs as the CharField it ships.
"""

from django.db import migrations

import nrm.core.crypto

TABLE = "otp_totp_totpdevice"


def encrypt(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f'ALTER TABLE "{TABLE}" ALTER COLUMN "key" TYPE varchar(255)')
    nrm.core.crypto.encrypt_column(schema_editor.connection, TABLE, "key")


def decrypt(apps, schema_editor):
    nrm.core.crypto.encrypt_column(schema_editor.connection, TABLE, "key", decrypt=True)
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f'ALTER TABLE "{TABLE}" ALTER COLUMN "key" TYPE varchar(80)')


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_api_token"),
        ("otp_totp", "0003_add_timestamps"),
    ]

    operations = [migrations.RunPython(encrypt, decrypt)]
