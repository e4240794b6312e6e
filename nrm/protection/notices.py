"""The deadline worker: claim what has fallen due, and tell the responsible organisation.

No broker: `nrm deadlines run` calls `deadlines_process` now and then (healthchecks'
`sendalerts` pattern). Each claim is one conditional UPDATE that stamps the claim column
(`notified_at` for the deadline itself, `reminded_at` for the reminder ahead of it) only
where it is still empty, and returns the rows it stamped. So:

- two workers never claim the same row: the second UPDATE finds the column set (on
  PostgreSQL the candidates are also locked with SKIP LOCKED, so they do not even wait);
- nothing is missed after downtime: the claim takes everything due up to now, oldest
  first, however long ago it fell due;
- the in-app notifications are written in the same transaction as the claim, so a crash
  leaves the rows unclaimed and the next run takes them again; the e-mails go after
  commit (at most once: a mail server that fails is logged, not retried).
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import connection, transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from nrm.access.audit import audit_record
from nrm.access.models import AuditEventType, Purpose
from nrm.core.mail import send_after_claim
from nrm.organisations.models import Membership
from nrm.protection.display import notice_sentence
from nrm.protection.models import Deadline, DeadlineStatus, Notification, NotificationKind
from nrm.protection.rules import deciding_roles

logger = logging.getLogger("nrm.protection.worker")

WORKER_LABEL = "deadline worker"
ClaimColumn = Literal["notified_at", "reminded_at"]
# Which instant each claim column waits for.
_CLAIM_INSTANT: dict[str, str] = {"notified_at": "due_at", "reminded_at": "remind_at"}


def deadlines_claim(*, column: ClaimColumn, now: dt.datetime, batch: int) -> list[int]:
    """Stamp `column` with `now` on up to `batch` open deadlines whose instant has come and
    whose `column` is still empty; return the ids this call stamped, and only those.

    Raw SQL because the ORM's `update()` returns a count, not the rows: `RETURNING` (SQLite
    3.35+, PostgreSQL) gives the claimed ids in the same statement, with no second read
    that could pick up another worker's rows.
    """
    instant = _CLAIM_INSTANT[column]
    quote = connection.ops.quote_name
    table = quote(Deadline._meta.db_table)
    col, due, pk, status = quote(column), quote(instant), quote("id"), quote("status")
    lock = (
        " FOR UPDATE SKIP LOCKED" if connection.features.has_select_for_update_skip_locked else ""
    )
    # Identifiers come from the model, the status is a constant of ours (inlined so that
    # PostgreSQL can match the partial claim index), every value is a parameter. The
    # candidates sit in a materialised CTE: as a plain `IN (subquery)`, PostgreSQL may run
    # the LIMIT ... SKIP LOCKED subquery again for each row and claim more than `batch`.
    sql = (
        f"WITH candidates AS MATERIALIZED ("  # noqa: S608  # nosec B608  # identifiers from the model
        f"SELECT {pk} FROM {table} "
        f"WHERE {status} = '{DeadlineStatus.OPEN}' AND {col} IS NULL AND {due} <= %s "
        f"ORDER BY {due}, {pk} LIMIT %s{lock}) "
        f"UPDATE {table} SET {col} = %s "
        f"WHERE {pk} IN (SELECT {pk} FROM candidates) "
        f"AND {col} IS NULL AND {status} = '{DeadlineStatus.OPEN}' "
        f"RETURNING {pk}"
    )
    stamp = connection.ops.adapt_datetimefield_value(now)
    with connection.cursor() as cursor:
        cursor.execute(sql, [stamp, batch, stamp])
        return sorted(row[0] for row in cursor.fetchall())


@dataclass(frozen=True)
class NoticeRun:
    """What one pass of the worker did."""

    due: int = 0
    reminders: int = 0
    notifications: int = 0
    emails: int = 0

    def __add__(self, other: NoticeRun) -> NoticeRun:
        return NoticeRun(
            self.due + other.due,
            self.reminders + other.reminders,
            self.notifications + other.notifications,
            self.emails + other.emails,
        )

    @property
    def claimed(self) -> int:
        return self.due + self.reminders


def _params(deadline: Deadline) -> dict[str, str]:
    return {
        "reference": deadline.reference,
        "deadline": deadline.kind,
        "due_on": deadline.due_on.isoformat(),
        "action": deadline.action,
        "jurisdiction": deadline.jurisdiction,
    }


@transaction.atomic
def deadline_notices_send(*, now: dt.datetime, batch: int) -> NoticeRun:
    """Claim one batch of due deadlines and one of due reminders, write the organisations'
    notifications and audit row, and send the e-mails after commit."""
    due_ids = deadlines_claim(column="notified_at", now=now, batch=batch)
    reminder_ids = deadlines_claim(column="reminded_at", now=now, batch=batch)
    if not due_ids and not reminder_ids:
        return NoticeRun()
    # Only what the notices need: never the person's encrypted identity.
    deadlines = Deadline.objects.only(
        "reference", "jurisdiction", "kind", "due_on", "due_at", "action", "organisation_id"
    ).in_bulk([*due_ids, *reminder_ids])
    notifications: list[Notification] = []
    for kind, ids in ((NotificationKind.DUE, due_ids), (NotificationKind.REMINDER, reminder_ids)):
        for deadline_id in ids:
            deadline = deadlines[deadline_id]
            if kind == NotificationKind.REMINDER and deadline.due_at and deadline.due_at <= now:
                # Claimed late (the worker was down): the deadline's own notice says more.
                continue
            if deadline.organisation_id is None:
                # Claimed all the same, so the worker does not scan it forever; the status
                # page shows the deadline with no organisation to act on it.
                logger.warning("deadline %s has no responsible organisation", deadline_id)
                continue
            notifications.append(
                Notification(
                    organisation_id=deadline.organisation_id,
                    kind=kind,
                    deadline=deadline,
                    params=_params(deadline),
                    created_at=now,
                )
            )
    Notification.objects.bulk_create(notifications)
    audit_record(
        actor=None,
        actor_label=WORKER_LABEL,
        event_type=AuditEventType.CREATE,
        action="deadline_notices_send",
        record_type=Notification._meta.label_lower,
        record_id="*",
        purpose=Purpose.ADMINISTRATION,
        changes={"due": due_ids, "reminders": reminder_ids, "notifications": len(notifications)},
    )
    messages = _emails(notifications)
    if messages:
        transaction.on_commit(lambda: send_after_claim(messages, what="deadline"), robust=True)
    logger.info(
        "claimed %s due deadlines and %s reminders; %s notifications, %s e-mails",
        len(due_ids),
        len(reminder_ids),
        len(notifications),
        len(messages),
    )
    return NoticeRun(len(due_ids), len(reminder_ids), len(notifications), len(messages))


def deadlines_process(*, now: dt.datetime, batch: int = 500) -> NoticeRun:
    """Work through everything due by `now`, one transaction per batch."""
    total = NoticeRun()
    while True:
        run = deadline_notices_send(now=now, batch=batch)
        total += run
        if run.due < batch and run.reminders < batch:
            return total


# E-mail --------------------------------------------------------------------------------------


def _recipients(organisation_ids: set[int]) -> dict[int, dict[str, str]]:
    """Per organisation, e-mail address -> language of its active members who decide."""
    found: dict[int, dict[str, str]] = defaultdict(dict)
    memberships = (
        Membership.objects.filter(
            organisation_id__in=organisation_ids,
            ended_at__isnull=True,
            user__is_active=True,
            organisation__is_active=True,
        )
        .exclude(user__email="")
        .select_related("user", "organisation")
        .order_by("pk")
    )
    for membership in memberships:
        if membership.role in deciding_roles(membership.organisation.type):
            language = membership.user.preferred_language or settings.LANGUAGE_CODE
            found[membership.organisation_id].setdefault(membership.user.email, language)
    return found


def _emails(notifications: Sequence[Notification]) -> list[EmailMessage]:
    """One message per recipient and batch, in the recipient's language.

    The messages are built inside the transaction (they need the database) and sent after
    it commits. They name persons by their pseudonymous reference only.
    """
    by_organisation: dict[int, list[Notification]] = defaultdict(list)
    for notification in notifications:
        by_organisation[notification.organisation_id].append(notification)
    recipients = _recipients(set(by_organisation))
    messages = []
    for organisation_id, items in by_organisation.items():
        by_language: dict[str, list[str]] = defaultdict(list)
        for address, language in recipients.get(organisation_id, {}).items():
            by_language[language].append(address)
        for language, addresses in by_language.items():
            # One text per language, however many colleagues read it.
            with translation.override(language):
                lines = [_("Pathway deadlines concern your organisation:"), ""]
                lines += [f"- {notice_sentence(n.kind, n.params)}" for n in items]
                lines += [
                    "",
                    _(
                        "Open the Deadlines page of Open NRM for the details. Persons are "
                        "named by their reference only."
                    ),
                ]
                subject = ngettext(
                    "Open NRM: %(count)d pathway deadline notice",
                    "Open NRM: %(count)d pathway deadline notices",
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


# The minor's guardian ------------------------------------------------------------------------


def guardian_notice_send(notice_id: int) -> None:
    """E-mail the guardian that a step of the minor's pathway was recorded; run after the
    commit. The message names the minor by reference and the step by its label only
    (never the evidence note); the log names the notice's id only."""
    from django.utils import timezone

    from nrm.protection.display import event_label
    from nrm.protection.models import GuardianNotice

    notice = (
        GuardianNotice.objects.select_related("guardian__record", "status_event")
        .filter(pk=notice_id, emailed_at__isnull=True)
        .first()
    )
    if notice is None or not notice.guardian.email:
        return
    record, step = notice.guardian.record, notice.status_event
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Open NRM: a step in the residence procedure of %(reference)s") % {
            "reference": record.person.reference
        }
        body = _(
            "As the guardian of the minor with reference %(reference)s, you are informed "
            "that this step was recorded on %(date)s: %(step)s. The accompanying centre "
            "gives you the details."
        ) % {
            "reference": record.person.reference,
            "date": step.on.isoformat(),
            "step": event_label(record.jurisdiction, step.type),
        }
    message = EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[notice.guardian.email],
    )
    try:
        get_connection().send_messages([message])
    except (OSError, smtplib.SMTPException):
        logger.exception("sending guardian notice %s failed", notice_id)
        return
    GuardianNotice.objects.filter(pk=notice_id).update(emailed_at=timezone.now())
