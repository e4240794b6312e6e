"""`nrm indicators load FILE.json [--dry-run] [--as USERNAME]`: the installation's local
screening questions from a file, all or nothing.

On any error nothing is written, every error is listed with its line and field, and the
exit status is 2 (as `nrm import`). Without `--as` the command acts as the operator's shell,
audited as `cli:<login>`; with it, as that user, who must be a coordinator of the
coordination unit (the only role that manages the questions).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from nrm.accounts.cli import caller
from nrm.core.errors import DomainError
from nrm.indicators.actions import LoadReport, local_questions_load
from nrm.indicators.loadfile import FileProblem, items_from_file


class Command(BaseCommand):
    help = "Manage the installation's local screening questions."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="verb", required=True)
        load = sub.add_parser("load", help="Create or revise local questions from a JSON file.")
        load.add_argument("file", type=Path)
        load.add_argument("--dry-run", action="store_true", help="Check only; write nothing.")
        load.add_argument(
            "--as",
            dest="as_user",
            metavar="USERNAME",
            help="Act as this coordinator (audited under their name).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path}: no such file.", returncode=2)
        actor, label = caller(options["as_user"])
        try:
            items = items_from_file(path)
            report = local_questions_load(
                actor=actor, actor_label=label, items=items, dry_run=options["dry_run"]
            )
        except FileProblem as exc:
            self._error(path, exc.error.line, exc.error.field, exc.error.message)
            raise CommandError(f"{path}: nothing was loaded.", returncode=2) from exc
        except DomainError as exc:
            raise CommandError(exc.message, returncode=2) from exc
        if not report.ok:
            for error in report.errors:
                self._error(path, error.line, error.field, error.message)
            raise CommandError(
                f"{path}: {len(report.errors)} error(s); nothing was loaded.", returncode=2
            )
        self._print(path, report)

    def _error(self, path: Path, line: int, field: str, message: str) -> None:
        where = f", field {field}" if field else ""
        self.stderr.write(f"{path}: line {line}{where}: {message}")

    def _print(self, path: Path, report: LoadReport) -> None:
        verb = "would be" if report.dry_run else "were"
        for name, codes in (
            ("created", report.created),
            ("revised (new version)", report.revised),
            ("unchanged", report.unchanged),
            ("retired", report.retired),
            ("reactivated", report.reactivated),
        ):
            if codes:
                self.stdout.write(f"{len(codes)} {verb} {name}: {', '.join(codes)}")
        if report.dry_run:
            self.stdout.write(f"{path}: checked; nothing was written (--dry-run).")
