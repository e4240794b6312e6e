"""`nrm audit verify`: recompute the audit chains, hold them to the signed checkpoints, and
name the first broken link. `nrm audit checkpoint`: append a signed checkpoint of the chains'
ends (run it periodically, e.g. every few minutes from cron or a systemd timer)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from nrm.access.audit import audit_checkpoint, audit_verify


class Command(BaseCommand):
    help = "Verify the hash chain of the audit trail."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="what", required=True)
        verify = sub.add_parser("verify", help="Exit 0 when intact, 1 at the first broken link.")
        verify.add_argument("--json", action="store_true")
        verify.add_argument("--checkpoints", help="The checkpoint file (default: the setting).")
        checkpoint = sub.add_parser("checkpoint", help="Append a signed checkpoint.")
        checkpoint.add_argument("--file", help="The checkpoint file (default: the setting).")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["what"] == "checkpoint":
            try:
                entry = audit_checkpoint(Path(options["file"]) if options["file"] else None)
            except ValueError as exc:
                raise CommandError(str(exc), returncode=1) from exc
            self.stdout.write(json.dumps(entry))
            return
        check = audit_verify(Path(options["checkpoints"]) if options["checkpoints"] else None)
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {
                        "ok": check.ok,
                        "checked": check.checked,
                        "first_broken_id": check.first_broken_id,
                        "problem": check.problem,
                        "checkpoints": check.checkpoints,
                    }
                )
            )
        elif check.ok:
            self.stdout.write(
                self.style.SUCCESS(f"Audit chain intact: {check.checked} rows checked.")
            )
        if not check.ok:
            raise CommandError(
                f"Audit chain broken at row {check.first_broken_id}: {check.problem} "
                f"({check.checked} rows before it are intact).",
                returncode=1,
            )
