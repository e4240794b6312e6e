"""Who does what with retention: the data protection officer, and the organisations that
answer for their own records.

Each organisation of the mechanism is its own controller of the records it keeps (a centre
for its care records, a team for its screenings, an office for its case files); the
platform operator hosts them. So:

- the platform's data protection officer is the operator's administrator: they see the
  retention flags and holds (record type, id, pseudonymous reference, reason, dates: no
  content) and may place or release a hold on any person, but never read a person's
  records (issue 11 §1: the administrator is not a back door);
- an organisation answers a subject-access request for what it holds: its head roles
  export what their organisation holds on a person they are or were involved with, and
  place holds on such persons. There is no platform-wide export: investigation records
  fall under the law-enforcement rules (Directive 2016/680), where access by the person
  is restricted and answered by the authority itself, never by a platform-wide officer.
"""

from __future__ import annotations

from django.db.models import Q

from nrm.access.context import Actor
from nrm.access.models import Involvement
from nrm.access.policy import ROLE_PURPOSES
from nrm.organisations.models import OrganisationType, Role
from nrm.people.models import Person

# The roles that answer for their organisation's records (requests, holds).
ANSWERING_ROLES = frozenset(
    {Role.TEAM_LEAD, Role.CENTRE_DIRECTOR, Role.PROSECUTOR, Role.IMMIGRATION_OFFICER}
)


def _active(actor: Actor) -> bool:
    return actor.membership is not None and actor.user.is_active


def is_data_protection_officer(actor: Actor) -> bool:
    organisation = actor.organisation
    return (
        _active(actor)
        and organisation is not None
        and actor.role == Role.ADMINISTRATOR
        and organisation.type == OrganisationType.PLATFORM_OPERATOR
    )


def answers_for_organisation(actor: Actor) -> bool:
    return _active(actor) and actor.role in ANSWERING_ROLES


def may_place_hold(actor: Actor) -> bool:
    return is_data_protection_officer(actor) or answers_for_organisation(actor)


def involved_person(actor: Actor, reference: str) -> Person | None:
    """A person the actor's organisation is or was involved with, for a purpose the role
    serves: an ended involvement still leaves the organisation's records to answer for."""
    if not answers_for_organisation(actor) or actor.organisation_id is None:
        return None
    purposes = ROLE_PURPOSES.get(actor.role, frozenset())
    involved = Involvement.objects.filter(
        organisation_id=actor.organisation_id, purpose__in=purposes
    )
    # Assignment holds here too: a member outside an assigned team does not answer for it.
    if actor.role not in {Role.TEAM_LEAD, Role.CENTRE_DIRECTOR}:
        assigned = Q(assigned_users=None) | Q(assigned_users=actor.user)
        involved = involved.filter(assigned)
    return Person.objects.filter(
        reference=reference.strip(), pk__in=involved.values("person_id")
    ).first()


def person_for_hold(actor: Actor, reference: str) -> Person | None:
    if is_data_protection_officer(actor):
        return Person.objects.filter(reference=reference.strip()).first()
    return involved_person(actor, reference)
