"""`nrm qualify FACTS.json [--jurisdiction BE|DK|FI|PALERMO|EU2011|EU2024|all] [--json]`."""

from __future__ import annotations

from typing import Any

from nrm.core.cli import PureCoreCommand
from nrm.law.cli import main
from nrm.qualification.config import law_config


def _main(argv: list[str], **options: Any) -> int:
    """The engine's CLI with this installation's cut-over date of the new Belgian code."""
    return main(argv, config=law_config(), **options)


class Command(PureCoreCommand):
    help = "Qualify case facts under each jurisdiction's trafficking law (CONTRACTS.md §1)."
    core_main = staticmethod(_main)
