"""Encryption at rest of identifying fields, and rotation of the keys."""

from __future__ import annotations

from datetime import date
from io import StringIO
from typing import Any

import pytest
from cryptography.fernet import Fernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.test import override_settings

from nrm.access.audit import audit_verify
from nrm.access.models import AuditEvent
from nrm.people.models import Person
from nrm.testing import World

IDENTITY = {
    "given_names": "Maria Elena",
    "family_name": "Popescu",
    "birth_date": date(1994, 5, 17),
    "documents": [{"type": "PASSPORT", "number": "RO1234567", "country": "RO"}],
    "phone": "+40 712 345 678",
}


def stored(model: type[Any], pk: int, column: str) -> Any:
    """What the database itself holds, past the ORM."""
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {quote(column)} FROM {table} WHERE {quote('id')} = %s",  # noqa: S608 — quoted identifiers
            [pk],
        )
        return cursor.fetchone()[0]


def store(model: type[Any], pk: int, column: str, value: str) -> None:
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET {quote(column)} = %s WHERE {quote('id')} = %s",  # noqa: S608 — quoted identifiers
            [value, pk],
        )


def test_identities_are_stored_encrypted_and_read_back_unchanged(world: World) -> None:
    person = world.person("caseworker_a", **IDENTITY)
    again = world.person("caseworker_a", **IDENTITY)
    for name in IDENTITY:
        raw = stored(Person, person.pk, name)
        assert raw.startswith("fernet:"), name
        assert "Popescu" not in raw
        assert "RO1234567" not in raw
        assert "1994" not in raw
        # A fresh nonce each time: equal names do not give equal ciphertexts.
        assert raw != stored(Person, again.pk, name), name
    loaded = Person.objects.get(pk=person.pk)
    assert {name: getattr(loaded, name) for name in IDENTITY} == IDENTITY
    # Demographics stay in clear for the statistics.
    assert loaded.nationalities == ["RO"]


def test_empty_identity_fields_stay_empty(world: World) -> None:
    person = world.person("caseworker_a", given_names="", family_name="")
    assert stored(Person, person.pk, "given_names") == ""
    assert stored(Person, person.pk, "birth_date") is None
    loaded = Person.objects.get(pk=person.pk)
    assert (loaded.given_names, loaded.birth_date, loaded.documents) == ("", None, None)


def test_the_audit_trail_encrypts_the_values_it_records(world: World) -> None:
    person = world.person("caseworker_a", **IDENTITY)
    event = AuditEvent.objects.filter(record_id=str(person.pk), action="person_create").get()
    raw = stored(AuditEvent, event.pk, "changes")
    assert raw.startswith("fernet:")
    assert "age_at_first_contact" not in raw
    # Decrypted, the row holds the clear demographics it changed and only markers for the
    # identity fields: an audit row never keeps a name (it cannot be anonymised later).
    assert event.changes["age_at_first_contact"]["new"] == 31
    assert event.changes["family_name"] == "set"
    assert "Popescu" not in str(event.changes)


def test_old_values_still_decrypt_after_a_new_key_is_put_first(world: World) -> None:
    old_person = world.person("caseworker_a", **IDENTITY)
    new_key = Fernet.generate_key().decode()
    with override_settings(NRM_FIELD_KEYS=[new_key, *settings.NRM_FIELD_KEYS]):
        assert Person.objects.get(pk=old_person.pk).family_name == "Popescu"
        new_person = world.person("caseworker_a", family_name="Ionescu")
    # New values are written with the new key alone.
    raw = stored(Person, new_person.pk, "family_name")
    assert Fernet(new_key.encode()).decrypt(raw.removeprefix("fernet:").encode()) == b"Ionescu"


def test_rotation_re_encrypts_everything_so_the_old_key_can_go(world: World) -> None:
    person = world.person("caseworker_a", **IDENTITY)
    before = stored(Person, person.pk, "family_name")
    new_key = Fernet.generate_key().decode()
    out = StringIO()
    with override_settings(NRM_FIELD_KEYS=[new_key, *settings.NRM_FIELD_KEYS]):
        call_command("keys", "rotate", stdout=out)
    assert "Re-encrypted" in out.getvalue()
    assert stored(Person, person.pk, "family_name") != before

    with override_settings(NRM_FIELD_KEYS=[new_key]):
        loaded = Person.objects.get(pk=person.pk)
        assert {name: getattr(loaded, name) for name in IDENTITY} == IDENTITY
        event = AuditEvent.objects.get(record_id=str(person.pk), action="person_create")
        assert event.changes["age_at_first_contact"]["new"] == 31
        # The chain covers the plaintext, so re-encrypting the audit values leaves it whole.
        assert audit_verify().ok
    # The guard is back: the audit trail is append-only again after the rotation.
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()


def test_a_value_under_an_unknown_key_fails_loudly(world: World) -> None:
    person = world.person("caseworker_a", **IDENTITY)
    foreign = Fernet(Fernet.generate_key())
    store(Person, person.pk, "family_name", "fernet:" + foreign.encrypt(b"Someone").decode())
    with pytest.raises(ImproperlyConfigured, match="cannot be decrypted"):
        Person.objects.get(pk=person.pk)


def test_without_the_right_key_nothing_is_shown(world: World) -> None:
    person = world.person("caseworker_a", **IDENTITY)
    with (
        override_settings(NRM_FIELD_KEYS=[Fernet.generate_key().decode()]),
        pytest.raises(ImproperlyConfigured, match="cannot be decrypted"),
    ):
        Person.objects.get(pk=person.pk)


def test_a_clear_value_in_an_encrypted_column_fails_loudly(world: World) -> None:
    person = world.person("caseworker_a", **IDENTITY)
    store(Person, person.pk, "family_name", "Popescu")
    with pytest.raises(ImproperlyConfigured, match="not encrypted"):
        Person.objects.get(pk=person.pk)


def test_a_new_key_can_be_generated() -> None:
    out = StringIO()
    call_command("keys", "generate", stdout=out)
    key = out.getvalue().strip()
    assert Fernet(key.encode()).decrypt(Fernet(key.encode()).encrypt(b"x")) == b"x"
