"""The keyed, anchored audit chain (issue 11, item 2): every way of tampering that the
audit of the platform tried is caught, by the key or by the signed checkpoints."""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import override_settings

from nrm.access import audit as audit_module
from nrm.access.audit import GENESIS_HASH, audit_checkpoint, audit_verify, canonical
from nrm.access.guard import guard_lifted
from nrm.access.models import AuditChainHead, AuditEvent
from nrm.testing import World

TABLE = AuditEvent._meta.db_table


def raw(sql: str, params: list[Any]) -> None:
    """What an attacker with database access does, past the append-only guard."""
    with guard_lifted(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def chain_of(event: AuditEvent) -> int:
    return 0 if event.chain is None else event.chain


def rewind_head() -> None:
    """Point every head at the newest remaining row of its chain, as a careful attacker
    would (on PostgreSQL the rows are spread over several chains)."""
    newest: dict[int, AuditEvent] = {}
    for event in AuditEvent.objects.order_by("id"):
        newest[chain_of(event)] = event
    for head in AuditChainHead.objects.all():
        end = newest.get(head.pk - 1)
        head.last_event_id = end.pk if end else 0
        head.last_hash = end.hash if end else GENESIS_HASH
        head.save()


def rehash_from(first_id: int, key_holder: bool) -> None:
    """Recompute every hash from `first_id` on, re-linking each chain (with the server's
    audit key when `key_holder`, else with a hash of the attacker's own)."""
    prev: dict[int, tuple[int, str]] = {}
    for event in AuditEvent.objects.order_by("id"):
        chain = chain_of(event)
        if event.pk < first_id:
            prev[chain] = (event.pk, event.hash)
            continue
        prev_id, prev_hash = prev.get(chain, (0, GENESIS_HASH))
        event.prev_hash = prev_hash
        if key_holder:
            new_hash = audit_module._keyed_hash(event, prev_id)
        else:
            body = canonical(audit_module._event_body(event) | {"prev_id": prev_id})
            new_hash = hashlib.sha256(body.encode()).hexdigest()
        raw(
            f"UPDATE {TABLE} SET prev_hash = %s, hash = %s WHERE id = %s",  # noqa: S608
            [prev_hash, new_hash, event.pk],
        )
        prev[chain] = (event.pk, new_hash)
    rewind_head()


@pytest.fixture
def checkpoints(tmp_path: Path, world: World) -> Path:
    """The world's work so far, anchored in a checkpoint file."""
    path = tmp_path / "checkpoints.jsonl"
    audit_checkpoint(path)
    return path


def test_ordinary_work_verifies_against_its_checkpoints(world: World, checkpoints: Path) -> None:
    world.person("inspector")
    audit_checkpoint(checkpoints)

    check = audit_verify(checkpoints)

    assert check.ok
    assert check.checkpoints == 2
    assert all(event.chain is not None for event in AuditEvent.objects.all())


def test_deleting_the_newest_rows_and_rewinding_the_head_is_caught_by_the_checkpoint(
    world: World, checkpoints: Path
) -> None:
    newest = AuditEvent.objects.latest("id").pk
    raw(f"DELETE FROM {TABLE} WHERE id >= %s", [newest - 2])  # noqa: S608
    rewind_head()
    assert audit_verify(Path("/nonexistent")).ok  # the chain alone looks whole

    check = audit_verify(checkpoints)

    assert not check.ok
    assert check.problem == "the newest rows were removed"
    # The first anchored row that is gone (the end of one of the chains).
    assert check.first_broken_id is not None
    assert newest - 2 <= check.first_broken_id <= newest


def test_deleting_everything_is_caught_by_the_checkpoint(world: World, checkpoints: Path) -> None:
    raw(f"DELETE FROM {TABLE}", [])  # noqa: S608
    AuditChainHead.objects.all().delete()

    check = audit_verify(checkpoints)

    assert not check.ok
    assert check.problem == "the newest rows were removed"


def test_a_row_appended_without_the_key_is_caught(world: World) -> None:
    newest = AuditEvent.objects.latest("id")
    forged = AuditEvent(
        at=newest.at,
        actor_label="someone",
        purpose=newest.purpose,
        event_type=newest.event_type,
        action="person_read",
        record_type="people.person",
        record_id="1",
        prev_hash=newest.hash,
        chain=newest.chain,
    )
    body = canonical(audit_module._event_body(forged) | {"prev_id": newest.pk})
    forged.hash = hashlib.sha256(body.encode()).hexdigest()
    forged.save(force_insert=True)
    AuditChainHead.objects.filter(pk=chain_of(newest) + 1).update(
        last_event_id=forged.pk, last_hash=forged.hash
    )

    check = audit_verify()

    assert not check.ok
    assert check.first_broken_id == forged.pk
    assert check.problem == "the row's content was altered"


def test_rewriting_the_newest_row_is_caught_even_with_its_hash_recomputed(world: World) -> None:
    newest = AuditEvent.objects.latest("id").pk
    raw(f"UPDATE {TABLE} SET record_id = %s WHERE id = %s", ["42", newest])  # noqa: S608
    rehash_from(newest, key_holder=False)

    check = audit_verify()

    assert not check.ok
    assert check.first_broken_id == newest


def test_deleting_a_row_and_rehashing_with_the_field_keys_from_disk_is_caught(
    world: World,
) -> None:
    # The field keys open `changes`, but the audit key lives elsewhere: the forger's
    # recomputed hashes do not verify.
    ids = list(AuditEvent.objects.order_by("id").values_list("id", flat=True))
    middle = ids[len(ids) // 2]
    raw(f"DELETE FROM {TABLE} WHERE id = %s", [middle])  # noqa: S608
    rehash_from(middle + 1, key_holder=False)

    check = audit_verify()

    assert not check.ok
    assert check.first_broken_id == middle + 1


def test_even_with_the_audit_key_a_rehashed_chain_disagrees_with_the_checkpoint(
    world: World, checkpoints: Path
) -> None:
    ids = list(AuditEvent.objects.order_by("id").values_list("id", flat=True))
    middle = ids[len(ids) // 2]
    raw(f"DELETE FROM {TABLE} WHERE id = %s", [middle])  # noqa: S608
    rehash_from(middle + 1, key_holder=True)
    assert audit_verify(Path("/nonexistent")).ok  # whole again, in the database

    check = audit_verify(checkpoints)

    assert not check.ok
    # The re-hashed end of the chain no longer matches its checkpoint (or, when the deleted
    # row was the end of its chain, the checkpoint names a row that is gone).
    assert check.problem in {
        "the row differs from the checkpoint",
        "the newest rows were removed",
    }


def test_the_checkpoint_file_cannot_be_edited(world: World, checkpoints: Path) -> None:
    entry = json.loads(checkpoints.read_text().splitlines()[0])
    chain, (last_id, _hash) = next(iter(entry["chains"].items()))
    entry["chains"][chain] = [last_id - 1, "0" * 64]
    checkpoints.write_text(json.dumps(entry) + "\n")

    check = audit_verify(checkpoints)

    assert not check.ok
    assert check.problem == "the checkpoint file was altered"


def test_a_checkpoint_never_blesses_a_broken_chain(world: World, tmp_path: Path) -> None:
    newest = AuditEvent.objects.latest("id").pk
    raw(f"UPDATE {TABLE} SET action = %s WHERE id = %s", ["x", newest])  # noqa: S608
    path = tmp_path / "checkpoints.jsonl"

    with pytest.raises(ValueError, match="no checkpoint written"):
        audit_checkpoint(path)
    assert not path.exists()


def test_the_predecessors_id_is_inside_the_hash(world: World) -> None:
    row = AuditEvent.objects.latest("id")

    assert audit_module._keyed_hash(row, 1) != audit_module._keyed_hash(row, 2)


def test_the_commands_write_a_checkpoint_and_fail_when_it_disagrees(
    world: World, tmp_path: Path
) -> None:
    path = tmp_path / "checkpoints.jsonl"
    out = io.StringIO()
    call_command("audit", "checkpoint", "--file", str(path), stdout=out)
    assert "chains" in json.loads(out.getvalue())
    raw(f"DELETE FROM {TABLE} WHERE id = %s", [AuditEvent.objects.latest("id").pk])  # noqa: S608
    rewind_head()

    with pytest.raises(CommandError) as caught:
        call_command("audit", "verify", "--checkpoints", str(path), stdout=io.StringIO())

    assert caught.value.returncode == 1
    assert "the newest rows were removed" in str(caught.value)


@override_settings(NRM_AUDIT_CHECKPOINT_FILE="")
def test_without_a_checkpoint_file_the_command_says_so(world: World) -> None:
    with pytest.raises(CommandError, match="NRM_AUDIT_CHECKPOINT_FILE"):
        call_command("audit", "checkpoint", stdout=io.StringIO())
