"""`nrm qualify FACTS.json [--jurisdiction BE|DK|FI|PALERMO|EU2011|EU2024|all] [--json]`.

Plain argparse and no Django, so that the project's `nrm` command can delegate to
`main(argv, translate=gettext)` (nrm/core/cli.py) and the engine also runs as
`python -m nrm.law`. Exit status: 0 when evaluated (whatever the result), 2 on invalid
input (CONTRACTS.md §1).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import TextIO

from nrm.law.config import LawConfig
from nrm.law.engine import qualify
from nrm.law.facts import FactsError, parse_facts
from nrm.law.i18n import Message, Translate, _, identity
from nrm.law.render import render_text, report_to_json
from nrm.law.rulesets import JURISDICTIONS

EXIT_OK = 0
EXIT_INVALID_INPUT = 2
ALL = "all"


def build_parser(prog: str = "nrm qualify") -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog, description="Legal qualification of trafficking facts."
    )
    parser.add_argument("facts", help="FACTS.json, or - for standard input")
    parser.add_argument("--jurisdiction", choices=[*JURISDICTIONS, ALL], default=ALL)
    parser.add_argument("--json", action="store_true", help="print the JSON contract")
    return parser


def main(
    argv: Sequence[str] | None = None,
    *,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    stdin: TextIO | None = None,
    translate: Translate = identity,
    config: LawConfig | None = None,
) -> int:
    out, err = stdout or sys.stdout, stderr or sys.stderr
    args = build_parser().parse_args(argv)
    try:
        if args.facts == "-":
            text = (stdin or sys.stdin).read()
        else:
            with open(args.facts, encoding="utf-8") as handle:
                text = handle.read()
    except (OSError, UnicodeDecodeError) as error:
        detail = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        message = Message(
            _("Cannot read %(path)s: %(error)s"), {"path": args.facts, "error": detail}
        )
        print(message.render(translate), file=err)
        return EXIT_INVALID_INPUT
    try:
        facts = parse_facts(text)
    except FactsError as error:
        for path, problem in error.problems:
            line = Message(
                _("%(path)s: %(problem)s"),
                {"path": path, "problem": problem.render(translate)},
            )
            print(line.render(translate), file=err)
        return EXIT_INVALID_INPUT
    report = qualify(facts, None if args.jurisdiction == ALL else [args.jurisdiction], config)
    if args.json:
        json.dump(report_to_json(report, translate), out, indent=2, ensure_ascii=False)
        out.write("\n")
    else:
        out.write(render_text(report, translate))
    return EXIT_OK
