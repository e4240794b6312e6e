"""`nrm report annual --year YYYY --format html|pdf|csv|json|xlsx --out PATH`.

Exit status 2 on bad input (unknown format, a year without figures, a path that cannot be
written); nothing is written then. `--refresh` extracts the year's figures first.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from nrm.core.errors import DomainError
from nrm.statistics.actions import facts_refresh
from nrm.statistics.report import FORMATS, ReportError, render, report_build, write_atomically


class Command(BaseCommand):
    help = "Write the rapporteur's annual report (tables protected by disclosure control)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="what", required=True)
        annual = sub.add_parser("annual", help="The annual report of one year.")
        annual.add_argument("--year", type=int, required=True)
        annual.add_argument("--format", choices=FORMATS, required=True, dest="fmt")
        annual.add_argument("--out", required=True, type=Path)
        annual.add_argument(
            "--refresh", action="store_true", help="Extract the year's figures first."
        )
        annual.add_argument(
            "--no-progress", action="store_true", help="No progress bar on stderr."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        year: int = options["year"]
        out: Path = options["out"]
        if out.is_dir() or not out.parent.exists():
            raise CommandError(f"Cannot write the report to {out}.", returncode=2)
        if options["refresh"]:
            facts_refresh(actor=None, year=year)
        show = not options["no_progress"]

        def progress(items: Any) -> Any:
            return tqdm(
                items, desc=f"report {year}", unit="figure", file=sys.stderr, disable=not show
            )

        try:
            report = report_build(None, year=year, progress=progress)
            content = render(report, options["fmt"])
            write_atomically(out, content)
        except (DomainError, ReportError) as exc:
            raise CommandError(str(exc), returncode=2) from exc
        self.stdout.write(f"{out} ({len(content)} bytes, {len(report.tables)} tables)")
