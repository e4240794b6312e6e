"""`nrm coordination_reminders [--loop] [--interval SECONDS] [--batch N]`: an alias of
`nrm deadlines run`, kept for existing schedules.

The coordination reminders (nrm/coordination/reminders.py) are sent by the deadline worker in
each of its passes, with the pathway deadlines; running both would only duplicate the work.
"""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Alias of `nrm deadlines run`, which also sends the coordination reminders."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--loop", action="store_true", help="keep running until stopped")
        parser.add_argument("--interval", type=float, default=60.0, help="seconds between passes")
        parser.add_argument("--batch", type=int, default=500, help="items per transaction")

    def handle(self, *args: Any, **options: Any) -> None:
        flags = ["--interval", str(options["interval"]), "--batch", str(options["batch"])]
        if options["loop"]:
            flags.append("--loop")
        call_command("deadlines", "run", *flags, stdout=self.stdout, stderr=self.stderr)
