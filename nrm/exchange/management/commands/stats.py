"""`nrm stats mse TABLE.csv [--json]` (CONTRACTS §3): multiple systems estimation.

Prints the observed total, the estimated total population, a 95% interval and the fitted
model; exit status 2 with the reason (and line and column) when the table is unusable.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext

from nrm.exchange.mse import MseError, estimate, parse_table


class Command(BaseCommand):
    help = "Statistics on tables: `mse` estimates the population no list saw."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="what", required=True)
        mse = sub.add_parser("mse", help="Multiple systems estimation on a list-overlap table.")
        mse.add_argument("table", type=Path)
        mse.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["table"]
        try:
            text = path.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise CommandError(f"{path}: no such file.", returncode=2) from None
        except UnicodeDecodeError:
            raise CommandError(f"{path}: not UTF-8 text.", returncode=2) from None
        try:
            result = estimate(parse_table(text))
        except MseError as exc:
            where = []
            if exc.line is not None:
                where.append(f"line {exc.line}")
            if exc.column:
                where.append(f"column {exc.column}")
            prefix = f"{path}: " + (", ".join(where) + ": " if where else "")
            raise CommandError(prefix + exc.message.render(gettext), returncode=2) from exc
        data = result.as_json(gettext)
        if options["json"]:
            self.stdout.write(json.dumps(data, indent=2))
            return
        interval = data["interval"]
        self.stdout.write(f"Lists: {', '.join(data['lists'])}")
        self.stdout.write(f"Observed total: {data['observed_total']}")
        self.stdout.write(f"Estimated total population: {data['estimated_total']}")
        self.stdout.write(
            f"95% interval ({interval['method']}): {interval['lower']} to {interval['upper']}"
        )
        self.stdout.write(
            f"Model: {' + '.join(data['model']['terms'])} "
            f"({data['model']['selection']}; BIC {data['model']['bic']})"
        )
        for warning in data["warnings"]:
            self.stdout.write(f"Warning: {warning}")
