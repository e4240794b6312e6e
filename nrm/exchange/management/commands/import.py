"""`nrm import ctdc FILE.csv [--dry-run] [--json]` (CONTRACTS §3), and `nrm import htcds`.

All or nothing: on any error nothing is written, every error is listed with its line,
column and value, and the exit status is 2.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from nrm.accounts.cli import add_caller, caller
from nrm.core.errors import DomainError
from nrm.exchange.actions import ImportReport, ctdc_import, htcds_import


class Command(BaseCommand):
    help = "Import a CTDC victim-level file or an HTCDS 2.0 case file, all or nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="kind", required=True)
        for kind, text in (
            ("ctdc", "CTDC global dataset (2020 k-anonymised or 2024 synthetic layout)"),
            ("htcds", "HTCDS 2.0 person-case file written by `nrm export htcds`"),
        ):
            one = sub.add_parser(kind, help=text)
            one.add_argument("file", type=Path)
            one.add_argument("--dry-run", action="store_true", help="Validate only; write nothing.")
            one.add_argument("--json", action="store_true", help="Print the report as JSON.")
            add_caller(one)

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path}: no such file.", returncode=2)
        actor, label = caller(options["as_user"])
        try:
            if options["kind"] == "ctdc":
                report = self._ctdc(path, actor, label, options)
            else:
                report = htcds_import(
                    actor=actor, actor_label=label, path=path, dry_run=options["dry_run"]
                )
        except DomainError as exc:
            raise CommandError(exc.message, returncode=2) from exc
        self._print(report, as_json=options["json"])
        if not report.ok:
            raise CommandError(
                f"{path}: {len(report.errors)} error(s); nothing was imported.", returncode=2
            )

    def _ctdc(self, path: Path, actor: Any, label: str, options: dict[str, Any]) -> ImportReport:
        # Progress on stderr so that stdout stays the report; off with --json (machine use).
        bar = tqdm(
            total=path.stat().st_size,
            unit="B",
            unit_scale=True,
            desc=path.name,
            file=sys.stderr,
            disable=options["json"],
            mininterval=0.5,
        )
        with bar:
            return ctdc_import(
                actor=actor,
                actor_label=label,
                path=path,
                dry_run=options["dry_run"],
                progress=bar.update,
            )

    def _print(self, report: ImportReport, *, as_json: bool) -> None:
        data = report.as_json()
        if as_json:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        for error in data["errors"]:
            column = f", column {error['column']}" if error["column"] else ""
            self.stderr.write(
                f"line {error['line']}{column}, value {error['value']!r}: {error['message']}"
            )
        if report.ok:
            verb = "would import" if report.dry_run else "imported"
            batch = f" (batch {report.batch_id})" if report.batch_id else ""
            self.stdout.write(f"{report.source}: {verb} {report.rows} rows{batch}.")
