"""Encryption at rest for identifying fields.

`cryptography`'s MultiFernet does the cryptography (AES-128-CBC with HMAC-SHA256,
authenticated); this module only adapts it to Django fields and to key rotation. Keys come
from settings.NRM_FIELD_KEYS, newest first: new values are encrypted with the first key,
old values decrypt with any key, and `nrm keys rotate` re-encrypts everything with the first.
Encrypted columns cannot be searched or sorted in SQL; lists show the pseudonymous reference.
"""

from __future__ import annotations

import datetime
import json
from functools import cache
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models.expressions import Expression

_PREFIX = "fernet:"


@cache
def _keyring(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured("NRM_FIELD_KEYS holds no key.")
    try:
        return MultiFernet([Fernet(key.encode()) for key in keys])
    except ValueError as exc:
        raise ImproperlyConfigured("NRM_FIELD_KEYS holds a malformed Fernet key.") from exc


def keyring() -> MultiFernet:
    return _keyring(tuple(settings.NRM_FIELD_KEYS))


def encrypt_text(plaintext: str) -> str:
    return _PREFIX + keyring().encrypt(plaintext.encode("utf-8")).decode("ascii")


def decrypt_text(ciphertext: str) -> str:
    if not ciphertext.startswith(_PREFIX):
        raise ImproperlyConfigured("An encrypted column holds a value that is not encrypted.")
    try:
        return keyring().decrypt(ciphertext[len(_PREFIX) :].encode("ascii")).decode("utf-8")
    except InvalidToken as exc:
        # Wrong or missing key: fail loudly rather than show garbage or an empty identity.
        raise ImproperlyConfigured("A value cannot be decrypted with NRM_FIELD_KEYS.") from exc


def rotate_text(ciphertext: str) -> str:
    """The same plaintext encrypted with the newest key."""
    token = keyring().rotate(ciphertext[len(_PREFIX) :].encode("ascii"))
    return _PREFIX + token.decode("ascii")


class _EncryptedField(models.TextField):  # type: ignore[type-arg]
    """Stores `to_text(value)` encrypted; the database never sees the plaintext."""

    description = "Encrypted value"

    def to_text(self, value: Any) -> str:
        raise NotImplementedError

    def from_text(self, text: str) -> Any:
        raise NotImplementedError

    def get_prep_value(self, value: Any) -> Any:
        if value is None or value == "":
            return None if self.null else ""
        return encrypt_text(self.to_text(value))

    def from_db_value(
        self, value: str | None, expression: Expression, connection: BaseDatabaseWrapper
    ) -> Any:
        if value is None or value == "":
            return None if value is None else self.empty_value()
        return self.from_text(decrypt_text(value))

    def to_python(self, value: Any) -> Any:
        if value is None or not isinstance(value, str):
            return value
        return self.from_text(value) if value else self.empty_value()

    def empty_value(self) -> Any:
        return ""

    def value_to_string(self, obj: models.Model) -> str:
        # Serialisation (backups, nrm/core/backup.py): the value's text form, which
        # `to_python` reads back; str() of a JSON value would not be JSON.
        value = self.value_from_object(obj)
        return "" if value is None or value == "" else self.to_text(value)

    def get_internal_type(self) -> str:
        return "TextField"


class EncryptedTextField(_EncryptedField):
    def to_text(self, value: Any) -> str:
        return str(value)

    def from_text(self, text: str) -> str:
        return text


class EncryptedDateField(_EncryptedField):
    def to_text(self, value: Any) -> str:
        if isinstance(value, datetime.date):
            return value.isoformat()
        return datetime.date.fromisoformat(str(value)).isoformat()

    def from_text(self, text: str) -> datetime.date:
        return datetime.date.fromisoformat(text)

    def empty_value(self) -> None:
        return None


class EncryptedJSONField(_EncryptedField):
    """A JSON value (list or object) encrypted as one blob."""

    # For django-stubs: the attribute holds JSON values, not the column's text.
    _pyi_private_set_type: Any
    _pyi_private_get_type: Any

    def to_text(self, value: Any) -> str:
        return json.dumps(value, sort_keys=True, ensure_ascii=False)

    def from_text(self, text: str) -> Any:
        return json.loads(text)

    def empty_value(self) -> Any:
        return None


def encrypt_field_in_place(field: models.Field) -> None:  # type: ignore[type-arg]
    """Make a third-party model's text field store its values encrypted (django-otp's TOTP
    secret). The field keeps its own deconstruction, so the owning app's migration state
    does not change; the column must hold the longer ciphertext (a migration widens it)."""
    if isinstance(field, _EncryptedField):
        return
    original = field.deconstruct()

    class _EncryptedInPlace(EncryptedTextField):
        def deconstruct(self) -> Any:
            return original

    field.__class__ = _EncryptedInPlace


def encrypt_column(
    connection: BaseDatabaseWrapper, table: str, column: str, *, decrypt: bool = False
) -> int:
    """Encrypt (or, to reverse a migration, decrypt) the existing values of one column in
    raw SQL; values already in the wanted form are left alone. For data migrations."""
    quote = connection.ops.quote_name
    changed = 0
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, {quote(column)} FROM {quote(table)}")  # noqa: S608  # nosec B608  # quoted identifiers
        for pk, value in cursor.fetchall():
            if not value or value.startswith(_PREFIX) != decrypt:
                continue
            new = decrypt_text(value) if decrypt else encrypt_text(value)
            cursor.execute(
                f"UPDATE {quote(table)} SET {quote(column)} = %s WHERE id = %s",  # noqa: S608  # nosec B608  # quoted identifiers
                [new, pk],
            )
            changed += 1
    return changed
