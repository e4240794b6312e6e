"""`nrm serve`: the development server locally, gunicorn in production."""

from __future__ import annotations

import os
import shutil
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = "Serve Open NRM (development server, or gunicorn when NRM_ENV=production)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", default=os.environ.get("PORT", "8000"))
        # Two processes per core, four threads each: on the 2-core reference machine, 4
        # workers x 4 threads serve 16 requests at once; a thread waiting on the database
        # or on a slow client no longer holds a whole worker (docs/performance.md).
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "4"))
        )
        parser.add_argument("--threads", type=int, default=int(os.environ.get("WEB_THREADS", "4")))
        # A request still running after this many seconds is abandoned and its worker
        # restarted, instead of serving, long after, a client that has gone.
        parser.add_argument("--timeout", type=int, default=int(os.environ.get("WEB_TIMEOUT", "30")))

    def handle(self, *args: Any, **options: Any) -> None:
        port = str(options["port"])
        if not port.isdigit() or not 0 < int(port) < 65536:
            raise CommandError(f"PORT must be a port number, not {port!r}.")
        address = f"{options['host']}:{port}"
        if not settings.PRODUCTION:
            call_command("runserver", address, use_reloader=False)
            return
        gunicorn = shutil.which("gunicorn") or os.path.join(
            os.path.dirname(sys.executable), "gunicorn"
        )
        os.execv(  # noqa: S606 — replaces this process with gunicorn; no shell involved
            gunicorn,
            [
                gunicorn,
                "nrm.wsgi:application",
                "--bind",
                address,
                "--workers",
                str(options["workers"]),
                "--worker-class",
                "gthread",
                "--threads",
                str(options["threads"]),
                "--timeout",
                str(options["timeout"]),
                "--graceful-timeout",
                str(options["timeout"]),
                "--access-logfile",
                "-",
                # No query string, credential in a path or secret header in the access log.
                "--logger-class",
                "nrm.core.gunicorn.AccessLogger",
                "--forwarded-allow-ips",
                os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"),
            ],
        )
