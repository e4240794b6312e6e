"""`nrm backup --out FILE`: the database, the uploaded files and the audit checkpoints,
encrypted with NRM_BACKUP_KEY (nrm/core/backup.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from nrm.core.backup import BackupError, backup_write


class Command(BaseCommand):
    help = "Write an encrypted backup of the database, uploaded files and audit checkpoints."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", required=True, help="The backup file to write.")

    def handle(self, *args: Any, **options: Any) -> None:
        out = Path(options["out"])
        if out.exists():
            raise CommandError(f"{out} exists already; a backup never overwrites a file.")
        try:
            manifest = backup_write(out)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(manifest["rows"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup written to {out}: {rows} rows in {len(manifest['rows'])} tables, "
                f"{len(manifest['media'])} uploaded files."
            )
        )
