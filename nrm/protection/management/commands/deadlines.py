"""`nrm deadlines run [--loop] [--interval SECONDS] [--batch N]` and
`nrm deadlines due --within 7d [--organisation ID] [--json]`.

`run` is the deadline worker (nrm/protection/notices.py), which also refreshes the linkage
keys of changed persons (nrm/exchange), sends the coordination reminders (forum and
local-meeting follow-ups, action-plan actions: nrm/coordination/reminders.py), reminds the
reviewers of reviews past their answer date (nrm/referrals/review_reminders.py) and runs the
retention job once a day (nrm/retention): once, or
in a loop until it is stopped (SIGINT or SIGTERM end it after the batch in hand). `due`
lists the open deadlines that fall due within a duration, overdue ones included. Bad input
exits with status 2.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import signal
import threading
from types import FrameType
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError, close_old_connections, connection
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from nrm.access.audit import audit_record
from nrm.access.models import AuditEventType, Purpose
from nrm.aftercare.worker import AftercareRun, aftercare_process
from nrm.coordination.reminders import ReminderRun, reminders_process
from nrm.directory.reminders import vetting_reminders_process
from nrm.exchange.actions import linkage_keys_refresh_changed
from nrm.organisations.models import Organisation
from nrm.people.search import name_index_refresh_stale
from nrm.protection.display import deadline_label
from nrm.protection.models import Deadline
from nrm.protection.notices import NoticeRun, deadlines_process
from nrm.protection.queries import DueItem, deadlines_due
from nrm.referrals.escalation import EscalationRun, escalations_process
from nrm.referrals.review_reminders import ReviewReminderRun, review_reminders_process
from nrm.retention.actions import retention_daily
from nrm.retention.display import run_summary

logger = logging.getLogger("nrm.protection.worker")

EXIT_BAD_INPUT = 2
_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}
_DURATION = re.compile(r"(\d{1,6})([mhdw])")
# Ten years: far beyond any legal period, and safely inside what a datetime can hold.
MAX_DURATION = dt.timedelta(days=3660)


def parse_duration(text: str) -> dt.timedelta:
    """'7d', '12h', '2w', '90m' -> timedelta; anything else is a CommandError (exit 2)."""
    found = _DURATION.fullmatch(text.strip().lower())
    if found is None:
        raise CommandError(
            _(
                "%(value)s is not a duration: write a whole number followed by m (minutes), "
                "h (hours), d (days) or w (weeks), such as 7d."
            )
            % {"value": repr(text)},
            returncode=EXIT_BAD_INPUT,
        )
    amount, unit = int(found.group(1)), found.group(2)
    duration = dt.timedelta(**{_UNITS[unit]: amount})
    if duration > MAX_DURATION:
        raise CommandError(
            _("%(value)s is too long; the longest duration is 3660 days.") % {"value": text},
            returncode=EXIT_BAD_INPUT,
        )
    return duration


class Command(BaseCommand):
    help = "Pathway deadlines: run the notifying worker, or list what falls due."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="subcommand", required=True)
        run = commands.add_parser("run", help="Claim due deadlines and notify (the worker).")
        run.add_argument("--loop", action="store_true", help="keep running until stopped")
        run.add_argument(
            "--interval", type=float, default=60.0, help="seconds between passes (--loop)"
        )
        run.add_argument("--batch", type=int, default=500, help="deadlines per transaction")
        due = commands.add_parser("due", help="List open deadlines due within a duration.")
        due.add_argument("--within", default="7d", help="a duration such as 7d, 12h or 2w")
        due.add_argument("--organisation", type=int, default=None, help="organisation id")
        due.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "run":
            self.run(loop=options["loop"], interval=options["interval"], batch=options["batch"])
        else:
            self.due(
                within=options["within"],
                organisation_id=options["organisation"],
                as_json=options["json"],
            )

    # run ------------------------------------------------------------------------------------

    def run(self, *, loop: bool, interval: float, batch: int) -> None:
        if batch < 1:
            raise CommandError(_("--batch must be at least 1."), returncode=EXIT_BAD_INPUT)
        if interval <= 0:
            raise CommandError(
                _("--interval must be a positive number of seconds."), returncode=EXIT_BAD_INPUT
            )
        stop = threading.Event()
        if loop:
            self._stop_on_signals(stop)
        while True:
            try:
                total = self._pass(batch)
                # A worker is an edge and may call an app above `protection`: `people` sits
                # below `exchange` and cannot ask for a changed person's linkage key itself.
                linked = linkage_keys_refresh_changed()
                # Persons written without the actions (bulk loads) or before a change of
                # the search secret become findable by name, a bounded batch per pass.
                indexed = name_index_refresh_stale()
                # Issue 14: the same worker and pass claim the coordination reminders.
                coordination = reminders_process(now=timezone.now(), batch=batch)
                # Issue 18: the services directory's yearly re-vetting reminders.
                vetting = vetting_reminders_process(now=timezone.now(), batch=batch)
                # Issue 18: follow-up contacts after support, persons met again.
                aftercare = aftercare_process(now=timezone.now(), batch=batch)
                # Issue 18: unanswered referrals escalate to the director, then coordination.
                escalated = escalations_process(now=timezone.now(), batch=batch)
                # Issue 18: reviews of negative decisions past their answer date.
                reviews = review_reminders_process(now=timezone.now(), batch=batch)
                # Issue 11: the retention job, once a day (the first pass of the day claims it).
                retention = retention_daily(now=timezone.now(), batch=batch)
            except DatabaseError:
                if not loop:
                    raise
                # A lost connection or a restarting database: nothing was claimed (each
                # batch is one transaction), so the next pass takes it all again.
                logger.exception("deadline pass failed; retrying in %s s", interval)
                total, linked, indexed, coordination = NoticeRun(), 0, 0, ReminderRun()
                vetting = 0
                aftercare = AftercareRun()
                escalated = EscalationRun()
                reviews = ReviewReminderRun()
                retention = None
            if indexed:
                self.stdout.write(
                    ngettext(
                        "Persons indexed for the name search: %(count)d.",
                        "Persons indexed for the name search: %(count)d.",
                        indexed,
                    )
                    % {"count": indexed}
                )
            if linked:
                self.stdout.write(
                    ngettext(
                        "Linkage keys of changed persons computed: %(count)d.",
                        "Linkage keys of changed persons computed: %(count)d.",
                        linked,
                    )
                    % {"count": linked}
                )
            if total.claimed or not loop:
                self.stdout.write(
                    _(
                        "Due deadlines claimed: %(due)d; reminders claimed: %(reminders)d; "
                        "notifications written: %(notifications)d; e-mails: %(emails)d."
                    )
                    % {
                        "due": total.due,
                        "reminders": total.reminders,
                        "notifications": total.notifications,
                        "emails": total.emails,
                    }
                )
            if coordination.claimed:
                self.stdout.write(
                    _(
                        "Coordination reminders claimed: %(reminders)d; overdue notices: "
                        "%(overdue)d; overdue local-meeting follow-ups: %(local)d; "
                        "e-mails: %(emails)d."
                    )
                    % {
                        "reminders": coordination.reminders,
                        "overdue": coordination.overdue,
                        "local": coordination.local_overdue,
                        "emails": coordination.emails,
                    }
                )
            if aftercare.contacts_due or aftercare.flags:
                self.stdout.write(
                    _(
                        "After support: follow-up contacts due %(contacts)d; persons met "
                        "again %(flags)d."
                    )
                    % {"contacts": aftercare.contacts_due, "flags": aftercare.flags}
                )
            if escalated.director or escalated.coordination:
                self.stdout.write(
                    _(
                        "Unanswered referrals escalated to the centre's director: "
                        "%(director)d; to the coordination unit: %(coordination)d."
                    )
                    % {"director": escalated.director, "coordination": escalated.coordination}
                )
            if reviews.reminded:
                self.stdout.write(
                    ngettext(
                        "Reviews past their answer date reminded: %(count)d.",
                        "Reviews past their answer date reminded: %(count)d.",
                        reviews.reminded,
                    )
                    % {"count": reviews.reminded}
                )
            if vetting:
                self.stdout.write(
                    ngettext(
                        "Providers reminded for their yearly vetting: %(count)d.",
                        "Providers reminded for their yearly vetting: %(count)d.",
                        vetting,
                    )
                    % {"count": vetting}
                )
            if retention is not None and retention.changed:
                self.stdout.write(run_summary(retention))
            if not loop or stop.wait(interval):
                return

    @staticmethod
    def _pass(batch: int) -> NoticeRun:
        # A long-running process must not keep a connection the database has dropped (but
        # never drops one inside a transaction it did not open, as in the tests).
        if not connection.in_atomic_block:
            close_old_connections()
        return deadlines_process(now=timezone.now(), batch=batch)

    @staticmethod
    def _stop_on_signals(stop: threading.Event) -> None:
        def handler(signum: int, frame: FrameType | None) -> None:
            stop.set()

        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, handler)

    # due ------------------------------------------------------------------------------------

    def due(self, *, within: str, organisation_id: int | None, as_json: bool) -> None:
        duration = parse_duration(within)
        if (
            organisation_id is not None
            and not Organisation.objects.filter(pk=organisation_id).exists()
        ):
            raise CommandError(
                _("There is no organisation with the id %(id)s.") % {"id": organisation_id},
                returncode=EXIT_BAD_INPUT,
            )
        now = timezone.now()
        until = now + duration
        items = deadlines_due(until=until, organisation_id=organisation_id)
        audit_record(
            actor=None,
            actor_label="nrm deadlines due",
            event_type=AuditEventType.READ,
            action="deadlines_due_list",
            record_type=Deadline._meta.label_lower,
            record_id="*",
            purpose=Purpose.ADMINISTRATION,
            changes={"organisation": organisation_id, "within": within, "count": len(items)},
        )
        if as_json:
            self.stdout.write(json.dumps(_json(items, now, until), indent=2, ensure_ascii=False))
            return
        self.stdout.write(
            ngettext(
                "%(count)d open deadline due by %(until)s:",
                "%(count)d open deadlines due by %(until)s:",
                len(items),
            )
            % {"count": len(items), "until": timezone.localtime(until).strftime("%Y-%m-%d %H:%M")}
        )
        today = timezone.localdate(now)
        for item in items:
            line = "%s  %-28s  %s  %s" % (  # noqa: UP031 — a fixed-width column layout
                item.due_on.isoformat(),
                item.kind,
                item.reference,
                item.organisation or "—",
            )
            if item.due_on < today:
                line += "  " + _("(overdue)")
            self.stdout.write(line)


def _json(items: list[DueItem], now: dt.datetime, until: dt.datetime) -> dict[str, Any]:
    today = timezone.localdate(now)
    return {
        "as_of": now.isoformat(),
        "until": until.isoformat(),
        "count": len(items),
        "deadlines": [
            {
                "id": item.id,
                "kind": item.kind,
                "label": deadline_label(item.kind),
                "due": item.due_on.isoformat(),
                "overdue": item.due_on < today,
                "reference": item.reference,
                "jurisdiction": item.jurisdiction,
                "responsible": item.responsible,
                "organisation_id": item.organisation_id,
                "organisation": item.organisation or None,
                "notified": item.notified,
            }
            for item in items
        ],
    }
