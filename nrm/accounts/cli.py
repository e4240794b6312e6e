"""Who a command acts as: `--as USERNAME` (that user, with their role's rights) or the
operator's shell, audited as `cli:<login>`. Shared by every command that takes `--as`
(`nrm export`, `nrm import`, `nrm linkage`, `nrm indicators load`); exit status 2 on a
bad name."""

from __future__ import annotations

import getpass

from django.core.management.base import CommandError, CommandParser

from nrm.access.context import Actor, actor_for
from nrm.accounts.models import User


def add_caller(parser: CommandParser) -> None:
    parser.add_argument(
        "--as",
        dest="as_user",
        metavar="USERNAME",
        help="Act as this user, with their role's rights (audited under their name). "
        "Without it the command runs as the operator's shell, audited as cli:<login>.",
    )


def caller(username: str | None) -> tuple[Actor | None, str]:
    """The actor named by --as, or None for the operator's shell; and the audit label."""
    label = f"cli:{getpass.getuser()}"
    if not username:
        return None, label
    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        raise CommandError(f"No active user {username!r}.", returncode=2)
    actor = actor_for(user)
    if actor.membership is None:
        raise CommandError(f"{username!r} has no active membership.", returncode=2)
    return actor, label
