"""Administrators' reads: accounts and organisations, never case content."""

from __future__ import annotations

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Prefetch, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from nrm.access.context import Actor
from nrm.access.models import AuditEvent
from nrm.access.policy import Ability, decide
from nrm.accounts.lockout import lockout_key_for
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
    """Usernames that have reached the failure limit, counted as django-axes counts them:
    one row per address, added up per username, within the cool-off period.

    Axes stores a keyed hash of the username (nrm/accounts/lockout.py), so the locked
    keys are matched back to accounts here.
    """
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    keys = set(
        AccessAttempt.objects.filter(attempt_time__gte=since)
        .values("username")
        .annotate(failures=Sum("failures_since_start"))
        .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
        .values_list("username", flat=True)
    )
    if not keys:
        return set()
    usernames = User.objects.values_list("username", flat=True).iterator()
    return {name for name in usernames if lockout_key_for(name) in keys}


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
