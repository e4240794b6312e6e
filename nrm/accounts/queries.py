"""Which memberships a person may act through now.

A membership is effective while it has not ended and, when its role opens case data, once
a second administrator has approved it (four eyes, `nrm.administration.actions`). A personal
API token acts through one of them, and only while it is effective.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from nrm.access.context import Actor, actor_for
from nrm.access.policy import ROLE_ABILITIES, Ability
from nrm.accounts.models import ApiToken, ApprovalState, token_digest
from nrm.core.errors import NotFound
from nrm.organisations.models import Membership

# Abilities that reach persons, care records, inspections or case files. A role holding
# any of them needs the four-eyes approval; administration, coordination and de-identified
# statistics do not.
CASE_DATA_ABILITIES = frozenset(
    {
        Ability.PERSON_CREATE,
        Ability.PERSON_VIEW,
        Ability.PERSON_EDIT,
        Ability.PERSON_HISTORY,
        Ability.CARE_VIEW,
        Ability.CARE_RECORD,
        Ability.CARE_DISCLOSE,
        Ability.SHELTER_MANAGE,
        Ability.INSPECTION_VIEW,
        Ability.INSPECTION_RECORD,
        Ability.EVIDENCE_ADD,
        Ability.CASE_VIEW,
        Ability.CASE_RECORD,
        Ability.COURT_DECIDE,
        Ability.CASE_PROCEDURAL_FACTS,
    }
)


def role_opens_case_data(role: str) -> bool:
    return bool(ROLE_ABILITIES.get(role, frozenset()) & CASE_DATA_ABILITIES)


CASE_DATA_ROLES = frozenset(role for role in ROLE_ABILITIES if role_opens_case_data(role))


def effective_filter(prefix: str = "") -> Q:
    """Not ended, and approved where the role opens case data."""
    return Q(**{f"{prefix}ended_at__isnull": True}) & (
        ~Q(**{f"{prefix}role__in": CASE_DATA_ROLES})
        | Q(**{f"{prefix}approval__state": ApprovalState.APPROVED})
    )


def effective_memberships(user_id: int) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(effective_filter(), user_id=user_id)
        .select_related("organisation")
        .order_by("id")
    )


def api_token_actor(plaintext: str) -> Actor | None:
    """The actor a bearer token acts as, or None: unknown, revoked, expired, a deactivated
    account, or a membership that is no longer effective (ended, or awaiting approval)."""
    token = (
        ApiToken.objects.select_related("membership__user", "membership__organisation")
        .filter(
            digest=token_digest(plaintext),
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
            membership__user__is_active=True,
        )
        .filter(effective_filter("membership__"))
        .first()
    )
    return actor_for(token.membership.user, token.membership) if token else None


def api_tokens_of(actor: Actor) -> QuerySet[ApiToken]:
    """Every token of the actor's account, across memberships, newest first."""
    return (
        ApiToken.objects.filter(membership__user_id=actor.user.pk)
        .select_related("membership__organisation")
        .order_by("-created_at", "-pk")
    )


def api_token_get_for_actor(actor: Actor, token_id: int) -> ApiToken:
    """One of the actor's own tokens; anyone else's is 404, as if it did not exist."""
    token = api_tokens_of(actor).filter(pk=token_id).first()
    if token is None:
        raise NotFound(_("No such token."))
    return token
