"""`nrm export htcds [--year YYYY] --out FILE.csv` (CONTRACTS §3).

De-identified by default. `--identities` adds the identity fields, only for a caller
(`--as`) whose role and purpose allow it (docs/exchange.md); every export is audited.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from nrm.accounts.cli import add_caller, caller
from nrm.core.errors import DomainError
from nrm.exchange.queries import htcds_export


class Command(BaseCommand):
    help = "Export person-cases in the HTCDS 2.0 vocabulary, de-identified unless allowed."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="kind", required=True)
        one = sub.add_parser("htcds", help="HTCDS 2.0 person-case CSV")
        one.add_argument("--year", type=int, help="Only cases referred (or met) that year.")
        one.add_argument("--out", type=Path, required=True)
        one.add_argument(
            "--identities",
            action="store_true",
            help="Include identity fields (centre directors, for their centre's persons).",
        )
        add_caller(one)

    def handle(self, *args: Any, **options: Any) -> None:
        actor, label = caller(options["as_user"])
        year = options["year"]
        if year is not None and not 1900 <= year <= 9999:
            raise CommandError(f"--year {year}: not a year.", returncode=2)
        try:
            export = htcds_export(
                actor, actor_label=label, year=year, identities=options["identities"]
            )
        except DomainError as exc:
            raise CommandError(exc.message, returncode=2) from exc
        out: Path = options["out"]
        out.write_text(export.csv_text(), encoding="utf-8", newline="")
        self.stdout.write(f"{len(export.rows)} person-cases written to {out}.")
