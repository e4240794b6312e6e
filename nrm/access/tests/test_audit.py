"""The audit trail: what each read and write leaves behind, and that nobody can rewrite it."""

from __future__ import annotations

import io
import itertools
import json
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest
from cryptography.fernet import Fernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction
from django.test import Client, override_settings
from django.utils import translation

from nrm.access import audit as audit_module
from nrm.access.audit import GENESIS_HASH, audit_verify
from nrm.access.guard import guard_lifted
from nrm.access.models import AuditChainHead, AuditEvent, AuditEventType, Purpose
from nrm.core.crypto import encrypt_text
from nrm.people import actions as people_actions
from nrm.people.actions import PersonData, person_update
from nrm.people.models import Person
from nrm.testing import World

TABLE = AuditEvent._meta.db_table


@pytest.fixture(autouse=True)
def in_english() -> Iterator[None]:
    # Labels and reasons are compared in English, whatever language an earlier test left on.
    with translation.override("en"):
        yield


def tamper(sql: str, params: list[Any]) -> None:
    """What an attacker with database access would do, past the append-only guard."""
    with guard_lifted(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def verify_command() -> str:
    out = io.StringIO()
    call_command("audit", "verify", stdout=out)
    return out.getvalue()


def broken_row_named_by_command() -> CommandError:
    with pytest.raises(CommandError) as caught:
        verify_command()
    assert caught.value.returncode == 1
    return caught.value


def edit(world: World, person: Person, persona: str = "inspector", **fields: Any) -> Person:
    values: dict[str, Any] = {
        "given_names": person.given_names,
        "family_name": person.family_name,
        "nationalities": person.nationalities,
        "languages": person.languages,
        "age_at_first_contact": person.age_at_first_contact,
        "first_contact_on": person.first_contact_on,
    }
    values.update(fields)
    return person_update(
        actor=world.actor(persona),
        person_id=person.pk,
        expected_version=person.version,
        data=PersonData(**values),
    )


def test_reading_a_person_writes_a_read_row_with_actor_organisation_purpose_and_record(
    world: World, client_as: Callable[[str], Client]
) -> None:
    person = world.person("caseworker_a")

    response = client_as("caseworker_a").get(f"/people/{person.reference}/")

    assert response.status_code == 200
    row = AuditEvent.objects.latest("id")
    assert row.event_type == AuditEventType.READ
    assert row.action == "person_view"
    assert row.actor == world.users["caseworker_a"]
    assert row.actor_label == "caseworker_a"
    assert row.organisation == world.organisations["PAG-ASA"]
    assert row.role == "CASEWORKER"
    assert row.purpose == Purpose.CARE
    assert (row.record_type, row.record_id) == ("people.person", str(person.pk))
    assert row.changes is None  # a read copies no personal data into the trail


def test_creating_a_person_names_identity_fields_and_keeps_demographic_values(
    world: World,
) -> None:
    person = world.person("inspector", given_names="Ana", birth_date=date(1990, 5, 17))

    row = AuditEvent.objects.get(action="person_create", record_id=str(person.pk))

    assert row.event_type == AuditEventType.CREATE
    assert row.purpose == Purpose.INVESTIGATION
    assert row.changes is not None
    # Identity fields by name only: the trail outlives the person's anonymisation.
    assert row.changes["given_names"] == "set"
    assert row.changes["birth_date"] == "set"
    assert "phone" not in row.changes  # left empty
    assert row.changes["nationalities"] == {"old": None, "new": ["RO"]}


def test_an_edit_writes_what_changed_with_values_only_for_demographics(world: World) -> None:
    person = world.person("inspector", family_name="Popescu")

    edit(world, person, family_name="Ionescu", age_at_first_contact=32)

    row = AuditEvent.objects.latest("id")
    assert row.event_type == AuditEventType.UPDATE
    assert row.action == "person_update"
    assert row.actor == world.users["inspector"]
    assert row.changes == {
        "family_name": "changed",
        "age_at_first_contact": {"old": 31, "new": 32},
    }


def test_an_edit_that_changes_nothing_writes_no_row(world: World) -> None:
    person = world.person("inspector")
    last = AuditEvent.objects.latest("id").pk

    edit(world, person)

    assert AuditEvent.objects.latest("id").pk == last


def test_a_create_that_fails_after_its_audit_row_leaves_no_row_and_no_person(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    head_before = AuditChainHead.objects.get(pk=1).last_hash
    persons_before = Person.objects.count()

    def fail(**kwargs: Any) -> None:
        raise RuntimeError("the involvement could not be opened")

    # person_create writes its audit row, then opens the involvement: fail at that point.
    monkeypatch.setattr(people_actions, "involvement_open", fail)
    with pytest.raises(RuntimeError):
        world.person("inspector")

    assert Person.objects.count() == persons_before
    assert not AuditEvent.objects.filter(action="person_create").exists()
    assert AuditChainHead.objects.get(pk=1).last_hash == head_before
    assert audit_verify().ok


def test_an_update_that_fails_after_its_audit_row_leaves_no_row_and_no_change(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    person = world.person("inspector", family_name="Popescu")
    rows_before = AuditEvent.objects.count()

    def record_then_fail(**kwargs: Any) -> AuditEvent:
        audit_module.audit_record(**kwargs)
        raise RuntimeError("failure after the audit row")

    monkeypatch.setattr(people_actions, "audit_record", record_then_fail)
    with pytest.raises(RuntimeError):
        edit(world, person, family_name="Ionescu")

    person.refresh_from_db()
    assert person.family_name == "Popescu"
    assert person.version == 1
    assert AuditEvent.objects.count() == rows_before
    assert audit_verify().ok


def test_each_chain_links_each_row_to_the_one_before(world: World) -> None:
    world.person("inspector")

    chains: dict[int, list[AuditEvent]] = {}
    for row in AuditEvent.objects.order_by("id"):
        chains.setdefault(row.chain or 0, []).append(row)

    assert chains
    for number, rows in chains.items():
        assert rows[0].prev_hash == GENESIS_HASH
        for before, after in itertools.pairwise(rows):
            assert after.prev_hash == before.hash
        assert AuditChainHead.objects.get(pk=number + 1).last_hash == rows[-1].hash


def test_the_chain_verifies_after_ordinary_work(
    world: World, client_as: Callable[[str], Client]
) -> None:
    person = world.person("inspector")
    client_as("inspector").get(f"/people/{person.reference}/")
    edit(world, person, family_name="Ionescu")

    check = audit_verify()
    out = verify_command()

    assert check.ok
    assert check.checked == AuditEvent.objects.count()
    assert f"Audit chain intact: {check.checked} rows checked." in out


def test_the_command_reports_in_json(world: World) -> None:
    out = io.StringIO()
    call_command("audit", "verify", "--json", stdout=out)

    report = json.loads(out.getvalue())

    assert report["ok"] is True
    assert report["checked"] == AuditEvent.objects.count()
    assert report["first_broken_id"] is None


def test_it_names_a_row_whose_content_was_altered(world: World) -> None:
    person = world.person("inspector")
    row = AuditEvent.objects.get(action="person_create", record_id=str(person.pk))
    tamper(f"UPDATE {TABLE} SET record_id = %s WHERE id = %s", ["999999", row.pk])  # noqa: S608

    check = audit_verify()
    error = broken_row_named_by_command()

    assert not check.ok
    assert check.first_broken_id == row.pk
    assert check.problem == "the row's content was altered"
    assert check.checked == AuditEvent.objects.filter(id__lt=row.pk).count()
    assert f"Audit chain broken at row {row.pk}:" in str(error)


def test_it_names_a_row_whose_encrypted_changes_were_replaced(world: World) -> None:
    person = world.person("inspector", family_name="Popescu")
    row = AuditEvent.objects.get(action="person_create", record_id=str(person.pk))
    forged = encrypt_text(json.dumps({"family_name": {"old": None, "new": "Someone else"}}))
    tamper(f"UPDATE {TABLE} SET changes = %s WHERE id = %s", [forged, row.pk])  # noqa: S608

    check = audit_verify()

    assert check.first_broken_id == row.pk
    assert f"Audit chain broken at row {row.pk}:" in str(broken_row_named_by_command())


def test_it_names_a_row_whose_encrypted_changes_no_longer_decrypt(world: World) -> None:
    person = world.person("inspector")
    row = AuditEvent.objects.get(action="person_create", record_id=str(person.pk))
    tamper(f"UPDATE {TABLE} SET changes = %s WHERE id = %s", ["fernet:garbage", row.pk])  # noqa: S608

    check = audit_verify()

    assert not check.ok
    assert check.first_broken_id == row.pk
    assert f"Audit chain broken at row {row.pk}:" in str(broken_row_named_by_command())


def test_it_names_the_row_after_a_deleted_middle_row(world: World) -> None:
    world.person("inspector")
    rows = list(AuditEvent.objects.order_by("id"))
    # A row in the middle that has a successor on its own chain (PostgreSQL spreads rows
    # over several chains, so the row exactly in the middle may be its chain's newest).
    successor = {
        row.pk: next((r.pk for r in rows if r.pk > row.pk and r.chain == row.chain), None)
        for row in rows
    }
    middle = next(row for row in rows[len(rows) // 2 :] if successor[row.pk] is not None)
    after = successor[middle.pk]
    middle_id = middle.pk
    tamper(f"DELETE FROM {TABLE} WHERE id = %s", [middle_id])  # noqa: S608

    check = audit_verify()
    error = broken_row_named_by_command()

    assert check.first_broken_id == after
    assert check.problem == "the row before it was removed or altered"
    assert f"Audit chain broken at row {after}:" in str(error)


def test_it_names_the_deleted_newest_row(world: World) -> None:
    world.person("inspector")
    newest = AuditEvent.objects.latest("id").pk
    tamper(f"DELETE FROM {TABLE} WHERE id = %s", [newest])  # noqa: S608

    check = audit_verify()
    error = broken_row_named_by_command()

    assert check.first_broken_id == newest
    assert check.problem == "the newest rows were removed"
    assert f"Audit chain broken at row {newest}:" in str(error)


@pytest.mark.parametrize(
    "write",
    [
        pytest.param(lambda e: AuditEvent.objects.filter(pk=e.pk).update(action="x"), id="update"),
        pytest.param(lambda e: e.save(), id="save"),
        pytest.param(lambda e: e.delete(), id="delete"),
        pytest.param(lambda e: AuditEvent.objects.filter(pk=e.pk).delete(), id="bulk-delete"),
    ],
)
def test_the_guard_refuses_changes_through_the_orm(
    world: World, write: Callable[[AuditEvent], object]
) -> None:
    event = AuditEvent.objects.latest("id")

    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        write(event)

    assert AuditEvent.objects.get(pk=event.pk).action == event.action


@pytest.mark.parametrize(
    "sql",
    [
        f"UPDATE {TABLE} SET action = 'x' WHERE id = %s",  # noqa: S608
        f"DELETE FROM {TABLE} WHERE id = %s",  # noqa: S608
    ],
)
def test_the_guard_refuses_changes_in_raw_sql(world: World, sql: str) -> None:
    event = AuditEvent.objects.latest("id")

    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, [event.pk])

    assert AuditEvent.objects.get(pk=event.pk).action == event.action


def test_the_guard_is_back_after_it_was_lifted(world: World) -> None:
    event = AuditEvent.objects.latest("id")
    with guard_lifted():
        pass

    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()


def test_key_rotation_keeps_the_chain_and_persons_readable_without_the_old_key(
    world: World,
) -> None:
    person = world.person("inspector", given_names="Ileana", family_name="Vasilescu")
    edit(world, person, family_name="Vasile")
    old_key = settings.NRM_FIELD_KEYS[0]
    new_key = Fernet.generate_key().decode()

    def raw_family_name() -> str:
        with connection.cursor() as cursor:
            cursor.execute("SELECT family_name FROM people_person WHERE id = %s", [person.pk])
            return str(cursor.fetchone()[0])

    before = raw_family_name()
    with override_settings(NRM_FIELD_KEYS=[new_key, old_key]):
        call_command("keys", "rotate", stdout=io.StringIO())
    assert raw_family_name() != before

    with override_settings(NRM_FIELD_KEYS=[new_key]):
        rotated = Person.objects.get(pk=person.pk)
        assert (rotated.given_names, rotated.family_name) == ("Ileana", "Vasile")
        update = AuditEvent.objects.get(action="person_update", record_id=str(person.pk))
        # The row's `changes` (encrypted as a whole) opens under the new key alone.
        assert update.changes == {"family_name": "changed"}
        assert audit_verify().ok
        verify_command()
    # The old key alone opens nothing any more: rotation really re-encrypted.
    with override_settings(NRM_FIELD_KEYS=[old_key]), pytest.raises(ImproperlyConfigured):
        Person.objects.get(pk=person.pk)
    # And the rotation put the guard back.
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=update.pk).delete()
