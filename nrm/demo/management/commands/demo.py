"""`nrm demo load|logins|otp`: the generated demo world and how to sign in to it."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import mail
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.test.utils import override_settings
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from nrm.demo.denmark import DANISH_PERSONAS, DANISH_PERSONS, build_danish_world
from nrm.demo.volume import volume_load
from nrm.demo.world import DEMO_PASSWORD, PERSONAS, build_world, world_exists

# Worlds of this size and more are generated in bulk around the demo world's own persons.
VOLUME_FROM = 1_000
DEMO_PERSONS = 48


class Command(BaseCommand):
    help = "Load the demo world, print its sign-ins, or print a demo account's current code."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="what", required=True)
        load = sub.add_parser("load", help="Generate the demo world into an empty database.")
        load.add_argument("--if-empty", action="store_true", help="Do nothing when data exists.")
        load.add_argument(
            "--country",
            type=str.upper,
            default=None,
            help=(
                "The country's demo world (BE or DK); it must be the installation's own "
                "(NRM_COUNTRY). Default: the installation's."
            ),
        )
        load.add_argument(
            "--persons",
            type=int,
            default=48,
            help=(
                f"Persons in the world. From {VOLUME_FROM:,} on, the demo world's 48 are "
                "written through the real actions and the rest in bulk, in the proportions "
                "of a national installation (nrm/demo/volume.py)."
            ),
        )
        load.add_argument(
            "--no-progress", action="store_true", help="No progress bar on stderr."
        )
        sub.add_parser("logins", help="Print one sign-in per persona.")
        otp = sub.add_parser("otp", help="Print the current second-factor code of a demo account.")
        otp.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("The demo world is never loaded in production.")
        what = options["what"]
        if what == "load":
            if world_exists():
                if options["if_empty"]:
                    self.stdout.write(
                        "The database already holds data; the demo world is not loaded again."
                    )
                    return
                raise CommandError(
                    "The database is not empty; the demo world loads only into an empty one."
                )
            if options["persons"] < 0:
                raise CommandError("--persons must be zero or more.")
            country = options["country"] or settings.NRM_COUNTRY
            if country != settings.NRM_COUNTRY:
                # One installation per country: a Danish world in a Belgian installation
                # would be run by Belgian rules, language and time zone.
                raise CommandError(
                    f"This installation is {settings.NRM_COUNTRY}; run "
                    f"`NRM_COUNTRY={country} nrm demo load --country {country}` "
                    f"(its own database under ./var/{country.lower()}/ by default)."
                )
            if country == "DK":
                with override_settings(
                    EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"
                ):
                    mail.outbox = []
                    build_danish_world(persons=min(options["persons"], DANISH_PERSONS))
                    kept = len(mail.outbox)
                self.stdout.write(self.style.SUCCESS("Danish demo world loaded."))
                self.stdout.write(
                    f"{kept} notification e-mails of the generated world were not sent."
                )
                return
            # Building the world through the real actions notifies its invented people (a
            # membership awaiting approval, a guardian…); kept in memory, not printed over
            # the logins `make run` shows next.
            with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
                mail.outbox = []
                wanted = options["persons"]
                built = DEMO_PERSONS if wanted >= VOLUME_FROM else wanted
                build_world(persons=built)
                kept = len(mail.outbox)
            if wanted > built:
                counts = volume_load(persons=wanted - built, progress=not options["no_progress"])
                for table, rows in counts.rows.items():
                    self.stdout.write(f"  {table}: {rows:,} rows in bulk")
            self.stdout.write(self.style.SUCCESS("Demo world loaded."))
            self.stdout.write(f"{kept} notification e-mails of the generated world were not sent.")
        elif what == "logins":
            self._logins()
        else:
            device = TOTPDevice.objects.filter(
                user__username=options["username"], confirmed=True
            ).first()
            if device is None:
                raise CommandError(f"No account {options['username']!r} with a second factor.")
            totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
            self.stdout.write(f"{totp.token():06d}")

    def _logins(self) -> None:
        self.stdout.write("")
        self.stdout.write(
            f"Open NRM demo — sign in with any of these (password for all: {DEMO_PASSWORD})"
        )
        personas = DANISH_PERSONAS if settings.NRM_COUNTRY == "DK" else PERSONAS
        width = max(len(p.username) for p in personas)
        for persona in personas:
            self.stdout.write(f"  {persona.username.ljust(width)}  {persona.what}")
        self.stdout.write("")
        self.stdout.write(
            "Second factor: in demo mode the code page shows the current code. Outside the page,\n"
            "`.venv/bin/nrm demo otp USERNAME` prints it, or add the account's key to an\n"
            "authenticator app. Real installations require every account to enrol its own."
        )
        self.stdout.write("")
