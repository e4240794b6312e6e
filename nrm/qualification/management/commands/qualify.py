"""`nrm qualify FACTS.json [--jurisdiction BE|DK|FI|PALERMO|EU2011|EU2024|all] [--json]`."""

from __future__ import annotations

from nrm.core.cli import PureCoreCommand
from nrm.law.cli import main


class Command(PureCoreCommand):
    help = "Qualify case facts under each jurisdiction's trafficking law (CONTRACTS.md §1)."
    core_main = staticmethod(main)
