"""`nrm audit verify`: recompute the audit chain and name the first broken link."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from nrm.access.audit import audit_verify


class Command(BaseCommand):
    help = "Verify the hash chain of the audit trail."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="what", required=True)
        verify = sub.add_parser("verify", help="Exit 0 when intact, 1 at the first broken link.")
        verify.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        check = audit_verify()
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {
                        "ok": check.ok,
                        "checked": check.checked,
                        "first_broken_id": check.first_broken_id,
                        "problem": check.problem,
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
