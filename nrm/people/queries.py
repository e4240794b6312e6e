"""Every read of person records, through the access core, audited."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from nrm.access.audit import audit_record
from nrm.access.context import Actor
from nrm.access.models import AuditEvent, AuditEventType
from nrm.access.policy import (
    ROLE_PURPOSES,
    Ability,
    Decision,
    decide_person,
    visible_person_ids,
)
from nrm.core.errors import NotFound, PermissionDenied
from nrm.people.models import Person, SupportOverride, SuspectMarker
from nrm.people.search import persons_matching


def persons_visible_to(actor: Actor) -> QuerySet[Person]:
    """The persons the actor may open: through an open involvement of their organisation."""
    return Person.objects.filter(pk__in=visible_person_ids(actor))


def persons_filtered(
    persons: QuerySet[Person],
    *,
    q: str = "",
    reference: str = "",
    nationality: str = "",
    minor: str = "",
) -> QuerySet[Person]:
    """Filters on clear columns, and on names through their blind index (identities are
    encrypted and cannot be compared in SQL). A name search orders the best matches first;
    otherwise the newest contacts come first."""
    persons = persons_matching(persons, q) if q.strip() else persons.order_by(
        "-first_contact_on", "reference"
    )
    if reference:
        persons = persons.filter(reference__icontains=reference.strip())
    if nationality:
        # JSON list membership, portable between SQLite and PostgreSQL.
        persons = persons.filter(nationalities__icontains=f'"{nationality}"')
    if minor == "yes":
        persons = persons.filter(age_at_first_contact__lt=18)
    elif minor == "no":
        persons = persons.filter(age_at_first_contact__gte=18)
    return persons


def person_find_for_actor(
    actor: Actor, reference: str, *, ability: Ability = Ability.PERSON_VIEW
) -> tuple[Person, Decision]:
    """The one lookup of a person by reference, with the access decision for `ability`.

    NotFound whether the person is missing or not the actor's to see (the same answer);
    PermissionDenied when the actor sees the person but may not do `ability` with them.
    Not audited: the caller either shows the person (`person_get_for_actor` audits the
    read) or writes, and the action audits the write. A typed reference is accepted in
    any case and with spaces around it."""
    person = Person.objects.filter(reference=reference.strip().upper()).first()
    if person is None:
        raise NotFound(_("No such person."))
    decision = decide_person(actor, person.pk, Ability.PERSON_VIEW)
    if not decision.allowed:
        raise NotFound(_("No such person."))
    if ability != Ability.PERSON_VIEW:
        needed = decide_person(actor, person.pk, ability)
        if not needed.allowed:
            raise PermissionDenied(needed.reason)
        decision = needed
    return person, decision


def person_get_for_actor(
    actor: Actor, reference: str, *, ability: Ability = Ability.PERSON_VIEW, action: str
) -> Person:
    """One person, with the read audited (see `person_find_for_actor` for the answers)."""
    person, decision = person_find_for_actor(actor, reference, ability=ability)
    audit_record(
        actor=actor,
        event_type=AuditEventType.READ,
        action=action,
        record=person,
        purpose=decision.purpose,
    )
    return person


def persons_list_audited(actor: Actor, persons: Sequence[Person], *, action: str) -> None:
    """A list shows pseudonymous references and demographics: one audit row names them all."""
    if not persons:
        return
    audit_record(
        actor=actor,
        event_type=AuditEventType.READ,
        action=action,
        record_type=Person._meta.label_lower,
        record_id="*",
        purpose=decide_person(actor, persons[0].pk, Ability.PERSON_VIEW).purpose,
        changes={"references": [p.reference for p in persons]},
    )


def person_history_for_actor(actor: Actor, reference: str) -> tuple[Person, list[AuditEvent]]:
    """A person's audit history, for roles allowed to see it (itself a read, so audited)."""
    person = person_get_for_actor(
        actor, reference, ability=Ability.PERSON_HISTORY, action="person_history_view"
    )
    # Changes to the shared record are everyone's history; reads are shown only when the
    # actor's own organisation made them or they served a purpose the actor serves, so that
    # a centre's care work does not show up in a prosecutor's view of the history.
    mine = (
        ~Q(event_type=AuditEventType.READ)
        | Q(organisation_id=actor.organisation_id)
        | Q(purpose__in=ROLE_PURPOSES.get(actor.role, frozenset()))
    )
    events = list(
        AuditEvent.objects.filter(record_type=Person._meta.label_lower, record_id=str(person.pk))
        .filter(mine)
        .select_related("organisation")
        .order_by("-id")[:500]
    )
    return person, events


# Victims apart from suspects ---------------------------------------------------------------


def is_recorded_suspect(person_id: int) -> bool:
    """For the actions of referrals and care: the check itself, never shown as such."""
    return SuspectMarker.objects.filter(person_id=person_id).exists()


def support_refused(person_id: int, organisation_id: int) -> bool:
    """True when a victims' centre may not take on the person: recorded as a suspect and
    no override by that centre's director."""
    return (
        is_recorded_suspect(person_id)
        and not SupportOverride.objects.filter(
            person_id=person_id, organisation_id=organisation_id
        ).exists()
    )


@dataclass(frozen=True)
class SuspectWarning:
    """What a centre is told: that the person is recorded as a suspect, and its director's
    override if there is one. Never a case, a charge or an office."""

    overridden_by: str
    overridden_at: datetime | None
    reason: str


def suspect_warning_for(actor: Actor, person: Person) -> SuspectWarning | None:
    """The warning for an actor who sees the person; None for anyone else and for a person
    not recorded as a suspect."""
    # The marker first: one query for the many persons who are no suspect.
    if actor.organisation_id is None or not is_recorded_suspect(person.pk):
        return None
    if not decide_person(actor, person.pk, Ability.PERSON_VIEW).allowed:
        return None
    override = (
        SupportOverride.objects.filter(person=person, organisation_id=actor.organisation_id)
        .select_related("decided_by")
        .order_by("-decided_at", "-pk")
        .first()
    )
    if override is None:
        return SuspectWarning("", None, "")
    by = override.decided_by
    return SuspectWarning(by.get_full_name() or by.username, override.decided_at, override.reason)
