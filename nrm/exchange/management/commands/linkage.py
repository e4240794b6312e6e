"""`nrm linkage rebuild [--all]`: compute the persons' linkage keys that are missing or stale.

Run it after changing NRM_LINKAGE_KEY (with --all), or from cron so that the distinct-person
counts stay current. Identities are decrypted in this process only; only keys are stored.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from nrm.accounts.cli import add_caller, caller
from nrm.core.errors import DomainError
from nrm.exchange.actions import linkage_keys_refresh


class Command(BaseCommand):
    help = "Compute the Bloom-filter linkage keys of persons (missing or stale ones)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="what", required=True)
        rebuild = sub.add_parser("rebuild", help="Compute missing or stale keys.")
        rebuild.add_argument("--all", action="store_true", help="Recompute every key.")
        add_caller(rebuild)

    def handle(self, *args: Any, **options: Any) -> None:
        actor, label = caller(options["as_user"])
        try:
            computed = linkage_keys_refresh(
                actor=actor, actor_label=label, everything=options["all"]
            )
        except DomainError as exc:
            raise CommandError(exc.message, returncode=2) from exc
        self.stdout.write(f"{computed} linkage keys computed.")
