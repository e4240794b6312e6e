"""`nrm tokens create USERNAME --days N` and `nrm tokens revoke ID`: API tokens from the server.

For the administrators who run the installation: another system's token, minted where the
secret never passes through a browser. The audit row names the operating-system account
that ran the command.
"""

from __future__ import annotations

import getpass
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from nrm.accounts.actions import MAX_TOKEN_DAYS, api_token_issue, api_token_withdraw
from nrm.accounts.models import ApiToken, User
from nrm.core.errors import DomainError


def operator_label() -> str:
    return f"nrm tokens (command line, {getpass.getuser()})"[:150]


class Command(BaseCommand):
    help = "Create or revoke API tokens."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="what", required=True)
        create = sub.add_parser("create", help="Print a new token; it is shown only once.")
        create.add_argument("username")
        create.add_argument("--days", type=int, required=True, help=f"1 to {MAX_TOKEN_DAYS}")
        create.add_argument("--label", default="command line")
        create.add_argument(
            "--organisation",
            help="Short name of the organisation, when the account has several memberships.",
        )
        revoke = sub.add_parser("revoke", help="Stop a token at once.")
        revoke.add_argument("token_id", type=int)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["what"] == "create":
            self._create(options)
        else:
            self._revoke(options["token_id"])

    def _create(self, options: dict[str, Any]) -> None:
        user = User.objects.filter(username=options["username"], is_active=True).first()
        if user is None:
            raise CommandError(f"No active account named {options['username']!r}.")
        memberships = user.memberships.filter(ended_at__isnull=True).select_related(
            "organisation"
        )
        if options["organisation"]:
            memberships = memberships.filter(organisation__short_name=options["organisation"])
        found = list(memberships)
        if not found:
            raise CommandError("That account has no active membership there.")
        if len(found) > 1:
            names = ", ".join(sorted(str(m.organisation) for m in found))
            raise CommandError(f"Several memberships ({names}): choose one with --organisation.")
        try:
            token, plaintext = api_token_issue(
                operator=operator_label(),
                membership=found[0],
                label=options["label"],
                days=options["days"],
            )
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stderr.write(
            f"Token {token.pk} for {user.username} at {found[0].organisation}, "
            f"valid until {token.expires_at:%Y-%m-%d %H:%M} UTC. It is shown only once:"
        )
        self.stdout.write(plaintext)

    def _revoke(self, token_id: int) -> None:
        token = ApiToken.objects.filter(pk=token_id).first()
        if token is None:
            raise CommandError(f"No token {token_id}.")
        api_token_withdraw(operator=operator_label(), token=token)
        self.stdout.write(f"Token {token_id} is revoked.")
