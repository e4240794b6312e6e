"""`nrm pathway simulate EVENTS.json [--jurisdiction BE|DK] [--as-of DATE] [--json]`."""

from __future__ import annotations

from nrm.core.cli import PureCoreCommand
from nrm.pathway.cli import main


class Command(PureCoreCommand):
    help = "Run the victim-status pathway engine on dated events (CONTRACTS.md §2)."
    core_main = staticmethod(main)
