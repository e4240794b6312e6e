"""Writing and verifying the audit trail.

Every action calls `audit_record` inside its own transaction, so the row exists exactly when
the write does. Rows are chained: each stores the hash of its predecessor and its own hash
over its content (with `changes` in plaintext, so that key rotation does not break the
chain). The chain head is locked while appending, so concurrent writers queue instead of
forking the chain.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
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


def _event_hash(event: AuditEvent) -> str:
    body = canonical(
        {
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
    )
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


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
        head, _created = AuditChainHead.objects.select_for_update().get_or_create(
            pk=1, defaults={"last_hash": GENESIS_HASH}
        )
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
        )
        event.hash = _event_hash(event)
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


def audit_verify() -> ChainCheck:
    """Recompute the chain; report the first row that was altered or whose predecessor is gone."""
    expected_prev = GENESIS_HASH
    checked = 0
    last: AuditEvent | None = None
    try:
        for event in _events_in_order():
            if event.prev_hash != expected_prev:
                return ChainCheck(
                    False, checked, event.pk, _("the row before it was removed or altered")
                )
            if _event_hash(event) != event.hash:
                return ChainCheck(False, checked, event.pk, _("the row's content was altered"))
            expected_prev = event.hash
            checked += 1
            last = event
    except _Unreadable as unreadable:
        # A verifier reports; it must not crash on the very tampering it looks for.
        return ChainCheck(
            False,
            checked,
            unreadable.event_id,
            _("the row's changes cannot be decrypted (altered, or their key is missing)"),
        )
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is not None and (last is None or head.last_hash != last.hash):
        # The newest rows were removed: the head remembers a hash no row carries now.
        return ChainCheck(
            False,
            checked,
            head.last_event_id,
            _("the newest rows were removed"),
        )
    return ChainCheck(True, checked)
