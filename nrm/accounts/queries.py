"""Which memberships a person may act through now.

A membership is effective while it has not ended and, when its role opens case data, once
a second administrator has approved it (four eyes, `nrm.administration.actions`).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from nrm.access.policy import ROLE_ABILITIES, Ability
from nrm.accounts.models import ApprovalState
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
