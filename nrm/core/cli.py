"""Management commands that hand their whole command line to a pure core's own CLI.

The pure cores (`nrm/law`, `nrm/pathway`) parse their contract options themselves
(CONTRACTS.md), so Django's parser must not touch them; these commands only choose the
language (NRM_LANGUAGE, else the site default) and pass Django's gettext.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation


class PureCoreCommand(BaseCommand):
    """Subclasses set `core_main`: main(argv, *, translate) -> exit status."""

    core_main: Callable[..., int]

    def run_from_argv(self, argv: list[str]) -> None:
        try:
            status = self.run_core(argv[2:])
            sys.stdout.flush()
        except BrokenPipeError:
            # The reader went away (`nrm qualify … | head`): not an error of ours.
            sys.stderr.close()
            sys.exit(0)
        if status:
            sys.exit(status)

    def run_core(self, args: Sequence[str]) -> int:
        language = os.environ.get("NRM_LANGUAGE", settings.LANGUAGE_CODE)
        with translation.override(language):
            return type(self).core_main(list(args), translate=translation.gettext)

    def handle(self, *args: Any, **options: Any) -> None:  # pragma: no cover - call_command path
        status = self.run_core(list(args))
        if status:
            sys.exit(status)
