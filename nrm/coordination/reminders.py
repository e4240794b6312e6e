"""The reminder worker of the forums' follow-ups and the action plan's actions.

The same pattern as the pathway's deadline worker (nrm/protection/notices.py): each claim is
one conditional UPDATE that stamps a claim column (`reminded_at` a week ahead,
`overdue_notified_at` once overdue) only where it is still empty and returns the rows it
stamped, so two workers never claim the same row and nothing is missed after downtime. The
notices are written in the claim's transaction: a crash leaves the rows unclaimed.

`nrm deadlines run` runs it in each pass, after the pathway deadlines. The same pass claims
the overdue follow-ups of the prosecutors' local operational meetings
(`nrm.prosecution.models.FollowUp.overdue_notified_at`): those meetings are confidential to
the prosecution office, so their notice is an e-mail to that office's members only, naming
the meeting's date and the due date (never the follow-up's text or a case file), and it is
never a `CoordinationNotice`, which the coordination pages show.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from dataclasses import dataclass
from typing import Literal

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

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
from nrm.core.claims import claim_due
from nrm.core.mail import send_after_claim
from nrm.organisations.models import Membership
from nrm.prosecution.models import FollowUp as LocalFollowUp

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
    column is empty; return the ids this call stamped, and only those (the workers' one
    claim, `nrm.core.claims.claim_due`)."""
    return claim_due(
        model=model,
        column=column,
        instant=_INSTANT[column],
        due_before=now,
        stamp=now,
        batch=batch,
        open_condition=_open_condition(model),
    )


@dataclass(frozen=True)
class ReminderRun:
    reminders: int = 0
    overdue: int = 0
    # Overdue follow-ups of the prosecution's local meetings, and the e-mails about them.
    local_overdue: int = 0
    emails: int = 0

    def __add__(self, other: ReminderRun) -> ReminderRun:
        return ReminderRun(
            self.reminders + other.reminders,
            self.overdue + other.overdue,
            self.local_overdue + other.local_overdue,
            self.emails + other.emails,
        )

    @property
    def claimed(self) -> int:
        return self.reminders + self.overdue + self.local_overdue


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


# The prosecution's local meetings -----------------------------------------------------------


def local_follow_ups_claim(*, now: dt.datetime, batch: int) -> list[int]:
    """Stamp `overdue_notified_at` on up to `batch` open local follow-ups whose due date has
    passed (overdue from the next local day) and that no pass has claimed; return the ids
    this call stamped, and only those (UPDATE … RETURNING, as `items_claim`)."""
    quote = connection.ops.quote_name
    table = quote(LocalFollowUp._meta.db_table)
    col, due, done, pk = (
        quote("overdue_notified_at"),
        quote("due_on"),
        quote("done_at"),
        quote("id"),
    )
    lock = (
        " FOR UPDATE SKIP LOCKED" if connection.features.has_select_for_update_skip_locked else ""
    )
    sql = (
        f"WITH candidates AS MATERIALIZED ("  # noqa: S608  # nosec B608  # identifiers from the model
        f"SELECT {pk} FROM {table} WHERE {col} IS NULL AND {done} IS NULL AND {due} < %s "
        f"ORDER BY {due}, {pk} LIMIT %s{lock}) "
        f"UPDATE {table} SET {col} = %s WHERE {pk} IN (SELECT {pk} FROM candidates) "
        f"AND {col} IS NULL AND {done} IS NULL RETURNING {pk}"
    )
    today = connection.ops.adapt_datefield_value(timezone.localdate(now))
    stamp = connection.ops.adapt_datetimefield_value(now)
    with connection.cursor() as cursor:
        cursor.execute(sql, [today, batch, stamp])
        return sorted(row[0] for row in cursor.fetchall())


def _office_recipients(office_ids: set[int]) -> dict[int, dict[str, str]]:
    """Per prosecution office, e-mail address -> language of its active members."""
    found: dict[int, dict[str, str]] = defaultdict(dict)
    memberships = (
        Membership.objects.filter(
            organisation_id__in=office_ids,
            ended_at__isnull=True,
            user__is_active=True,
            organisation__is_active=True,
        )
        .exclude(user__email="")
        .select_related("user")
        .order_by("pk")
    )
    for membership in memberships:
        language = membership.user.preferred_language or settings.LANGUAGE_CODE
        found[membership.organisation_id].setdefault(membership.user.email, language)
    return found


def _local_emails(ids: list[int]) -> list[EmailMessage]:
    """One message per member of each office concerned, in the member's language."""
    by_office: dict[int, list[tuple[dt.date, dt.date]]] = defaultdict(list)
    rows = (
        LocalFollowUp.objects.filter(pk__in=ids)
        .order_by("due_on", "pk")
        .values_list("agenda_item__meeting__office_id", "agenda_item__meeting__held_on", "due_on")
    )
    for office_id, held_on, due_on in rows:
        by_office[office_id].append((held_on, due_on))
    recipients = _office_recipients(set(by_office))
    messages: list[EmailMessage] = []
    for office_id, items in by_office.items():
        by_language: dict[str, list[str]] = defaultdict(list)
        for address, language in recipients.get(office_id, {}).items():
            by_language[language].append(address)
        for language, addresses in by_language.items():
            with translation.override(language):
                lines = [_("Follow-ups of your local operational meetings are overdue:"), ""]
                lines += [
                    "- "
                    + _("A follow-up of the meeting of %(held_on)s was due on %(due_on)s.")
                    % {"held_on": held_on.isoformat(), "due_on": due_on.isoformat()}
                    for held_on, due_on in items
                ]
                lines += [
                    "",
                    _("Open the Meetings page of Open NRM for the details."),
                ]
                subject = ngettext(
                    "Open NRM: %(count)d overdue meeting follow-up",
                    "Open NRM: %(count)d overdue meeting follow-ups",
                    len(items),
                ) % {"count": len(items)}
            body = "\n".join(lines)
            messages += [
                EmailMessage(
                    subject=subject,
                    body=body,
                    from_email=settings.DEFAULT_FROM_EMAIL,
                    to=[address],
                )
                for address in addresses
            ]
    return messages


@transaction.atomic
def local_follow_ups_send(*, now: dt.datetime, batch: int) -> ReminderRun:
    """Claim one batch of overdue local follow-ups, audit it (ids only), and e-mail the
    meetings' offices after commit."""
    ids = local_follow_ups_claim(now=now, batch=batch)
    if not ids:
        return ReminderRun()
    messages = _local_emails(ids)
    audit_record(
        actor=None,
        actor_label=WORKER_LABEL,
        event_type=AuditEventType.UPDATE,
        action="local_follow_ups_overdue_notify",
        record_type=LocalFollowUp._meta.label_lower,
        record_id="*",
        purpose=Purpose.ADMINISTRATION,
        changes={"claimed": ids, "emails": len(messages)},
    )
    if messages:
        transaction.on_commit(
            lambda: send_after_claim(messages, what="meeting follow-up"), robust=True
        )
    logger.info("local follow-ups overdue: %s claimed, %s e-mails", len(ids), len(messages))
    return ReminderRun(local_overdue=len(ids), emails=len(messages))


def reminders_process(*, now: dt.datetime, batch: int = 500) -> ReminderRun:
    """Work through everything due by `now`, one transaction per batch."""
    total = ReminderRun()
    while True:
        run = reminders_send(now=now, batch=batch)
        total += run
        if run.reminders < batch and run.overdue < batch:
            break
    while True:
        run = local_follow_ups_send(now=now, batch=batch)
        total += run
        if run.local_overdue < batch:
            return total
