"""The reminder worker of the forums' follow-ups and the action plan's actions.

The same pattern as the pathway's deadline worker (nrm/protection/notices.py): each claim is
one conditional UPDATE that stamps a claim column (`reminded_at` a week ahead,
`overdue_notified_at` once overdue) only where it is still empty and returns the rows it
stamped, so two workers never claim the same row and nothing is missed after downtime. The
notices are written in the claim's transaction: a crash leaves the rows unclaimed.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Literal

from django.db import connection, transaction
from django.db.models import Model

from nrm.access.audit import audit_record
from nrm.access.models import AuditEventType, Purpose
from nrm.coordination.models import (
    OPEN_ACTION_STATUSES,
    CoordinationNotice,
    ForumFollowUp,
    NoticeKind,
    NoticeSubject,
    PlanAction,
)

logger = logging.getLogger("nrm.coordination.worker")

WORKER_LABEL = "coordination reminder worker"
ClaimColumn = Literal["reminded_at", "overdue_notified_at"]
_INSTANT: dict[str, str] = {"reminded_at": "remind_at", "overdue_notified_at": "overdue_at"}
_KIND: dict[str, NoticeKind] = {
    "reminded_at": NoticeKind.REMINDER,
    "overdue_notified_at": NoticeKind.OVERDUE,
}


def _open_condition(model: type[Model]) -> tuple[str, list[str]]:
    """Only open items are reminded: a follow-up not done, an action not closed."""
    quote = connection.ops.quote_name
    if model is ForumFollowUp:
        return f"{quote('done_at')} IS NULL", []
    placeholders = ", ".join(["%s"] * len(OPEN_ACTION_STATUSES))
    return f"{quote('status')} IN ({placeholders})", sorted(str(s) for s in OPEN_ACTION_STATUSES)


def items_claim(
    *,
    model: type[ForumFollowUp] | type[PlanAction],
    column: ClaimColumn,
    now: dt.datetime,
    batch: int,
) -> list[int]:
    """Stamp `column` with `now` on up to `batch` open items whose instant has come and whose
    column is empty; return the ids this call stamped, and only those (UPDATE … RETURNING)."""
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    col, instant, pk = quote(column), quote(_INSTANT[column]), quote("id")
    open_sql, open_params = _open_condition(model)
    lock = (
        " FOR UPDATE SKIP LOCKED" if connection.features.has_select_for_update_skip_locked else ""
    )
    # Identifiers come from the model; every value is a parameter.
    sql = (
        f"WITH candidates AS MATERIALIZED ("  # noqa: S608
        f"SELECT {pk} FROM {table} WHERE {col} IS NULL AND {instant} <= %s AND {open_sql} "
        f"ORDER BY {instant}, {pk} LIMIT %s{lock}) "
        f"UPDATE {table} SET {col} = %s WHERE {pk} IN (SELECT {pk} FROM candidates) "
        f"AND {col} IS NULL RETURNING {pk}"
    )
    stamp = connection.ops.adapt_datetimefield_value(now)
    with connection.cursor() as cursor:
        cursor.execute(sql, [stamp, *open_params, batch, stamp])
        return sorted(row[0] for row in cursor.fetchall())


@dataclass(frozen=True)
class ReminderRun:
    reminders: int = 0
    overdue: int = 0

    def __add__(self, other: ReminderRun) -> ReminderRun:
        return ReminderRun(self.reminders + other.reminders, self.overdue + other.overdue)


def _notices(
    model: type[ForumFollowUp] | type[PlanAction],
    kind: NoticeKind,
    ids: list[int],
    now: dt.datetime,
) -> list[CoordinationNotice]:
    if model is ForumFollowUp:
        return [
            CoordinationNotice(
                organisation_id=f.owner_id,
                kind=kind,
                subject=NoticeSubject.FOLLOW_UP,
                subject_id=f.pk,
                params={
                    "meeting": f.meeting_id,
                    "title": f.meeting.title,
                    "due_on": f.due_on.isoformat(),
                },
                created_at=now,
            )
            for f in ForumFollowUp.objects.filter(pk__in=ids).select_related("meeting")
        ]
    return [
        CoordinationNotice(
            organisation_id=a.lead_id,
            kind=kind,
            subject=NoticeSubject.ACTION,
            subject_id=a.pk,
            params={"number": a.number, "due_on": a.deadline.isoformat()},
            created_at=now,
        )
        for a in PlanAction.objects.filter(pk__in=ids)
    ]


@transaction.atomic
def reminders_send(*, now: dt.datetime, batch: int) -> ReminderRun:
    """Claim one batch of each kind, write the owners' notices and one audit row."""
    claimed: dict[str, list[int]] = {}
    notices: list[CoordinationNotice] = []
    counts = {"reminded_at": 0, "overdue_notified_at": 0}
    models: tuple[type[ForumFollowUp] | type[PlanAction], ...] = (ForumFollowUp, PlanAction)
    columns: tuple[ClaimColumn, ...] = ("reminded_at", "overdue_notified_at")
    for model in models:
        for column in columns:
            ids = items_claim(model=model, column=column, now=now, batch=batch)
            if not ids:
                continue
            claimed[f"{model._meta.model_name}.{column}"] = ids
            counts[column] += len(ids)
            notices += _notices(model, _KIND[column], ids, now)
    if not claimed:
        return ReminderRun()
    CoordinationNotice.objects.bulk_create(notices)
    audit_record(
        actor=None,
        actor_label=WORKER_LABEL,
        event_type=AuditEventType.CREATE,
        action="coordination_reminders_send",
        record_type=CoordinationNotice._meta.label_lower,
        record_id="*",
        purpose=Purpose.ADMINISTRATION,
        changes={"claimed": claimed, "notices": len(notices)},
    )
    logger.info("coordination reminders: %s notices", len(notices))
    return ReminderRun(counts["reminded_at"], counts["overdue_notified_at"])


def reminders_process(*, now: dt.datetime, batch: int = 500) -> ReminderRun:
    """Work through everything due by `now`, one transaction per batch."""
    total = ReminderRun()
    while True:
        run = reminders_send(now=now, batch=batch)
        total += run
        if run.reminders < batch and run.overdue < batch:
            return total
