"""`nrm retention run [--dry-run] [--today YYYY-MM-DD] [--batch N] [--json]` and
`nrm retention register [--json]`.

`run` is the retention job (nrm/retention/actions.py): it flags what is due, rechecks the
holds and anonymises (or deletes) what has passed its grace period. The deadline worker
(`nrm deadlines run`) runs it in each pass too; this command runs it alone, or with
`--dry-run` to see what it would do without changing anything; `--today` (with
`--dry-run`) rehearses another day's run. `register` prints the register of
processing activities (GDPR art. 30) generated from the configuration. Bad input exits 2.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from nrm.access.audit import audit_record
from nrm.access.models import AuditEventType, Purpose
from nrm.retention.actions import retention_process
from nrm.retention.display import run_summary
from nrm.retention.queries import register_json

EXIT_BAD_INPUT = 2


class Command(BaseCommand):
    help = "Retention: run the job, or print the register of processing activities."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="subcommand", required=True)
        run = commands.add_parser("run", help="Flag what is due; anonymise what passed its grace.")
        run.add_argument("--dry-run", action="store_true", help="count only, change nothing")
        run.add_argument("--today", default=None, help="run as of this date (YYYY-MM-DD)")
        run.add_argument("--batch", type=int, default=500, help="flags per transaction")
        run.add_argument("--json", action="store_true", help="print JSON")
        register = commands.add_parser("register", help="The register of processing activities.")
        register.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["subcommand"] == "run":
                self.run(options)
            else:
                self.register(as_json=options["json"])
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc), returncode=EXIT_BAD_INPUT) from exc

    def run(self, options: dict[str, Any]) -> None:
        if options["batch"] < 1:
            raise CommandError(_("--batch must be at least 1."), returncode=EXIT_BAD_INPUT)
        now = timezone.now()
        if options["today"] and not options["dry_run"]:
            # Applying as of another day would stamp flags and anonymisations with it.
            raise CommandError(
                _("--today rehearses another day's run: use it with --dry-run."),
                returncode=EXIT_BAD_INPUT,
            )
        if options["today"]:
            try:
                day = dt.date.fromisoformat(options["today"])
            except ValueError as exc:
                raise CommandError(
                    _("%(value)s is not a date: write it as YYYY-MM-DD.")
                    % {"value": repr(options["today"])},
                    returncode=EXIT_BAD_INPUT,
                ) from exc
            # Noon of that day in the installation's time zone: the same calendar date.
            now = timezone.make_aware(dt.datetime.combine(day, dt.time(12)))
        run = retention_process(now=now, dry_run=options["dry_run"], batch=options["batch"])
        if options["json"]:
            payload = {
                "as_of": now.isoformat(),
                "dry_run": run.dry_run,
                "due_by_record_type": dict(run.due_by_rule),
                "flagged": run.flagged,
                "held": run.held,
                "flagged_again": run.reflagged,
                "anonymised": run.anonymised,
                "deleted": run.deleted,
                "no_longer_due": run.cancelled,
                "would_apply": run.would_apply,
            }
            self.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False))
            return
        self.stdout.write(run_summary(run))
        for key, count in sorted(run.due_by_rule.items()):
            if count:
                self.stdout.write(f"  {key}: {count}")

    def register(self, *, as_json: bool) -> None:
        register = register_json()
        audit_record(
            actor=None,
            actor_label="nrm retention register",
            event_type=AuditEventType.READ,
            action="processing_register_read",
            record_type="retention.register",
            record_id="*",
            purpose=Purpose.ADMINISTRATION,
        )
        if as_json:
            self.stdout.write(json.dumps(register, indent=2, ensure_ascii=False))
            return
        self.stdout.write(_("Register of processing activities (GDPR art. 30)"))
        for purpose in register["purposes"]:
            self.stdout.write("")
            self.stdout.write(f"== {purpose['label']} ({purpose['purpose']})")
            self.stdout.write(_("Controllers: %(who)s") % {"who": purpose["controllers"]})
            self.stdout.write(_("Legal bases:"))
            for basis in purpose["legal_bases"]:
                self.stdout.write(f"  - {basis['citation']} [{basis['verified']}]")
            self.stdout.write(
                _("Categories of data: %(list)s") % {"list": "; ".join(purpose["categories"])}
            )
            self.stdout.write(
                _("Recipients: %(list)s") % {"list": "; ".join(purpose["recipients"])}
            )
            self.stdout.write(_("Retention:"))
            for rule in purpose["retention"]:
                self.stdout.write(
                    _(
                        "  - %(type)s (%(label)s): %(days)d days, then %(outcome)s after a "
                        "grace period of %(grace)d days; source: %(source)s [%(verified)s]"
                    )
                    % {
                        "type": rule["record_type"],
                        "label": rule["label"],
                        "days": rule["period_days"],
                        "outcome": rule["outcome"],
                        "grace": rule["grace_days"],
                        "source": rule["source"],
                        "verified": rule["verified"],
                    }
                )
        self.stdout.write("")
        self.stdout.write(register["audit_trail"])
