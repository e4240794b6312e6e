"""`nrm pathway simulate EVENTS.json [--jurisdiction BE|DK] [--as-of DATE] [--json]`.

Plain argparse and no Django, so that the project's `nrm` command can delegate to
`main(argv)` and the engine can also run as `python -m nrm.pathway`. Exit status: 0 when
evaluated (whatever was refused), 2 on invalid input (CONTRACTS.md §2).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence
from typing import TextIO

from nrm.pathway.engine import JURISDICTIONS
from nrm.pathway.errors import PathwayInputError
from nrm.pathway.i18n import Message, Translate, _, identity
from nrm.pathway.io import parse_simulation, result_to_json
from nrm.pathway.render import render_text
from nrm.pathway.simulation import simulate

EXIT_OK = 0
EXIT_INVALID_INPUT = 2


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def build_parser(prog: str = "nrm pathway") -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=prog, description="Victim-status pathway engine.")
    commands = parser.add_subparsers(dest="command", required=True)
    simulate_parser = commands.add_parser(
        "simulate", help="Run the pathway rules on a list of dated events."
    )
    simulate_parser.add_argument("events", help="EVENTS.json, or - for standard input")
    simulate_parser.add_argument("--jurisdiction", choices=sorted(JURISDICTIONS), default="BE")
    simulate_parser.add_argument(
        "--as-of", type=_date, default=None, help="report the state on this date (YYYY-MM-DD)"
    )
    simulate_parser.add_argument("--json", action="store_true", help="print the JSON contract")
    return parser


def main(
    argv: Sequence[str] | None = None,
    *,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    stdin: TextIO | None = None,
    translate: Translate = identity,
) -> int:
    out, err = stdout or sys.stdout, stderr or sys.stderr
    args = build_parser().parse_args(argv)
    try:
        if args.events == "-":
            text = (stdin or sys.stdin).read()
        else:
            with open(args.events, encoding="utf-8") as handle:
                text = handle.read()
    except OSError as error:
        message = Message(
            _("Cannot read %(path)s: %(error)s"),
            {"path": args.events, "error": error.strerror or str(error)},
        )
        print(message.render(translate), file=err)
        return EXIT_INVALID_INPUT
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        message = Message(
            _("%(path)s is not valid JSON: %(error)s (line %(line)s, column %(column)s)."),
            {"path": args.events, "error": error.msg, "line": error.lineno, "column": error.colno},
        )
        print(message.render(translate), file=err)
        return EXIT_INVALID_INPUT
    try:
        simulation_input = parse_simulation(data, jurisdiction=args.jurisdiction)
        result = simulate(simulation_input, jurisdiction=args.jurisdiction, as_of=args.as_of)
    except PathwayInputError as error:
        for problem in error.problems:
            print(problem.render(translate), file=err)
        return EXIT_INVALID_INPUT
    if args.json:
        json.dump(result_to_json(result, translate), out, indent=2, ensure_ascii=False)
        out.write("\n")
    else:
        out.write(render_text(result, translate))
    return EXIT_OK
