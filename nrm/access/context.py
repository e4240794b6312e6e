"""The actor: a user acting for one organisation in one role, for this request."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nrm.accounts.models import User
    from nrm.organisations.models import Membership, Organisation


@dataclass(frozen=True)
class Actor:
    user: User
    membership: Membership | None

    @property
    def organisation(self) -> Organisation | None:
        return self.membership.organisation if self.membership else None

    @property
    def organisation_id(self) -> int | None:
        return self.membership.organisation_id if self.membership else None

    @property
    def role(self) -> str:
        return self.membership.role if self.membership else ""

    @property
    def label(self) -> str:
        return self.user.username


def actor_for(user: User, membership: Membership | None = None) -> Actor:
    """The actor for a user's chosen membership, or their first active one."""
    if membership is None:
        membership = (
            user.memberships.filter(ended_at__isnull=True)
            .select_related("organisation")
            .order_by("id")
            .first()
        )
    elif membership.user_id != user.pk or membership.ended_at is not None:
        membership = None
    return Actor(user=user, membership=membership)
