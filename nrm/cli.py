"""The `nrm` console script: Django's management commands under one short name.

`nrm serve`, `nrm qualify`, `nrm audit verify`, `nrm demo load` ... are management commands;
this wrapper only sets the settings module so that they run from any directory.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nrm.settings")
    from django.core.management import execute_from_command_line

    from nrm.core.env import ConfigurationError

    args = sys.argv[1:] if argv is None else argv
    try:
        execute_from_command_line(["nrm", *args])
    except ConfigurationError as exc:
        # A missing secret in production: say which, without a traceback in the way.
        print(f"nrm: configuration error: {exc}", file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
