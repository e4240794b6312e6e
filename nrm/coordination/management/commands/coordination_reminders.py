"""`nrm coordination_reminders [--loop] [--interval SECONDS] [--batch N]`: the reminder worker
of forum follow-ups and action-plan actions (nrm/coordination/reminders.py)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from nrm.coordination.reminders import reminders_process


class Command(BaseCommand):
    help = "Remind the owners of forum follow-ups and action-plan actions of due dates."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--loop", action="store_true", help="keep running until stopped")
        parser.add_argument("--interval", type=float, default=300.0, help="seconds between passes")
        parser.add_argument("--batch", type=int, default=500, help="items per transaction")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["batch"] < 1 or options["interval"] <= 0:
            raise CommandError("--batch and --interval must be positive.", returncode=2)
        while True:
            run = reminders_process(now=timezone.now(), batch=options["batch"])
            self.stdout.write(f"reminders: {run.reminders}, overdue: {run.overdue}")
            if not options["loop"]:
                return
            time.sleep(options["interval"])
