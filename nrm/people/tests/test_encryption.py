"""Identities are encrypted at rest; demographics stay clear; a wrong key fails loudly."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from cryptography.fernet import Fernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test import override_settings

from nrm.access.models import AuditEvent
from nrm.core.crypto import decrypt_text
from nrm.people.models import DEMOGRAPHIC_FIELDS, IDENTITY_FIELDS, Person
from nrm.testing import World

IDENTITY = {
    "given_names": "Ileana Maria",
    "family_name": "Vasilescu",
    "other_names": "Ilinca",
    "birth_date": date(1991, 7, 23),
    "documents": [{"type": "PASSPORT", "number": "RO4711902"}],
    "phone": "+40 721 555 013",
    "email": "ileana.v@example.invalid",
    "address": "Strada Florilor 12, Craiova",
}
# Each identity value as it could appear in a column, a JSON blob or a log.
SECRETS = ["Ileana", "Vasilescu", "Ilinca", "1991-07-23", "RO4711902", "555 013", "ileana.v"]


def raw_row(table: str, columns: list[str], pk: int) -> dict[str, Any]:
    """What the database holds, past the ORM and its field decryption."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {', '.join(quote(c) for c in columns)} FROM {quote(table)} WHERE id = %s",  # noqa: S608
            [pk],
        )
        row = cursor.fetchone()
    assert row is not None
    return dict(zip(columns, row, strict=True))


@pytest.fixture
def person(world: World) -> Person:
    return world.person("caseworker_a", **IDENTITY)


def test_the_identity_columns_hold_no_plaintext(person: Person) -> None:
    row = raw_row("people_person", list(IDENTITY_FIELDS), person.pk)

    for column, value in row.items():
        assert isinstance(value, str), column
        assert value.startswith("fernet:"), column
        for secret in SECRETS:
            assert secret not in value, column


def test_the_identity_reads_back_through_the_model(person: Person) -> None:
    fresh = Person.objects.get(pk=person.pk)

    assert {name: getattr(fresh, name) for name in IDENTITY_FIELDS} == IDENTITY


def test_the_same_value_encrypts_differently_each_time(world: World) -> None:
    first = world.person("caseworker_a", family_name="Vasilescu")
    second = world.person("caseworker_a", family_name="Vasilescu")

    raw = [raw_row("people_person", ["family_name"], p.pk)["family_name"] for p in (first, second)]

    # Equal ciphertexts would let anyone with the database group persons by name.
    assert raw[0] != raw[1]
    assert decrypt_text(raw[0]) == decrypt_text(raw[1]) == "Vasilescu"


def test_the_demographics_stay_clear_for_statistics(person: Person) -> None:
    row = raw_row("people_person", list(DEMOGRAPHIC_FIELDS), person.pk)

    nationalities = row["nationalities"]
    if isinstance(nationalities, str):  # SQLite hands JSON back as text
        nationalities = json.loads(nationalities)
    assert nationalities == ["RO"]
    assert row["age_at_first_contact"] == 31
    assert row["gender"] == "NonSpecifiedUnknown"
    assert str(row["first_contact_on"]).startswith("2025-03-01")


def test_the_audit_trail_is_encrypted_and_names_identity_fields_without_values(
    person: Person,
) -> None:
    event = AuditEvent.objects.get(action="person_create", record_id=str(person.pk))

    raw = raw_row("access_auditevent", ["changes"], event.pk)["changes"]

    assert raw.startswith("fernet:")
    for secret in SECRETS:
        assert secret not in raw
    assert event.changes is not None
    assert event.changes["family_name"] == "set"
    assert "Vasilescu" not in str(event.changes)


def test_empty_identity_fields_stay_empty(world: World) -> None:
    person = world.person("caseworker_a", other_names="", phone="")

    row = raw_row("people_person", ["other_names", "phone", "birth_date", "documents"], person.pk)

    assert row == {"other_names": "", "phone": "", "birth_date": None, "documents": None}


def test_a_wrong_key_fails_loudly(person: Person) -> None:
    with (
        override_settings(NRM_FIELD_KEYS=[Fernet.generate_key().decode()]),
        pytest.raises(ImproperlyConfigured, match="cannot be decrypted"),
    ):
        Person.objects.get(pk=person.pk)


def test_a_missing_or_malformed_key_fails_loudly(person: Person) -> None:
    with override_settings(NRM_FIELD_KEYS=[]), pytest.raises(ImproperlyConfigured):
        Person.objects.get(pk=person.pk)
    with override_settings(NRM_FIELD_KEYS=["not a key"]), pytest.raises(ImproperlyConfigured):
        Person.objects.get(pk=person.pk)


def test_an_old_key_after_the_new_one_still_decrypts(person: Person) -> None:
    # The first step of a rotation: a new key first, the old one kept to read old values.
    keys = [Fernet.generate_key().decode(), *settings.NRM_FIELD_KEYS]

    with override_settings(NRM_FIELD_KEYS=keys):
        assert Person.objects.get(pk=person.pk).family_name == "Vasilescu"


def test_a_plaintext_value_in_an_encrypted_column_fails_loudly(person: Person) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE people_person SET family_name = %s WHERE id = %s", ["Vasilescu", person.pk]
        )

    with pytest.raises(ImproperlyConfigured, match="not encrypted"):
        Person.objects.get(pk=person.pk)
