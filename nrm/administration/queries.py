"""Administrators' reads: accounts and organisations, never case content."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from nrm.access.context import Actor
from nrm.access.models import AuditEvent
from nrm.access.policy import Ability, decide
from nrm.accounts import throttle
from nrm.accounts.models import User
from nrm.core.errors import NotFound
from nrm.organisations.models import Membership, Organisation


def users_visible_to(actor: Actor) -> QuerySet[User]:
    if not decide(actor, Ability.USERS_MANAGE).allowed:
        return User.objects.none()
    active = Membership.objects.filter(ended_at__isnull=True).select_related("organisation")
    return User.objects.prefetch_related(
        Prefetch("memberships", queryset=active, to_attr="active_memberships")
    ).order_by("username")


def user_get_for_actor(actor: Actor, user_id: int) -> User:
    user = users_visible_to(actor).filter(pk=user_id).first()
    if user is None:
        raise NotFound(_("No such user."))
    return user


def locked_usernames() -> set[str]:
    """Usernames whose sign-in from an unknown browser must wait now (nrm/accounts/throttle.py).

    The counters hold a keyed hash of the username, so they are matched back to accounts.
    """
    keys = throttle.throttled_accounts(throttle.clock())
    if not keys:
        return set()
    usernames = User.objects.values_list("username", flat=True).iterator()
    return {name for name in usernames if throttle.account_key(name) in keys}


def organisations_visible_to(actor: Actor) -> QuerySet[Organisation]:
    if not decide(actor, Ability.ORGANISATIONS_MANAGE).allowed:
        return Organisation.objects.none()
    return Organisation.objects.select_related("region", "judicial_district").order_by(
        "type", "name"
    )


def audit_events_for_admin(actor: Actor, limit: int = 100) -> list[AuditEvent]:
    """Recent audit metadata: who did what to which record id, never the values."""
    if not decide(actor, Ability.AUDIT_VERIFY).allowed:
        return []
    return list(
        AuditEvent.objects.select_related("organisation").defer("changes").order_by("-id")[:limit]
    )
