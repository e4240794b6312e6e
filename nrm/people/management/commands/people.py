"""`nrm people reindex [--all]`: make the name-search tokens that are missing or stale.

Run it after changing NRM_SEARCH_KEY (every token is then stale) or after a bulk load; the
deadline worker also indexes stale persons, a batch per pass. Names are decrypted in this
process only; only keyed tokens are stored (nrm/people/blind_index.py).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import ngettext

from nrm.people.models import PersonNameIndexState
from nrm.people.search import name_index_refresh_stale


class Command(BaseCommand):
    help = "Maintain the person records' name-search index."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="what", required=True)
        reindex = sub.add_parser("reindex", help="Index persons whose tokens are missing or stale.")
        reindex.add_argument(
            "--all", action="store_true", help="Forget every token first and index everyone."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["all"]:
            # Forgetting the states makes every person stale; their tokens are replaced.
            PersonNameIndexState.objects.all().delete()
        count = name_index_refresh_stale(limit=None)
        self.stdout.write(
            ngettext(
                "%(count)d person indexed for the name search.",
                "%(count)d persons indexed for the name search.",
                count,
            )
            % {"count": count}
        )
