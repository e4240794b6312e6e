"""Writing and verifying the audit trail.

Every action calls `audit_record` inside its own transaction, so the row exists exactly when
the write does. Rows are chained: each stores the hash of its predecessor and its own keyed
hash (HMAC-SHA-256 with `NRM_AUDIT_KEY`, a key kept neither in the database nor with the
field keys) over its content, its chain, and the id and hash of its predecessor (with
`changes` in plaintext, so that key rotation does not break the chain). Without the key
nobody can forge, rewrite or re-link a row.

Appending takes a lock on one chain head only. There are `NRM_AUDIT_CHAINS` parallel
chains; on PostgreSQL a writer locks the first free head (SKIP LOCKED), so concurrent
audited reads do not wait for each other, while each chain stays strictly ordered.

The newest rows are anchored outside the database by signed checkpoints appended to a file
(`audit_checkpoint`, `nrm audit checkpoint`): deleting the newest rows and rewinding the
heads, or emptying the table, is caught by `audit_verify` against the checkpoints.
docs/security.md explains what each tampering leaves behind.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import random
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from nrm.access.context import Actor
from nrm.access.models import AuditChainHead, AuditEvent, AuditEventType

GENESIS_HASH = "0" * 64


def _json_default(value: object) -> str:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"cannot audit a value of type {type(value).__name__}")


def canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=_json_default)


def _event_body(event: AuditEvent) -> dict[str, Any]:
    return {
        "at": event.at.astimezone(UTC).isoformat(),
        "actor": event.actor_id,
        "actor_label": event.actor_label,
        "organisation": event.organisation_id,
        "role": event.role,
        "purpose": event.purpose,
        "event_type": event.event_type,
        "action": event.action,
        "record_type": event.record_type,
        "record_id": event.record_id,
        "changes": event.changes,
        "prev": event.prev_hash,
    }


def _legacy_hash(event: AuditEvent) -> str:
    """Rows written before keyed chains (chain is null): a plain SHA-256."""
    return hashlib.sha256(canonical(_event_body(event)).encode("utf-8")).hexdigest()


def _audit_key(purpose: str) -> bytes:
    # One secret, separate keys per use: rows and checkpoints never share a MAC key.
    return hmac.new(settings.NRM_AUDIT_KEY.encode(), purpose.encode(), hashlib.sha256).digest()


def _keyed_hash(event: AuditEvent, prev_id: int) -> str:
    body = _event_body(event) | {"chain": event.chain, "prev_id": prev_id}
    return hmac.new(
        _audit_key("audit-row"), canonical(body).encode("utf-8"), hashlib.sha256
    ).hexdigest()


def _event_hash(event: AuditEvent, prev_id: int = 0) -> str:
    return _legacy_hash(event) if event.chain is None else _keyed_hash(event, prev_id)


def _chains() -> int:
    return max(1, int(settings.NRM_AUDIT_CHAINS))


def _lock_a_head() -> AuditChainHead:
    """Lock one chain head: a free one where the database can skip locked rows.

    Chain k is head pk k + 1. On SQLite (one writer at a time anyway) the writer takes
    head 1; when every head is busy, it waits for one picked at random, so that waiting
    writers spread over the chains instead of queueing on one.
    """
    chains = _chains()
    waiting_on = 1
    if chains > 1 and connection.features.has_select_for_update_skip_locked:
        start = random.randrange(chains)  # noqa: S311 — spreading load, not a secret
        for offset in range(chains):
            pk = (start + offset) % chains + 1
            free = AuditChainHead.objects.select_for_update(skip_locked=True).filter(pk=pk)
            found = free.first()
            if found is not None:
                return found
        AuditChainHead.objects.bulk_create(
            [AuditChainHead(pk=pk, last_hash=GENESIS_HASH) for pk in range(1, chains + 1)],
            ignore_conflicts=True,
        )
        waiting_on = start + 1
    head, _created = AuditChainHead.objects.select_for_update().get_or_create(
        pk=waiting_on, defaults={"last_hash": GENESIS_HASH}
    )
    return head


def record_label(record: Model) -> tuple[str, str]:
    return record._meta.label_lower, str(record.pk)


def audit_record(
    *,
    actor: Actor | None,
    event_type: AuditEventType,
    action: str,
    record: Model | None = None,
    record_type: str = "",
    record_id: str = "",
    purpose: str,
    changes: Mapping[str, Any] | None = None,
    actor_label: str = "",
) -> AuditEvent:
    """Append one row to the audit trail, in the caller's transaction."""
    if record is not None:
        record_type, record_id = record_label(record)
    with transaction.atomic():
        head = _lock_a_head()
        # Round-trip through JSON so the hash covers exactly what is stored.
        stored_changes = json.loads(canonical(changes)) if changes is not None else None
        event = AuditEvent(
            at=timezone.now(),
            actor=actor.user if actor else None,
            actor_label=actor.label if actor else actor_label,
            organisation_id=actor.organisation_id if actor else None,
            role=actor.role if actor else "",
            purpose=purpose,
            event_type=event_type,
            action=action,
            record_type=record_type,
            record_id=record_id,
            changes=stored_changes,
            prev_hash=head.last_hash,
            chain=head.pk - 1,
        )
        event.hash = _keyed_hash(event, head.last_event_id)
        event.save(force_insert=True)
        head.last_event_id = event.pk
        head.last_hash = event.hash
        head.save(update_fields=["last_event_id", "last_hash"])
    return event


def field_changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Old and new values of the fields that changed."""
    return {
        name: {"old": before.get(name), "new": after.get(name)}
        for name in sorted(set(before) | set(after))
        if before.get(name) != after.get(name)
    }


@dataclass(frozen=True)
class ChainCheck:
    ok: bool
    checked: int
    first_broken_id: int | None = None
    problem: str = ""
    checkpoints: int = 0


class _Unreadable(Exception):
    """A row whose `changes` no configured key opens: altered ciphertext, or a lost key."""

    def __init__(self, event_id: int) -> None:
        super().__init__(event_id)
        self.event_id = event_id


def _events_in_order(batch: int = 2000) -> Iterator[AuditEvent]:
    last_id = 0
    while True:
        query = AuditEvent.objects.filter(id__gt=last_id).order_by("id")
        try:
            rows = list(query[:batch])
        except ImproperlyConfigured:
            # Go one by one to name the row, after yielding the rows before it in order.
            rows = []
            for event_id in query.values_list("id", flat=True)[:batch]:
                try:
                    rows.append(AuditEvent.objects.get(pk=event_id))
                except ImproperlyConfigured as exc:
                    yield from rows
                    raise _Unreadable(event_id) from exc
        if not rows:
            return
        yield from rows
        last_id = rows[-1].pk


@dataclass
class _ChainEnd:
    last_id: int = 0
    last_hash: str = GENESIS_HASH
    keyed: bool = False


@dataclass
class _Anchors:
    """What the checkpoint file says some rows must be: id -> (chain, hash)."""

    rows: dict[int, tuple[int, str]] = field(default_factory=dict)
    count: int = 0
    altered: bool = False


def checkpoint_path() -> Path | None:
    configured = str(settings.NRM_AUDIT_CHECKPOINT_FILE)
    return Path(configured) if configured else None


def _checkpoint_mac(entry: Mapping[str, Any]) -> str:
    return hmac.new(
        _audit_key("audit-checkpoint"), canonical(entry).encode("utf-8"), hashlib.sha256
    ).hexdigest()


def _read_anchors(path: Path | None) -> _Anchors:
    anchors = _Anchors()
    if path is None or not path.exists():
        return anchors
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
            mac = entry.pop("mac")
            chains = entry["chains"]
        except (ValueError, KeyError, TypeError, AttributeError):
            anchors.altered = True
            return anchors
        if not isinstance(mac, str) or not hmac.compare_digest(mac, _checkpoint_mac(entry)):
            anchors.altered = True
            return anchors
        anchors.count += 1
        for chain, (last_id, last_hash) in chains.items():
            anchors.rows.setdefault(int(last_id), (int(chain), str(last_hash)))
    return anchors


def audit_verify(checkpoints: Path | None = None) -> ChainCheck:
    """Recompute every chain and hold it to the checkpoints; report the first row that was
    altered, forged, or whose predecessor is gone, and rows the checkpoints miss."""
    anchors = _read_anchors(checkpoints or checkpoint_path())
    if anchors.altered:
        return ChainCheck(False, 0, None, _("the checkpoint file was altered"))
    ends: dict[int, _ChainEnd] = {}
    checked = 0
    try:
        for event in _events_in_order():
            chain = 0 if event.chain is None else event.chain
            end = ends.setdefault(chain, _ChainEnd())
            if event.chain is None and end.keyed:
                # Unkeyed rows only start chain 0 (written before keyed chains).
                return ChainCheck(
                    False, checked, event.pk, _("the row was added without the audit key")
                )
            if event.prev_hash != end.last_hash:
                return ChainCheck(
                    False, checked, event.pk, _("the row before it was removed or altered")
                )
            if not hmac.compare_digest(_event_hash(event, end.last_id), event.hash):
                return ChainCheck(False, checked, event.pk, _("the row's content was altered"))
            anchored = anchors.rows.pop(event.pk, None)
            if anchored is not None and anchored != (chain, event.hash):
                return ChainCheck(
                    False, checked, event.pk, _("the row differs from the checkpoint")
                )
            end.last_id, end.last_hash = event.pk, event.hash
            end.keyed = end.keyed or event.chain is not None
            checked += 1
    except _Unreadable as unreadable:
        # A verifier reports; it must not crash on the very tampering it looks for.
        return ChainCheck(
            False,
            checked,
            unreadable.event_id,
            _("the row's changes cannot be decrypted (altered, or their key is missing)"),
        )
    if anchors.rows:
        # A checkpoint names rows no longer there: the newest rows (or all) were removed,
        # whatever was done to the heads.
        return ChainCheck(
            False, checked, min(anchors.rows), _("the newest rows were removed")
        )
    heads = {head.pk - 1: head for head in AuditChainHead.objects.all()}
    for chain, end in ends.items():
        if chain not in heads:
            return ChainCheck(False, checked, end.last_id, _("the newest rows were removed"))
    for chain, head in sorted(heads.items()):
        end = ends.get(chain, _ChainEnd())
        if (head.last_hash, head.last_event_id) != (end.last_hash, end.last_id):
            # The head remembers a row no chain ends with now.
            return ChainCheck(
                False, checked, head.last_event_id, _("the newest rows were removed")
            )
    return ChainCheck(True, checked, checkpoints=anchors.count)


def audit_checkpoint(path: Path | None = None) -> dict[str, Any]:
    """Append a signed checkpoint of every chain's end to the checkpoint file.

    The chain is verified first, so a checkpoint never blesses tampering. The file is only
    ever appended to; keep it where the database's administrators cannot rewrite it (an
    append-only file, another machine, a log service).
    """
    target = path or checkpoint_path()
    if target is None:
        raise ValueError("NRM_AUDIT_CHECKPOINT_FILE is not set; no checkpoint written")
    check = audit_verify(target)
    if not check.ok:
        raise ValueError(
            f"audit chain broken at row {check.first_broken_id}: {check.problem}; "
            "no checkpoint written"
        )
    chains = {
        str(head.pk - 1): [head.last_event_id, head.last_hash]
        for head in AuditChainHead.objects.filter(last_event_id__gt=0).order_by("pk")
    }
    entry: dict[str, Any] = {"at": timezone.now().astimezone(UTC).isoformat(), "chains": chains}
    line = canonical(entry | {"mac": _checkpoint_mac(entry)})
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("a", encoding="utf-8") as file:
        file.write(line + "\n")
        file.flush()
    return entry
