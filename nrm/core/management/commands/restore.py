"""`nrm restore FILE`: a backup of `nrm backup` into an empty, migrated installation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from nrm.core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = "Restore a backup into an empty installation (migrated, no data); then verify."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The backup file written by `nrm backup`.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            manifest = backup_restore(Path(options["file"]))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(manifest["rows"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {rows} rows and {len(manifest['media'])} uploaded files from the "
                f"backup of {manifest['created_at']}. Run `nrm audit verify` next."
            )
        )
