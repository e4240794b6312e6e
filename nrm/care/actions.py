"""Every write to care records. Atomic, audited in the same transaction.

Order of refusals in each action: a record the actor may not see is 404 (as if it did not
exist); a role that may see but not do this is 403; bad input is 400 naming the field; a
request that does not fit the records' state (no free place, an overlapping stay, a plan
already closed, a stale version) is 409. Audit rows never carry the shelter's address or
the text of notes and plans: the audit trail is read by administrators, and is a log.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from nrm.access.actions import involvement_open
from nrm.access.audit import audit_record
from nrm.access.context import Actor
from nrm.access.models import AuditEventType, InvolvementBasis, Purpose
from nrm.access.policy import Ability, Decision, decide, decide_person, role_may
from nrm.care.capacity import overlaps, peak_occupancy
from nrm.care.fit import misfits
from nrm.care.models import (
    PLAN_TRANSITIONS,
    SERVICE_PROVIDER_KINDS,
    TRANSFER_TRANSITIONS,
    CareDisclosure,
    CareNote,
    DepartureReason,
    DisclosureBasis,
    Placement,
    PlaceType,
    ServiceDelivery,
    ServiceType,
    Shelter,
    ShelterPlaces,
    ShelterTransfer,
    SupportPlan,
    SupportPlanStatus,
    SupportPlanType,
    TransferStatus,
)
from nrm.care.queries import (
    DISCLOSURE_CONSENT_PURPOSE,
    centre_of,
    misfit_labels,
    own_centre,
    resident_for,
    transfer_centres,
)
from nrm.consent.models import ConsentRecord
from nrm.consent.queries import consent_allows, latest_answers
from nrm.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from nrm.core.mail import send_after_claim
from nrm.organisations.models import Membership, Organisation, OrganisationType, Role
from nrm.people.models import Person
from nrm.people.queries import support_refused

if TYPE_CHECKING:
    # Annotation only: the directory sits above care; its edge (the service page) looks the
    # provider up through the directory's own access helper and hands it in.
    from nrm.directory.models import Provider

MAX_PLACES_PER_TYPE = 500
MAX_NOTE_LENGTH = 20_000
MAX_REASON_LENGTH = 2000
# Organisations that never receive care data: they do not act on one person's case.
NO_DISCLOSURE_TO = frozenset(
    {
        OrganisationType.RAPPORTEUR,
        OrganisationType.COORDINATION_UNIT,
        OrganisationType.PLATFORM_OPERATOR,
    }
)


def _care_person(actor: Actor, person_id: int, ability: Ability) -> Decision:
    """404 unless the actor's centre holds the person's care; 403 without the ability."""
    decision = decide_person(actor, person_id, Ability.CARE_VIEW)
    if not decision.allowed:
        raise NotFound(_("No such person."))
    if not role_may(actor, ability):
        raise PermissionDenied(_("Your role does not allow this."))
    return decision


def _not_in_future(day: date, field: str) -> None:
    if day > timezone.localdate():
        raise DomainError(_("The date cannot be in the future."), field=field)


def _lock_person(person_id: int) -> None:
    # Serialises the writes about one person's stays and plans at every centre, so two
    # caseworkers cannot both place the same person, or both open a plan.
    Person.objects.select_for_update().filter(pk=person_id).values_list("pk").first()


def _day(day: date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")


# Shelters ------------------------------------------------------------------------------


def _clean_capacities(capacities: Mapping[str, int]) -> dict[str, int]:
    cleaned: dict[str, int] = {}
    for place_type, capacity in capacities.items():
        if place_type not in PlaceType.values:
            raise DomainError(_("Unknown type of place."), field="places")
        if isinstance(capacity, bool) or not isinstance(capacity, int):
            raise DomainError(_("Must be a whole number."), field=f"places_{place_type.lower()}")
        if not 0 <= capacity <= MAX_PLACES_PER_TYPE:
            raise DomainError(
                _("Must be between 0 and %(max)s.") % {"max": MAX_PLACES_PER_TYPE},
                field=f"places_{place_type.lower()}",
            )
        cleaned[place_type] = capacity
    if sum(cleaned.values()) == 0:
        raise DomainError(_("A shelter needs at least one place."), field="places")
    return cleaned


def _clean_name(organisation_id: int, name: str, exclude: int | None = None) -> str:
    name = name.strip()
    if not name:
        raise DomainError(_("Give the shelter a name."), field="name")
    if len(name) > 100:
        raise DomainError(_("At most 100 characters."), field="name")
    taken = Shelter.objects.filter(organisation_id=organisation_id, name=name)
    if exclude is not None:
        taken = taken.exclude(pk=exclude)
    if taken.exists():
        raise DomainError(_("Your centre already has a shelter with this name."), field="name")
    return name


@transaction.atomic
def shelter_create(
    *, actor: Actor, name: str, address: str, capacities: Mapping[str, int]
) -> Shelter:
    """A new shelter of the actor's centre, with its places per type (director only)."""
    decision = decide(actor, Ability.SHELTER_MANAGE)
    if not decision.allowed or centre_of(actor) is None:
        raise PermissionDenied(decision.reason or _("Your role does not allow this."))
    centre = own_centre(actor)
    cleaned = _clean_capacities(capacities)
    shelter = Shelter.objects.create(
        organisation_id=centre,
        name=_clean_name(centre, name),
        address=address.strip(),
        created_by=actor.user,
    )
    ShelterPlaces.objects.bulk_create(
        ShelterPlaces(shelter=shelter, place_type=t, capacity=c) for t, c in cleaned.items() if c
    )
    audit_record(
        actor=actor,
        event_type=AuditEventType.CREATE,
        action="shelter_create",
        record=shelter,
        purpose=Purpose.CARE,
        # The address is secret: the trail says that it was set, never what it is.
        changes={"name": shelter.name, "address_set": bool(shelter.address), "places": cleaned},
    )
    return shelter


@transaction.atomic
def shelter_update(
    *,
    actor: Actor,
    shelter_id: int,
    expected_version: int,
    name: str,
    address: str,
    capacities: Mapping[str, int],
) -> Shelter:
    """Rename, move or resize a shelter. Places cannot drop below those taken now or later."""
    shelter = (
        Shelter.objects.select_for_update().filter(pk=shelter_id, organisation_id=own_centre(actor))
    ).first()
    if shelter is None:
        raise NotFound(_("No such shelter."))
    if not role_may(actor, Ability.SHELTER_MANAGE):
        raise PermissionDenied(_("Your role does not allow this."))
    cleaned = _clean_capacities(capacities)
    new_name = _clean_name(shelter.organisation_id, name, exclude=shelter.pk)
    if shelter.version != expected_version:
        raise Conflict(
            _("Someone else changed this shelter while you were editing. Reload and try again.")
        )
    today = timezone.localdate()
    before = {p.place_type: p.capacity for p in shelter.places.all()}
    for place_type in PlaceType.values:
        stays = Placement.objects.filter(shelter=shelter, place_type=place_type).values_list(
            "arrived_on", "departed_on"
        )
        taken = peak_occupancy(stays, today)
        if cleaned.get(place_type, 0) < taken:
            raise Conflict(
                ngettext(
                    "%(taken)s place for %(type)s is taken from today on; record the "
                    "departure before reducing the places to %(places)s.",
                    "%(taken)s places for %(type)s are taken from today on; record departures "
                    "before reducing the places to %(places)s.",
                    taken,
                )
                % {
                    "taken": taken,
                    "type": PlaceType(place_type).label,
                    "places": cleaned.get(place_type, 0),
                }
            )
    address = address.strip()
    address_changed = address != shelter.address
    old_name = shelter.name
    shelter.name = new_name
    shelter.address = address
    shelter.version += 1
    shelter.save(update_fields=["name", "address", "version"])
    shelter.places.all().delete()
    ShelterPlaces.objects.bulk_create(
        ShelterPlaces(shelter=shelter, place_type=t, capacity=c) for t, c in cleaned.items() if c
    )
    audit_record(
        actor=actor,
        event_type=AuditEventType.UPDATE,
        action="shelter_update",
        record=shelter,
        purpose=Purpose.CARE,
        changes={
            "name": {"old": old_name, "new": new_name},
            "address_changed": address_changed,
            "places": {"old": before, "new": {t: c for t, c in cleaned.items() if c}},
        },
    )
    return shelter


# Placements ----------------------------------------------------------------------------


def _clean_departure(arrived_on: date, departed_on: date, reason: str, note: str) -> None:
    if departed_on < arrived_on:
        raise DomainError(_("The departure cannot be before the arrival."), field="departed_on")
    _not_in_future(departed_on, "departed_on")
    if reason not in DepartureReason.values:
        raise DomainError(_("Say why the person left."), field="departure_reason")
    if reason == DepartureReason.OTHER and not note.strip():
        raise DomainError(_("Say what happened."), field="departure_note")


@transaction.atomic
def placement_create(
    *,
    actor: Actor,
    person: Person,
    shelter_id: int,
    place_type: str,
    arrived_on: date,
    departed_on: date | None = None,
    departure_reason: str = "",
    departure_note: str = "",
    with_family: bool = False,
    fit_reason: str = "",
) -> Placement:
    """Place a person in one of the centre's shelters (or record a past stay).

    Refused when no place of that type is free on every day of the stay (409), or when the
    person already has a stay at this centre on one of those days (409). Only the centre's
    own stays count: another centre's records are not this centre's to see, and a stale
    one there must not block a placement here. A place that does not fit the person
    (`nrm.care.fit`: a man in a place for women, a minor in a place for adults, a person
    alone in a family place) asks for the reason (400 on `fit_reason`), kept with the stay.
    """
    decision = _care_person(actor, person.pk, Ability.CARE_RECORD)
    centre = own_centre(actor)
    shelter = (
        Shelter.objects.select_for_update().filter(pk=shelter_id, organisation_id=centre).first()
    )
    if shelter is None:
        raise DomainError(_("Choose one of your centre's shelters."), field="shelter")
    if support_refused(person.pk, centre):
        # Victims apart from suspects (issue 9 §4): only the director's reasoned override
        # opens the shelter; the centre is told the fact, never the case.
        raise Conflict(
            _(
                "%(person)s is recorded as a suspect in a criminal case file and cannot be "
                "placed in your shelter unless your centre's director decides so, with "
                "reasons."
            )
            % {"person": person.reference}
        )
    if place_type not in PlaceType.values:
        raise DomainError(_("Choose a type of place."), field="place_type")
    _not_in_future(arrived_on, "arrived_on")
    if departed_on is not None:
        _clean_departure(arrived_on, departed_on, departure_reason, departure_note)
    elif departure_reason or departure_note:
        raise DomainError(_("A reason needs a departure date."), field="departed_on")
    _lock_person(person.pk)
    stays_here = Placement.objects.filter(person=person, shelter__organisation_id=centre)
    for other in stays_here.select_related("shelter"):
        if overlaps((other.arrived_on, other.departed_on), arrived_on, departed_on):
            raise Conflict(
                _(
                    "This person already stays at %(shelter)s from %(from)s; record that "
                    "departure first."
                )
                % {"shelter": other.shelter.name, "from": _day(other.arrived_on)}
            )
    capacity = (
        ShelterPlaces.objects.filter(shelter=shelter, place_type=place_type)
        .values_list("capacity", flat=True)
        .first()
    ) or 0
    label = PlaceType(place_type).label
    if capacity == 0:
        raise DomainError(
            _("%(shelter)s has no places for %(type)s.") % {"shelter": shelter.name, "type": label},
            field="place_type",
        )
    stays = Placement.objects.filter(shelter=shelter, place_type=place_type).values_list(
        "arrived_on", "departed_on"
    )
    taken = peak_occupancy(stays, arrived_on, departed_on)
    if taken >= capacity:
        raise Conflict(
            ngettext(
                "No place for %(type)s is free at %(shelter)s from %(from)s: its one place "
                "is taken.",
                "No place for %(type)s is free at %(shelter)s from %(from)s: all %(capacity)s "
                "places are taken.",
                capacity,
            )
            % {
                "type": label,
                "shelter": shelter.name,
                "from": _day(arrived_on),
                "capacity": capacity,
            }
        )
    found = [
        str(m)
        for m in misfits(place_type, resident_for(person, with_family=with_family, day=arrived_on))
    ]
    fit_reason = fit_reason.strip() if found else ""
    if found and not fit_reason:
        raise DomainError(
            _("This place does not fit the person: %(why)s Say why it is the right place.")
            % {"why": " ".join(misfit_labels(found))},
            field="fit_reason",
        )
    if len(fit_reason) > MAX_REASON_LENGTH:
        raise DomainError(_("The text is too long."), field="fit_reason")
    placement = Placement.objects.create(
        person=person,
        shelter=shelter,
        place_type=place_type,
        arrived_on=arrived_on,
        departed_on=departed_on,
        departure_reason=departure_reason if departed_on else "",
        departure_note=departure_note.strip() if departed_on else "",
        with_family=with_family,
        misfits=found,
        fit_reason=fit_reason,
        created_by=actor.user,
    )
    audit_record(
        actor=actor,
        event_type=AuditEventType.CREATE,
        action="placement_create",
        record=placement,
        purpose=decision.purpose,
        changes={
            "person": person.reference,
            "shelter": shelter.pk,
            "place_type": place_type,
            "arrived_on": arrived_on,
            "departed_on": departed_on,
            "departure_reason": placement.departure_reason,
            "with_family": with_family,
            # The misfits are rule names; the reason is care data: a marker only.
            "misfits": found,
            "fit_reason": "set" if fit_reason else "",
        },
    )
    return placement


@transaction.atomic
def placement_end(
    *, actor: Actor, placement_id: int, departed_on: date, reason: str, note: str = ""
) -> Placement:
    """Record a departure: the place is free again from that day."""
    placement = (
        Placement.objects.select_for_update()
        .filter(pk=placement_id, shelter__organisation_id=own_centre(actor))
        .first()
    )
    if placement is None:
        raise NotFound(_("No such record."))
    decision = _care_person(actor, placement.person_id, Ability.CARE_RECORD)
    if placement.departed_on is not None:
        raise Conflict(_("This stay has already ended."))
    _clean_departure(placement.arrived_on, departed_on, reason, note)
    placement.departed_on = departed_on
    placement.departure_reason = reason
    placement.departure_note = note.strip()
    placement.save(update_fields=["departed_on", "departure_reason", "departure_note"])
    audit_record(
        actor=actor,
        event_type=AuditEventType.END,
        action="placement_end",
        record=placement,
        purpose=decision.purpose,
        changes={"departed_on": departed_on, "departure_reason": reason},
    )
    return placement


# Support plans and services ------------------------------------------------------------


def _clean_plan(
    types: Sequence[str], objectives: str, started_on: date, planned_end_on: date | None
) -> list[str]:
    if not types:
        raise DomainError(_("Choose at least one type of support."), field="types")
    for value in types:
        if value not in SupportPlanType.values:
            raise DomainError(
                _("%(value)s is not an HTCDS support-plan type.") % {"value": value},
                field="types",
            )
    if not objectives.strip():
        raise DomainError(_("Write the plan's objectives."), field="objectives")
    if len(objectives) > MAX_NOTE_LENGTH:
        raise DomainError(_("The text is too long."), field="objectives")
    if planned_end_on is not None and planned_end_on < started_on:
        raise DomainError(_("The planned end cannot be before the start."), field="planned_end_on")
    # Keep HTCDS's order, without repeats, so equal plans compare equal.
    return [value for value in SupportPlanType.values if value in set(types)]


def _plan_values(plan: SupportPlan) -> dict[str, object]:
    return {
        "types": plan.types,
        "started_on": plan.started_on,
        "planned_end_on": plan.planned_end_on,
        "status": plan.status,
    }


@transaction.atomic
def support_plan_create(
    *,
    actor: Actor,
    person: Person,
    types: Sequence[str],
    objectives: str,
    action_plan: str = "",
    started_on: date,
    planned_end_on: date | None = None,
) -> SupportPlan:
    """Open the centre's support plan for a person; one active plan per person and centre."""
    decision = _care_person(actor, person.pk, Ability.CARE_RECORD)
    centre = own_centre(actor)
    cleaned = _clean_plan(types, objectives, started_on, planned_end_on)
    _lock_person(person.pk)
    if SupportPlan.objects.filter(
        person=person, organisation_id=centre, status=SupportPlanStatus.ACTIVE
    ).exists():
        raise Conflict(
            _("This person already has an active support plan at your centre; change or close it.")
        )
    plan = SupportPlan.objects.create(
        person=person,
        organisation_id=centre,
        types=cleaned,
        objectives=objectives.strip(),
        action_plan=action_plan.strip(),
        started_on=started_on,
        planned_end_on=planned_end_on,
        created_by=actor.user,
    )
    audit_record(
        actor=actor,
        event_type=AuditEventType.CREATE,
        action="support_plan_create",
        record=plan,
        purpose=decision.purpose,
        changes={"person": person.reference, **_plan_values(plan)},
    )
    return plan


def _plan_for_update(actor: Actor, plan_id: int, expected_version: int) -> SupportPlan:
    plan = (
        SupportPlan.objects.select_for_update()
        .filter(pk=plan_id, organisation_id=own_centre(actor))
        .first()
    )
    if plan is None:
        raise NotFound(_("No such record."))
    _care_person(actor, plan.person_id, Ability.CARE_RECORD)
    if plan.status != SupportPlanStatus.ACTIVE:
        raise Conflict(_("This plan is closed; open a new one."))
    if plan.version != expected_version:
        raise Conflict(
            _("Someone else changed this plan while you were editing. Reload and try again.")
        )
    return plan


@transaction.atomic
def support_plan_update(
    *,
    actor: Actor,
    plan_id: int,
    expected_version: int,
    types: Sequence[str],
    objectives: str,
    action_plan: str,
    planned_end_on: date | None,
) -> SupportPlan:
    """Change an active plan's types, objectives, action plan or planned end."""
    plan = _plan_for_update(actor, plan_id, expected_version)
    cleaned = _clean_plan(types, objectives, plan.started_on, planned_end_on)
    before = _plan_values(plan)
    texts_changed = [
        name
        for name, value in (("objectives", objectives), ("action_plan", action_plan))
        if getattr(plan, name) != value.strip()
    ]
    plan.types = cleaned
    plan.objectives = objectives.strip()
    plan.action_plan = action_plan.strip()
    plan.planned_end_on = planned_end_on
    after = _plan_values(plan)
    if before == after and not texts_changed:
        return plan
    plan.version += 1
    plan.updated_at = timezone.now()
    plan.save()
    audit_record(
        actor=actor,
        event_type=AuditEventType.UPDATE,
        action="support_plan_update",
        record=plan,
        purpose=Purpose.CARE,
        changes={
            **{k: {"old": before[k], "new": after[k]} for k in after if before[k] != after[k]},
            "texts_changed": texts_changed,
        },
    )
    return plan


@transaction.atomic
def support_plan_close(
    *, actor: Actor, plan_id: int, expected_version: int, status: str, actual_end_on: date
) -> SupportPlan:
    """End an active plan: completed, or discontinued (`PLAN_TRANSITIONS`)."""
    if status not in SupportPlanStatus.values or status == SupportPlanStatus.ACTIVE:
        raise DomainError(_("Say whether the plan was completed or discontinued."), field="status")
    plan = _plan_for_update(actor, plan_id, expected_version)
    if status not in PLAN_TRANSITIONS[plan.status]:
        raise Conflict(_("This plan cannot be closed from its present state."))
    if actual_end_on < plan.started_on:
        raise DomainError(_("The end cannot be before the start."), field="actual_end_on")
    _not_in_future(actual_end_on, "actual_end_on")
    old_status = plan.status
    plan.status = status
    plan.actual_end_on = actual_end_on
    plan.version += 1
    plan.updated_at = timezone.now()
    plan.save()
    audit_record(
        actor=actor,
        event_type=AuditEventType.END,
        action="support_plan_close",
        record=plan,
        purpose=Purpose.CARE,
        changes={"status": {"old": old_status, "new": status}, "actual_end_on": actual_end_on},
    )
    return plan


@transaction.atomic
def service_record(
    *,
    actor: Actor,
    person: Person,
    service_type: str,
    delivered_on: date,
    provider: str = "",
    note: str = "",
    directory_provider: Provider | None = None,
) -> ServiceDelivery:
    """A service delivered; it counts under the plan active at the time, if any.

    `directory_provider` is a vetted provider of the services directory, already looked up
    through the directory's access helper by the caller; it must offer this service.
    """
    decision = _care_person(actor, person.pk, Ability.CARE_RECORD)
    centre = own_centre(actor)
    if service_type not in ServiceType.values:
        raise DomainError(_("Choose a service."), field="service_type")
    if directory_provider is not None:
        kinds = SERVICE_PROVIDER_KINDS[service_type]
        if kinds is not None and directory_provider.kind not in kinds:
            raise DomainError(
                _("This provider does not offer this service: choose one that does."),
                field="directory_provider",
            )
    _not_in_future(delivered_on, "delivered_on")
    if len(provider.strip()) > 200:
        raise DomainError(_("At most 200 characters."), field="provider")
    if len(note) > MAX_NOTE_LENGTH:
        raise DomainError(_("The text is too long."), field="note")
    plan = SupportPlan.objects.filter(
        person=person, organisation_id=centre, status=SupportPlanStatus.ACTIVE
    ).first()
    service = ServiceDelivery.objects.create(
        person=person,
        organisation_id=centre,
        plan=plan,
        service_type=service_type,
        delivered_on=delivered_on,
        provider=provider.strip(),
        directory_provider=directory_provider,
        note=note.strip(),
        recorded_by=actor.user,
    )
    audit_record(
        actor=actor,
        event_type=AuditEventType.CREATE,
        action="service_record",
        record=service,
        purpose=decision.purpose,
        changes={
            "person": person.reference,
            "service_type": service_type,
            "delivered_on": delivered_on,
            # Encrypted in the service (it may name a doctor or a lawyer): a marker here.
            "provider": "set" if service.provider else "",
            # Which directory provider is care data too (a psychiatrist tells of the care).
            "directory_provider": "set" if directory_provider is not None else "",
            "plan": plan.pk if plan else None,
        },
    )
    return service


# Care notes and their disclosure -------------------------------------------------------


@transaction.atomic
def care_note_create(*, actor: Actor, person: Person, text: str) -> CareNote:
    """A centre's note on a person; visible to that centre only, unless disclosed."""
    decision = _care_person(actor, person.pk, Ability.CARE_RECORD)
    text = text.strip()
    if not text:
        raise DomainError(_("Write the note."), field="text")
    if len(text) > MAX_NOTE_LENGTH:
        raise DomainError(_("The text is too long."), field="text")
    note = CareNote.objects.create(
        person=person, organisation_id=own_centre(actor), text=text, written_by=actor.user
    )
    audit_record(
        actor=actor,
        event_type=AuditEventType.CREATE,
        action="care_note_create",
        record=note,
        purpose=decision.purpose,
        changes={"person": person.reference},
    )
    return note


def disclosure_recipients(actor: Actor) -> list[Organisation]:
    """The organisations a director may disclose to: active, not the centre itself, and not
    those that never act on one person's case (rapporteur, coordination, operator)."""
    return list(
        Organisation.objects.filter(is_active=True)
        .exclude(pk=own_centre(actor))
        .exclude(type__in=NO_DISCLOSURE_TO)
        .order_by("name")
    )


def _sharing_consent(
    person: Person, recipient: Organisation, basis_reference: str
) -> ConsentRecord | None:
    """The consent answer in force that a disclosure to `recipient` rests on (400 on
    `basis` without one); None for a recipient with no consent purpose of its own, whose
    signed consent the director names instead."""
    purpose = DISCLOSURE_CONSENT_PURPOSE.get(recipient.type)
    if purpose is None:
        if not basis_reference:
            raise DomainError(
                _("Say where the person's signed consent is kept."), field="basis_reference"
            )
        return None
    if not consent_allows(person, purpose):
        raise DomainError(
            _(
                "The person's consent to share with the police and the prosecution is not "
                "in force (not asked, refused or withdrawn). Record their answer first (for "
                "a child: the decision in the child's best interests, the guardian "
                "informed), or name a legal basis."
            ),
            field="basis",
        )
    return latest_answers(person)[purpose]


@transaction.atomic
def care_disclosure_create(
    *,
    actor: Actor,
    person: Person,
    recipient_id: int,
    basis: str,
    basis_reference: str,
    scope: str,
    decided_on: date,
    note_id: int | None = None,
    plan_id: int | None = None,
) -> CareDisclosure:
    """Let one organisation read one of the centre's notes or plans (director only)."""
    decision = _care_person(actor, person.pk, Ability.CARE_DISCLOSE)
    centre = own_centre(actor)
    if (note_id is None) == (plan_id is None):
        raise DomainError(_("Choose one note or one plan to disclose."), field="item")
    note = plan = None
    if note_id is not None:
        note = CareNote.objects.filter(pk=note_id, person=person, organisation_id=centre).first()
        if note is None:
            raise DomainError(_("Choose one of your centre's notes on this person."), field="item")
    if plan_id is not None:
        plan = SupportPlan.objects.filter(pk=plan_id, person=person, organisation_id=centre).first()
        if plan is None:
            raise DomainError(_("Choose one of your centre's plans for this person."), field="item")
    recipient = next((o for o in disclosure_recipients(actor) if o.pk == recipient_id), None)
    if recipient is None:
        raise DomainError(
            _("Choose an organisation that may receive care data."), field="recipient"
        )
    if basis not in DisclosureBasis.values:
        raise DomainError(_("Choose the basis of the disclosure."), field="basis")
    basis_reference = basis_reference.strip()
    if basis == DisclosureBasis.LEGAL_BASIS and not basis_reference:
        raise DomainError(
            _("Name the legal basis (law and article, or court order)."), field="basis_reference"
        )
    if len(basis_reference) > 300:
        raise DomainError(_("At most 300 characters."), field="basis_reference")
    consent = None
    if basis == DisclosureBasis.CONSENT:
        consent = _sharing_consent(person, recipient, basis_reference)
    scope = scope.strip()
    if not scope:
        raise DomainError(_("Say what the recipient may use it for."), field="scope")
    if len(scope) > 300:
        raise DomainError(_("At most 300 characters."), field="scope")
    _not_in_future(decided_on, "decided_on")
    already = CareDisclosure.objects.select_for_update().filter(
        recipient=recipient, ended_at__isnull=True, note=note, plan=plan
    )
    if already.exists():
        raise Conflict(_("This is already disclosed to that organisation."))
    disclosure = CareDisclosure.objects.create(
        organisation_id=centre,
        person=person,
        note=note,
        plan=plan,
        recipient=recipient,
        basis=basis,
        basis_reference=basis_reference,
        scope=scope,
        decided_on=decided_on,
        decided_by=actor.user,
        consent=consent,
    )
    audit_record(
        actor=actor,
        event_type=AuditEventType.CREATE,
        action="care_disclosure_create",
        record=disclosure,
        purpose=decision.purpose,
        changes={
            "person": person.reference,
            "note": note_id,
            "plan": plan_id,
            "recipient": recipient.pk,
            "basis": basis,
            "basis_reference": basis_reference,
            "scope": scope,
            "decided_on": decided_on,
            "consent": consent.pk if consent else None,
        },
    )
    return disclosure


@transaction.atomic
def care_disclosure_end(*, actor: Actor, disclosure_id: int) -> CareDisclosure:
    """Stop a disclosure: from now on the recipient no longer reads the note or plan."""
    disclosure = (
        CareDisclosure.objects.select_for_update()
        .filter(pk=disclosure_id, organisation_id=own_centre(actor))
        .first()
    )
    if disclosure is None:
        raise NotFound(_("No such record."))
    decision = _care_person(actor, disclosure.person_id, Ability.CARE_DISCLOSE)
    if disclosure.ended_at is not None:
        raise Conflict(_("This disclosure has already ended."))
    disclosure.ended_at = timezone.now()
    disclosure.ended_by = actor.user
    disclosure.save(update_fields=["ended_at", "ended_by"])
    audit_record(
        actor=actor,
        event_type=AuditEventType.END,
        action="care_disclosure_end",
        record=disclosure,
        purpose=decision.purpose,
        changes={"recipient": disclosure.recipient_id, "ended_at": disclosure.ended_at},
    )
    return disclosure


# Transfer requests between centres -----------------------------------------------------


def _transfer_for_update(
    actor: Actor, transfer_id: int, *, side: str, expected_version: int
) -> ShelterTransfer:
    """Lock a transfer the actor's centre sent (`side="from"`) or received ("to"): 404
    for anyone else, 403 without the role to record care, 409 when it changed meanwhile
    or was already answered."""
    centre = centre_of(actor)
    field = "from_organisation_id" if side == "from" else "to_organisation_id"
    transfer = (
        ShelterTransfer.objects.select_for_update()
        .filter(pk=transfer_id, **{field: centre})
        .first()
        if centre is not None
        else None
    )
    if transfer is None:
        raise NotFound(_("No such record."))
    if not role_may(actor, Ability.CARE_RECORD):
        raise PermissionDenied(_("Your role does not allow this."))
    if transfer.version != expected_version:
        raise Conflict(
            _("Someone else changed this request while you were reading it. Reload and try again.")
        )
    return transfer


def _transfer_move(transfer: ShelterTransfer, target: str, actor: Actor) -> None:
    """The one place that moves a transfer's status, along `TRANSFER_TRANSITIONS`."""
    if target not in TRANSFER_TRANSITIONS[transfer.status]:
        raise Conflict(
            _("This request has already been answered: %(status)s.")
            % {"status": TransferStatus(transfer.status).label}
        )
    transfer.status = target
    transfer.version += 1
    transfer.decided_at = timezone.now()
    transfer.decided_by = actor.user


def _notify_centre(transfer: ShelterTransfer) -> None:
    """Tell the receiving centre's care staff, after commit, that a request waits: the
    requesting centre and the type of place, never who the person is."""
    recipients = sorted(
        {
            (email, language or settings.LANGUAGE_CODE)
            for email, language in Membership.objects.filter(
                organisation_id=transfer.to_organisation_id,
                role__in=[Role.CENTRE_DIRECTOR, Role.CASEWORKER],
                ended_at__isnull=True,
                user__is_active=True,
            )
            .exclude(user__email="")
            .values_list("user__email", "user__preferred_language")
        }
    )
    messages = []
    for email, language in recipients:
        with translation.override(language):
            subject = _("A transfer request waits for your centre's answer")
            body = _(
                "%(centre)s asks your centre to take a person into your shelter (place for "
                "%(type)s, from %(day)s). Open Shelter, then Transfer requests, to answer."
            ) % {
                "centre": transfer.from_organisation,
                "type": PlaceType(transfer.place_type).label,
                "day": _day(transfer.wanted_from),
            }
        messages.append(EmailMessage(subject=subject, body=body, to=[email]))
    if messages:
        transaction.on_commit(lambda: send_after_claim(messages, what="transfer request"))


@transaction.atomic
def shelter_transfer_request(
    *,
    actor: Actor,
    person: Person,
    to_organisation_id: int,
    place_type: str,
    wanted_from: date,
    with_family: bool = False,
    message: str = "",
) -> ShelterTransfer:
    """Ask another centre to take a person into its shelter (the own one full, say).

    The receiving centre sees the type of place, the arrival wanted, the person's gender,
    age and languages and the message, and nothing else until it accepts.
    """
    decision = _care_person(actor, person.pk, Ability.CARE_RECORD)
    centre = own_centre(actor)
    recipient = next((o for o in transfer_centres(actor) if o.pk == to_organisation_id), None)
    if recipient is None:
        raise DomainError(_("Choose a centre with a shelter."), field="to_organisation")
    if place_type not in PlaceType.values:
        raise DomainError(_("Choose a type of place."), field="place_type")
    if not ShelterPlaces.objects.filter(
        shelter__organisation=recipient, place_type=place_type, capacity__gt=0
    ).exists():
        raise DomainError(
            _("%(centre)s has no places for %(type)s.")
            % {"centre": recipient, "type": PlaceType(place_type).label},
            field="place_type",
        )
    if wanted_from < timezone.localdate():
        raise DomainError(_("The arrival cannot be in the past."), field="wanted_from")
    message = message.strip()
    if len(message) > MAX_REASON_LENGTH:
        raise DomainError(_("The text is too long."), field="message")
    _lock_person(person.pk)
    if ShelterTransfer.objects.filter(person=person, status=TransferStatus.REQUESTED).exists():
        raise Conflict(
            _("A transfer request for this person is already waiting; withdraw it first.")
        )
    from_placement = (
        Placement.objects.filter(
            person=person, shelter__organisation_id=centre, departed_on__isnull=True
        )
        .order_by("-arrived_on")
        .first()
    )
    resident = resident_for(person, with_family=with_family, day=wanted_from)
    transfer = ShelterTransfer.objects.create(
        person=person,
        from_organisation_id=centre,
        to_organisation=recipient,
        place_type=place_type,
        with_family=with_family,
        wanted_from=wanted_from,
        gender=person.gender,
        age=resident.age,
        languages=list(person.languages),
        message=message,
        from_placement=from_placement,
        requested_by=actor.user,
    )
    audit_record(
        actor=actor,
        event_type=AuditEventType.CREATE,
        action="shelter_transfer_request",
        record=transfer,
        purpose=decision.purpose,
        changes={
            "person": person.reference,
            "to_organisation": recipient.pk,
            "place_type": place_type,
            "with_family": with_family,
            "wanted_from": wanted_from,
            "from_placement": from_placement.pk if from_placement else None,
            "message": "set" if message else "",
        },
    )
    _notify_centre(transfer)
    return transfer


@transaction.atomic
def shelter_transfer_accept(
    *,
    actor: Actor,
    transfer_id: int,
    expected_version: int,
    shelter_id: int,
    arrived_on: date,
    fit_reason: str = "",
) -> ShelterTransfer:
    """The receiving centre takes the person in, in one action: its care involvement opens,
    the stay starts in its shelter (free place and fit checked as any placement), and the
    requesting centre's open stay ends that day ("transferred")."""
    transfer = _transfer_for_update(
        actor, transfer_id, side="to", expected_version=expected_version
    )
    _transfer_move(transfer, TransferStatus.ACCEPTED, actor)
    person = Person.objects.get(pk=transfer.person_id)
    from_placement = (
        Placement.objects.select_for_update().filter(pk=transfer.from_placement_id).first()
        if transfer.from_placement_id
        else None
    )
    if from_placement is not None and from_placement.departed_on is not None:
        from_placement = None  # the requesting centre recorded the departure itself
    if from_placement is not None and arrived_on < from_placement.arrived_on:
        raise DomainError(
            _("The arrival cannot be before the stay at %(centre)s began (%(day)s).")
            % {"centre": transfer.from_organisation, "day": _day(from_placement.arrived_on)},
            field="arrived_on",
        )
    assert actor.organisation is not None  # _transfer_for_update found the centre
    involvement_open(
        actor=actor,
        person=person,
        organisation=actor.organisation,
        purpose=Purpose.CARE,
        basis=InvolvementBasis.REFERRAL_ACCEPTED,
    )
    placement = placement_create(
        actor=actor,
        person=person,
        shelter_id=shelter_id,
        place_type=transfer.place_type,
        arrived_on=arrived_on,
        with_family=transfer.with_family,
        fit_reason=fit_reason,
    )
    if from_placement is not None:
        from_placement.departed_on = arrived_on
        from_placement.departure_reason = DepartureReason.TRANSFERRED
        from_placement.save(update_fields=["departed_on", "departure_reason"])
        audit_record(
            actor=actor,
            event_type=AuditEventType.END,
            action="placement_end_by_transfer",
            record=from_placement,
            purpose=Purpose.CARE,
            changes={
                "departed_on": arrived_on,
                "departure_reason": DepartureReason.TRANSFERRED,
                "transfer": transfer.pk,
            },
        )
    transfer.placement = placement
    transfer.save()
    audit_record(
        actor=actor,
        event_type=AuditEventType.UPDATE,
        action="shelter_transfer_accept",
        record=transfer,
        purpose=Purpose.CARE,
        changes={
            "status": {"old": TransferStatus.REQUESTED, "new": TransferStatus.ACCEPTED},
            "placement": placement.pk,
            "ended_placement": from_placement.pk if from_placement else None,
        },
    )
    return transfer


@transaction.atomic
def shelter_transfer_decline(
    *, actor: Actor, transfer_id: int, expected_version: int, reason: str
) -> ShelterTransfer:
    """The receiving centre declines, with the reason the requesting centre will read."""
    reason = reason.strip()
    if not reason:
        raise DomainError(_("Say why your centre declines."), field="reason")
    if len(reason) > MAX_REASON_LENGTH:
        raise DomainError(_("The text is too long."), field="reason")
    transfer = _transfer_for_update(
        actor, transfer_id, side="to", expected_version=expected_version
    )
    _transfer_move(transfer, TransferStatus.DECLINED, actor)
    transfer.decline_reason = reason
    transfer.save()
    audit_record(
        actor=actor,
        event_type=AuditEventType.UPDATE,
        action="shelter_transfer_decline",
        record=transfer,
        purpose=Purpose.CARE,
        changes={
            "status": {"old": TransferStatus.REQUESTED, "new": TransferStatus.DECLINED},
            "reason": "set",
        },
    )
    return transfer


@transaction.atomic
def shelter_transfer_withdraw(
    *, actor: Actor, transfer_id: int, expected_version: int
) -> ShelterTransfer:
    """The requesting centre withdraws a request not yet answered."""
    transfer = _transfer_for_update(
        actor, transfer_id, side="from", expected_version=expected_version
    )
    _transfer_move(transfer, TransferStatus.WITHDRAWN, actor)
    transfer.save()
    audit_record(
        actor=actor,
        event_type=AuditEventType.UPDATE,
        action="shelter_transfer_withdraw",
        record=transfer,
        purpose=Purpose.CARE,
        changes={"status": {"old": TransferStatus.REQUESTED, "new": TransferStatus.WITHDRAWN}},
    )
    return transfer
