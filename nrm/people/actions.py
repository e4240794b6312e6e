"""Every write to person records. Atomic, audited in the same transaction."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nrm.access.actions import involvement_open
from nrm.access.audit import audit_record, field_changes
from nrm.access.context import Actor
from nrm.access.models import AuditEventType, InvolvementBasis
from nrm.access.policy import Ability, decide, decide_person, purpose_for
from nrm.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from nrm.organisations.models import OrganisationType, Role
from nrm.people.models import (
    DEMOGRAPHIC_FIELDS,
    IDENTITY_FIELDS,
    Person,
    SupportOverride,
    SuspectMarker,
)
from nrm.people.search import name_index_write
from nrm.people.vocab import COUNTRY_CODES, LANGUAGE_CODES, Gender


@dataclass
class PersonData:
    """What a form, the API or the demo says about a person."""

    given_names: str = ""
    family_name: str = ""
    other_names: str = ""
    birth_date: date | None = None
    documents: list[dict[str, str]] | None = None
    phone: str = ""
    email: str = ""
    address: str = ""
    nationalities: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    gender: str = Gender.NON_SPECIFIED_UNKNOWN
    age_at_first_contact: int | None = None
    first_contact_on: date | None = None


def _validate(data: PersonData) -> None:
    today = timezone.localdate()
    for code in data.nationalities:
        if code not in COUNTRY_CODES:
            raise DomainError(
                _("%(code)s is not an ISO 3166 country code.") % {"code": code},
                field="nationalities",
            )
    for code in data.languages:
        if code not in LANGUAGE_CODES:
            raise DomainError(
                _("%(code)s is not an ISO 639 language code.") % {"code": code},
                field="languages",
            )
    if data.gender not in Gender.values:
        raise DomainError(_("Unknown gender value."), field="gender")
    if data.age_at_first_contact is not None and not 0 <= data.age_at_first_contact <= 120:
        raise DomainError(_("The age must be between 0 and 120."), field="age_at_first_contact")
    if data.birth_date is not None and data.birth_date > today:
        raise DomainError(_("The birth date cannot be in the future."), field="birth_date")
    if data.first_contact_on is not None and data.first_contact_on > today:
        raise DomainError(_("The first contact cannot be in the future."), field="first_contact_on")


def _values(person: Person) -> dict[str, Any]:
    return {name: getattr(person, name) for name in (*IDENTITY_FIELDS, *DEMOGRAPHIC_FIELDS)}


def _audited_changes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """What changed, as the audit row keeps it: the old and new values of the clear
    demographic fields, and only a marker ("set", "changed", "cleared") for the identity
    fields. The trail is append-only and hashed over its plaintext, so a name written there
    would outlive the person's anonymisation (docs/retention.md)."""
    changes: dict[str, Any] = {}
    for name, change in field_changes(before, after).items():
        if name not in IDENTITY_FIELDS:
            changes[name] = change
        elif change["old"] and change["new"]:
            changes[name] = "changed"
        elif change["new"]:
            changes[name] = "set"
        elif change["old"]:
            changes[name] = "cleared"
    return changes


def _apply(person: Person, data: PersonData) -> None:
    for name, value in asdict(data).items():
        if name == "first_contact_on" and value is None:
            continue
        setattr(person, name, value)


@transaction.atomic
def person_create(*, actor: Actor, data: PersonData) -> Person:
    """Record a person met by the actor's organisation, which becomes involved."""
    decision = decide(actor, Ability.PERSON_CREATE)
    if not decision.allowed or actor.organisation is None:
        raise PermissionDenied(decision.reason)
    _validate(data)
    person = Person()
    _apply(person, data)
    person.save(force_insert=True)
    name_index_write(person)
    purpose = purpose_for(actor)
    audit_record(
        actor=actor,
        event_type=AuditEventType.CREATE,
        action="person_create",
        record=person,
        purpose=purpose,
        changes=_audited_changes({}, _values(person)),
    )
    involvement_open(
        actor=actor,
        person=person,
        organisation=actor.organisation,
        purpose=purpose,
        basis=InvolvementBasis.FIRST_CONTACT,
    )
    return person


@transaction.atomic
def person_update(
    *, actor: Actor, person_id: int, expected_version: int, data: PersonData
) -> Person:
    """Change a person's identity or demographics; refuse if someone else changed it first."""
    visibility = decide_person(actor, person_id, Ability.PERSON_VIEW)
    if not visibility.allowed:
        raise NotFound(_("No such person."))
    decision = decide_person(actor, person_id, Ability.PERSON_EDIT)
    if not decision.allowed:
        raise PermissionDenied(decision.reason)
    _validate(data)
    person = Person.objects.select_for_update().get(pk=person_id)
    if person.version != expected_version:
        raise Conflict(
            _("Someone else changed this record while you were editing. Reload and try again.")
        )
    before = _values(person)
    _apply(person, data)
    changes = _audited_changes(before, _values(person))
    if not changes:
        return person
    person.version += 1
    person.updated_at = timezone.now()
    person.save()
    name_index_write(person)
    audit_record(
        actor=actor,
        event_type=AuditEventType.UPDATE,
        action="person_update",
        record=person,
        purpose=decision.purpose,
        changes=changes,
    )
    return person


# Victims apart from suspects ---------------------------------------------------------------


@transaction.atomic
def person_suspect_mark(*, actor: Actor, person: Person) -> SuspectMarker:
    """Record that the person is a suspect in a case file of the actor's office (the
    prosecution calls this when it names a suspect). Idempotent per office."""
    visibility = decide_person(actor, person.pk, Ability.PERSON_VIEW)
    if not visibility.allowed or actor.organisation is None:
        raise NotFound(_("No such person."))
    if actor.organisation.type != OrganisationType.PROSECUTION_OFFICE:
        raise PermissionDenied(_("Only a prosecution office records a person as a suspect."))
    marker, created = SuspectMarker.objects.get_or_create(
        person=person,
        organisation=actor.organisation,
        defaults={"recorded_by": actor.user},
    )
    if created:
        audit_record(
            actor=actor,
            event_type=AuditEventType.CREATE,
            action="person_suspect_mark",
            record=marker,
            purpose=visibility.purpose,
            changes={"person": person.reference},
        )
    return marker


CENTRE_TYPES = frozenset({OrganisationType.CENTRE_ADULTS, OrganisationType.CENTRE_MINORS})


@transaction.atomic
def support_override_record(
    *, actor: Actor, person_reference: str, reason: str
) -> SupportOverride:
    """The director of a victims' centre allows the centre to take on a person recorded as
    a suspect: referrals to it and placements in its shelters are then no longer refused.

    The director may not see the person yet (the referral is what would let them): the
    reference comes from the organisation that was refused. Only directors may ask; a
    reference that is not a suspect's gets the same answer as one that does not exist, and
    the override, with its reasons, is audited. Nothing of the case file is shown.
    """
    organisation = actor.organisation
    if (
        organisation is None
        or organisation.type not in CENTRE_TYPES
        or actor.role != Role.CENTRE_DIRECTOR
        or not actor.user.is_active
    ):
        raise PermissionDenied(
            _("Only the director of a victims' centre overrides this refusal.")
        )
    why = reason.strip()
    if not why:
        raise DomainError(
            _("Give the reasons why your centre takes on a person recorded as a suspect."),
            field="reason",
        )
    if len(why) > 4000:
        raise DomainError(
            _("Keep this under %(limit)d characters.") % {"limit": 4000}, field="reason"
        )
    person = Person.objects.filter(
        reference=person_reference.strip(), suspect_markers__isnull=False
    ).first()
    if person is None:
        raise DomainError(
            _("No person recorded as a suspect has this reference."), field="person"
        )
    override = SupportOverride.objects.create(
        person=person, organisation=organisation, reason=why, decided_by=actor.user
    )
    audit_record(
        actor=actor,
        event_type=AuditEventType.CREATE,
        action="support_override_record",
        record=override,
        purpose=purpose_for(actor),
        # The reasons are free text about the person: kept in the override, not the trail.
        changes={"person": person.reference, "organisation": organisation.pk, "reason": "set"},
    )
    return override
