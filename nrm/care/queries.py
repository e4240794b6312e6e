"""Every read of care records, through the access core, audited.

One access helper per object type (`shelter_get_for_actor`, `placement_get_for_actor`,
`support_plan_get_for_actor`, `care_disclosure_get_for_actor`, `care_person_get_for_actor`;
notes are read only within `care_file_for_actor`; the API's reads are
`care_placements_get_for_actor` and `care_plans_get_for_actor`) and one visible-set query
per list. Every helper that shows care data audits the read.
Care data belongs to the centre that wrote it: anyone else gets the same 404 as for a
record that does not exist, except the organisation a director named in an open
disclosure, which reads exactly the disclosed note or plan.

Reads of a person's care file are audited under their own record type, not the person's:
the person's history page is open to other organisations (a prosecutor's, say), and even
the fact that a centre keeps notes on someone is the centre's to share.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from nrm.access.audit import audit_record
from nrm.access.context import Actor
from nrm.access.models import AuditEventType, Purpose
from nrm.access.policy import Ability, Decision, decide, decide_person, purpose_for, role_may
from nrm.access.policy import visible_person_ids as _visible_person_ids
from nrm.care.capacity import peak_occupancy
from nrm.care.fit import Misfit, Resident, age_on
from nrm.care.models import (
    MISFIT_LABELS,
    CareDisclosure,
    CareNote,
    Placement,
    PlaceType,
    ServiceDelivery,
    Shelter,
    ShelterTransfer,
    SupportPlan,
    SupportPlanStatus,
    TransferStatus,
)
from nrm.consent.models import ConsentPurpose
from nrm.consent.queries import persons_refusing
from nrm.core.errors import NotFound, PermissionDenied
from nrm.organisations.models import Organisation, OrganisationType
from nrm.people.models import Person
from nrm.people.queries import person_find_for_actor

# The audit record type of a person's care file at one centre (see the module docstring).
CARE_FILE = "care.carefile"
PLACE_TYPE_ORDER = {value: index for index, value in enumerate(PlaceType.values)}
# The organisations that run shelters and take transfers.
CENTRE_TYPES = frozenset({OrganisationType.CENTRE_ADULTS, OrganisationType.CENTRE_MINORS})


def centre_of(actor: Actor) -> int | None:
    """The organisation whose care records the actor works with, if the role does care."""
    if actor.membership is None or not actor.user.is_active:
        return None
    if not role_may(actor, Ability.CARE_VIEW):
        return None
    return actor.organisation_id


def own_centre(actor: Actor) -> int:
    """The actor's centre, for reads of its own records: 404 for a role without care."""
    centre = centre_of(actor)
    if centre is None:
        raise NotFound(_("No such record."))
    return centre


def require_care_role(actor: Actor, ability: Ability = Ability.CARE_VIEW) -> int:
    """For pages that are not about one record (the overview, a new shelter): 403."""
    decision = decide(actor, ability)
    centre = centre_of(actor)
    if not decision.allowed or centre is None:
        raise PermissionDenied(decision.reason or _("Your role does not allow this."))
    return centre


def occupying_on(day: date, prefix: str = "") -> Q:
    """Placements that take a place on `day` (see `nrm.care.capacity`)."""
    return Q(**{f"{prefix}arrived_on__lte": day}) & (
        Q(**{f"{prefix}departed_on__isnull": True}) | Q(**{f"{prefix}departed_on__gt": day})
    )


# The consent purpose (nrm/consent) a disclosure on the person's consent rests on, by the
# recipient's kind. The police, the prosecution, the courts and the inspection services
# act on the criminal case: the person's consent to share with them is the one recorded
# for that purpose (for a child: the best-interests decision, the guardian informed).
# Other recipients (another centre, the immigration office) have no purpose in nrm/consent
# yet: the director names where the signed consent is kept.
DISCLOSURE_CONSENT_PURPOSE: dict[str, str] = {
    OrganisationType.POLICE_UNIT: ConsentPurpose.SHARE_WITH_LAW_ENFORCEMENT,
    OrganisationType.PROSECUTION_OFFICE: ConsentPurpose.SHARE_WITH_LAW_ENFORCEMENT,
    OrganisationType.COURT: ConsentPurpose.SHARE_WITH_LAW_ENFORCEMENT,
    OrganisationType.LABOUR_INSPECTION_TEAM: ConsentPurpose.SHARE_WITH_LAW_ENFORCEMENT,
    OrganisationType.TAX_AUTHORITY: ConsentPurpose.SHARE_WITH_LAW_ENFORCEMENT,
}


def disclosures_in_force(disclosures: QuerySet[CareDisclosure]) -> QuerySet[CareDisclosure]:
    """The open disclosures a recipient may still read: on a legal basis, or on a consent
    still in force (not withdrawn, not overruled by a later refusal). "Sharing stops; what
    was shared stays recorded as shared": the rows stay, the reading stops."""
    stopped = Q(consent__withdrawn_on__isnull=False)
    for purpose in sorted(set(DISCLOSURE_CONSENT_PURPOSE.values())):
        stopped |= Q(consent__purpose=purpose, person__in=persons_refusing(purpose).values("pk"))
    return disclosures.filter(ended_at__isnull=True).exclude(stopped)


# Shelters ------------------------------------------------------------------------------


def shelters_visible_to(actor: Actor) -> QuerySet[Shelter]:
    """The actor's own centre's shelters; nobody else's, whatever the role."""
    centre = centre_of(actor)
    if centre is None:
        return Shelter.objects.none()
    return Shelter.objects.filter(organisation_id=centre)


def shelter_get_for_actor(actor: Actor, shelter_id: int, *, with_address: bool = False) -> Shelter:
    """One of the actor's centre's shelters; 404 for everyone else.

    Reading the secret address is audited (who looked it up, when), never its value.
    """
    shelter = shelters_visible_to(actor).filter(pk=shelter_id).first()
    if shelter is None:
        raise NotFound(_("No such shelter."))
    if with_address:
        shelter_address_audited(actor, shelter, action="shelter_address_view")
    return shelter


def shelter_address_audited(actor: Actor, shelter: Shelter, *, action: str) -> None:
    """Record that the actor was shown the shelter's secret address (the edit form shows
    it too, once the director's role is checked)."""
    audit_record(
        actor=actor,
        event_type=AuditEventType.READ,
        action=action,
        record=shelter,
        purpose=Purpose.CARE,
        changes={"fields": ["address"]},
    )


@dataclass(frozen=True)
class PlaceCount:
    place_type: str
    capacity: int
    occupied: int

    @property
    def label(self) -> str:
        return str(PlaceType(self.place_type).label)

    @property
    def free(self) -> int:
        return max(self.capacity - self.occupied, 0)


@dataclass(frozen=True)
class ShelterOccupancy:
    shelter: Shelter
    places: tuple[PlaceCount, ...]

    @property
    def capacity(self) -> int:
        return sum(p.capacity for p in self.places)

    @property
    def occupied(self) -> int:
        return sum(p.occupied for p in self.places)

    @property
    def free(self) -> int:
        return sum(p.free for p in self.places)


@dataclass(frozen=True)
class OccupancyTotals:
    shelters: int
    capacity: int
    occupied: int
    free: int


def occupancy_for(actor: Actor, *, on: date | None = None) -> list[ShelterOccupancy]:
    """Places, taken and free, per shelter and type of place, on one day (default today).

    Three queries whatever the number of shelters and placements.
    """
    day = on or timezone.localdate()
    shelters = list(shelters_visible_to(actor).prefetch_related("places").order_by("name"))
    if not shelters:
        return []
    taken: dict[tuple[int, str], int] = {
        (row["shelter_id"], row["place_type"]): row["n"]
        for row in Placement.objects.filter(occupying_on(day), shelter__in=shelters)
        .values("shelter_id", "place_type")
        .annotate(n=Count("id"))
        .order_by()
    }
    result = []
    for shelter in shelters:
        capacity = {p.place_type: p.capacity for p in shelter.places.all()}
        types = sorted(
            {t for t, c in capacity.items() if c > 0} | {t for s, t in taken if s == shelter.pk},
            key=PLACE_TYPE_ORDER.__getitem__,
        )
        result.append(
            ShelterOccupancy(
                shelter=shelter,
                places=tuple(
                    PlaceCount(t, capacity.get(t, 0), taken.get((shelter.pk, t), 0)) for t in types
                ),
            )
        )
    return result


def occupancy_totals(actor: Actor) -> OccupancyTotals | None:
    """Today's places over all the centre's shelters, for the home page; None without any."""
    shelters = occupancy_for(actor)
    if not shelters:
        return None
    return OccupancyTotals(
        shelters=len(shelters),
        capacity=sum(s.capacity for s in shelters),
        occupied=sum(s.occupied for s in shelters),
        free=sum(s.free for s in shelters),
    )


def free_places(shelter: Shelter, *, from_day: date) -> list[PlaceCount]:
    """Places of each type still free on every day from `from_day` on: what an open-ended
    placement arriving that day may take. `occupied` is the peak, not that day's count."""
    capacity = {p.place_type: p.capacity for p in shelter.places.all()}
    stays: dict[str, list[tuple[date, date | None]]] = defaultdict(list)
    rows = Placement.objects.filter(shelter=shelter).filter(
        Q(departed_on__isnull=True) | Q(departed_on__gt=from_day)
    )
    for place_type, arrived, departed in rows.values_list(
        "place_type", "arrived_on", "departed_on"
    ):
        stays[place_type].append((arrived, departed))
    return [
        PlaceCount(t, capacity.get(t, 0), peak_occupancy(stays[t], from_day))
        for t in PlaceType.values
        if capacity.get(t, 0) > 0
    ]


# Whether a person fits a place --------------------------------------------------------


def misfit_labels(codes: Iterable[str]) -> list[str]:
    return [str(MISFIT_LABELS[Misfit(code)]) for code in codes]


def resident_for(person: Person, *, with_family: bool, day: date) -> Resident:
    """What the fit rules read of a person arriving on `day` (the birth date is decrypted
    here and used only for the age; nothing of it is shown or logged)."""
    return Resident(
        gender=person.gender,
        age=age_on(
            birth_date=person.birth_date,
            age_at_first_contact=person.age_at_first_contact,
            first_contact=person.first_contact_on,
            day=day,
        ),
        with_family=with_family,
    )


# Placements ----------------------------------------------------------------------------


def _care_visible(actor: Actor, person_id: int) -> Decision:
    decision = decide_person(actor, person_id, Ability.CARE_VIEW)
    if not decision.allowed:
        raise NotFound(_("No such record."))
    return decision


def _care_read_audited(
    actor: Actor, person: Person, *, purpose: str, action: str, shown: dict[str, object]
) -> None:
    """A read of part of a person's care file: one row under the care file's record type
    (see the module docstring), naming what was shown, never its content."""
    audit_record(
        actor=actor,
        event_type=AuditEventType.READ,
        action=action,
        record_type=CARE_FILE,
        record_id=str(person.pk),
        purpose=purpose,
        changes={"reference": person.reference, **shown},
    )


def placement_get_for_actor(actor: Actor, placement_id: int, *, action: str) -> Placement:
    """A placement in one of the actor's centre's shelters, of a person the actor may see;
    the read audited."""
    placement = (
        Placement.objects.select_related("shelter", "person")
        .filter(pk=placement_id, shelter__organisation_id=own_centre(actor))
        .first()
    )
    if placement is None:
        raise NotFound(_("No such record."))
    decision = _care_visible(actor, placement.person_id)
    _care_read_audited(
        actor,
        placement.person,
        purpose=decision.purpose,
        action=action,
        shown={"placements": [placement.pk]},
    )
    return placement


def current_residents(actor: Actor, *, on: date | None = None) -> list[Placement]:
    """Who is in the centre's shelters today, limited to the persons the actor may see.

    The list names persons by reference, so it is audited like any list of persons.
    """
    day = on or timezone.localdate()
    centre = centre_of(actor)
    if centre is None:
        return []
    placements = list(
        Placement.objects.filter(occupying_on(day), shelter__organisation_id=centre)
        .filter(person_id__in=_visible_person_ids(actor, Ability.CARE_VIEW))
        .select_related("shelter", "person")
        .order_by("shelter__name", "place_type", "arrived_on", "id")
    )
    if placements:
        audit_record(
            actor=actor,
            event_type=AuditEventType.READ,
            action="shelter_residents_list",
            record_type=Person._meta.label_lower,
            record_id="*",
            purpose=Purpose.CARE,
            changes={"references": [p.person.reference for p in placements]},
        )
    return placements


# Support plans, care notes, disclosures ------------------------------------------------


def support_plan_get_for_actor(actor: Actor, plan_id: int, *, action: str) -> SupportPlan:
    """One of the actor's centre's support plans; the read audited (the forms show it)."""
    plan = (
        SupportPlan.objects.select_related("person")
        .filter(pk=plan_id, organisation_id=own_centre(actor))
        .first()
    )
    if plan is None:
        raise NotFound(_("No such record."))
    decision = _care_visible(actor, plan.person_id)
    _care_read_audited(
        actor, plan.person, purpose=decision.purpose, action=action, shown={"plans": [plan.pk]}
    )
    return plan


def care_disclosure_get_for_actor(
    actor: Actor, disclosure_id: int, *, action: str
) -> CareDisclosure:
    """A disclosure the actor's centre made (recipients read through the care file); the
    read audited."""
    disclosure = (
        CareDisclosure.objects.select_related("person", "recipient", "note", "plan")
        .filter(pk=disclosure_id, organisation_id=own_centre(actor))
        .first()
    )
    if disclosure is None:
        raise NotFound(_("No such record."))
    decision = _care_visible(actor, disclosure.person_id)
    _care_read_audited(
        actor,
        disclosure.person,
        purpose=decision.purpose,
        action=action,
        shown={"disclosures": [disclosure.pk]},
    )
    return disclosure


# A person's care file -------------------------------------------------------------------


def care_person_get_for_actor(
    actor: Actor, reference: str, *, ability: Ability = Ability.CARE_VIEW, action: str = ""
) -> tuple[Person, Decision]:
    """A person whose care the actor's centre holds (an open care involvement): 404 else.

    With a stronger ability than viewing, a centre member without it gets 403: they may
    know the record exists. With `action`, the read is audited (a form that shows the
    person); without, the caller writes, and the action audits that.
    """
    try:
        person, decision = person_find_for_actor(actor, reference, ability=Ability.CARE_VIEW)
    except PermissionDenied as exc:
        # Seen for another purpose (a prosecutor's involvement, say): a centre's care of
        # the person is the centre's to tell, so the same answer as no such person.
        raise NotFound(_("No such person.")) from exc
    if ability != Ability.CARE_VIEW and not role_may(actor, ability):
        raise PermissionDenied(_("Your role does not allow this."))
    if action:
        _care_read_audited(actor, person, purpose=decision.purpose, action=action, shown={})
    return person, decision


def care_placements_get_for_actor(
    actor: Actor, reference: str, *, action: str
) -> tuple[Person, list[Placement]]:
    """The placements of a person in the actor's centre's shelters, newest first; the read
    audited, naming the placements shown. 404 as for the care file."""
    person, decision = care_person_get_for_actor(actor, reference)
    placements = list(
        Placement.objects.filter(person=person, shelter__organisation_id=own_centre(actor))
        .select_related("shelter")
        .order_by("-arrived_on", "-id")
    )
    _care_read_audited(
        actor,
        person,
        purpose=decision.purpose,
        action=action,
        shown={"placements": [p.pk for p in placements]},
    )
    return person, placements


def care_plans_get_for_actor(
    actor: Actor, reference: str, *, action: str
) -> tuple[Person, list[SupportPlan]]:
    """The actor's centre's support plans for a person, newest first; the read audited,
    naming the plans shown. 404 as for the care file."""
    person, decision = care_person_get_for_actor(actor, reference)
    plans = list(
        SupportPlan.objects.filter(person=person, organisation_id=own_centre(actor))
        .prefetch_related(
            Prefetch(
                "services",
                queryset=ServiceDelivery.objects.select_related("directory_provider").order_by(
                    "-delivered_on", "-id"
                ),
            )
        )
        .order_by("-started_on", "-id")
    )
    _care_read_audited(
        actor,
        person,
        purpose=decision.purpose,
        action=action,
        shown={"plans": [p.pk for p in plans]},
    )
    return person, plans


def _may_read_disclosures(actor: Actor) -> bool:
    # Frontline roles only: a disclosure is to an organisation that acts on one person.
    return actor.organisation_id is not None and (
        decide(actor, Ability.PERSON_VIEW).allowed or decide(actor, Ability.CARE_VIEW).allowed
    )


@dataclass
class CareFile:
    """What one actor may see of one person's care: their own centre's records (`own`),
    and what other centres disclosed to the actor's organisation (`shared`)."""

    person: Person
    own: bool
    purpose: str
    placements: list[Placement] = field(default_factory=list)
    plans: list[SupportPlan] = field(default_factory=list)
    services: list[ServiceDelivery] = field(default_factory=list)
    notes: list[CareNote] = field(default_factory=list)
    disclosures: list[CareDisclosure] = field(default_factory=list)
    transfers: list[ShelterTransfer] = field(default_factory=list)
    shared: list[CareDisclosure] = field(default_factory=list)
    # Open disclosures the recipient no longer reads: the consent they rest on was withdrawn.
    consent_stopped: set[int] = field(default_factory=set)

    @property
    def active_plan(self) -> SupportPlan | None:
        return next((p for p in self.plans if p.status == SupportPlanStatus.ACTIVE), None)

    @property
    def open_placement(self) -> Placement | None:
        """A placement without a departure (current, or one that has not started yet)."""
        return next((p for p in self.placements if p.departed_on is None), None)


def care_file_for_actor(actor: Actor, reference: str, *, action: str) -> CareFile:
    """The person's care file as the actor may see it, with the read audited: one row that
    names every note, plan and disclosure shown. 404 when there is nothing to see."""
    person = Person.objects.filter(reference=reference).first()
    if person is None:
        raise NotFound(_("No such person."))
    own = decide_person(actor, person.pk, Ability.CARE_VIEW)
    shared: list[CareDisclosure] = []
    if _may_read_disclosures(actor):
        shared = list(
            disclosures_in_force(
                CareDisclosure.objects.filter(recipient_id=actor.organisation_id, person=person)
            )
            .select_related("organisation", "note", "plan")
            .order_by("-decided_on", "-id")
        )
    if not own.allowed and not shared:
        raise NotFound(_("No such person."))
    file = CareFile(
        person=person,
        own=own.allowed,
        purpose=own.purpose if own.allowed else purpose_for(actor),
        shared=shared,
    )
    if own.allowed:
        centre = own_centre(actor)
        file.placements = list(
            Placement.objects.filter(person=person, shelter__organisation_id=centre)
            .select_related("shelter")
            .order_by("-arrived_on", "-id")
        )
        file.plans = list(
            SupportPlan.objects.filter(person=person, organisation_id=centre).order_by(
                "-started_on", "-id"
            )
        )
        file.services = list(
            ServiceDelivery.objects.filter(person=person, organisation_id=centre)
            .select_related("directory_provider")
            .order_by("-delivered_on", "-id")
        )
        file.notes = list(
            CareNote.objects.filter(person=person, organisation_id=centre)
            .select_related("written_by", "organisation")
            .order_by("-written_at", "-id")
        )
        file.disclosures = list(
            CareDisclosure.objects.filter(person=person, organisation_id=centre)
            .select_related("recipient", "decided_by", "ended_by")
            .order_by("-created_at", "-id")
        )
        readable = set(
            disclosures_in_force(
                CareDisclosure.objects.filter(person=person, organisation_id=centre)
            ).values_list("pk", flat=True)
        )
        file.consent_stopped = {d.pk for d in file.disclosures if d.is_active} - readable
        file.transfers = transfers_of_person(actor, person)
    _care_read_audited(
        actor,
        person,
        purpose=file.purpose,
        action=action,
        shown={
            "own": file.own,
            "notes": [n.pk for n in file.notes],
            "plans": [p.pk for p in file.plans],
            "shared": [d.pk for d in shared],
            "transfers": [t.pk for t in file.transfers],
        },
    )
    return file


def disclosures_to_actor(actor: Actor) -> list[CareDisclosure]:
    """Open disclosures to the actor's organisation: who shared what about whom (no text),
    audited as a list of persons."""
    if not _may_read_disclosures(actor):
        return []
    disclosures = list(
        disclosures_in_force(CareDisclosure.objects.filter(recipient_id=actor.organisation_id))
        .select_related("organisation", "person")
        .order_by("-decided_on", "-id")
    )
    if disclosures:
        audit_record(
            actor=actor,
            event_type=AuditEventType.READ,
            action="care_disclosures_received_list",
            record_type=CareDisclosure._meta.label_lower,
            record_id="*",
            purpose=purpose_for(actor),
            changes={"disclosures": [d.pk for d in disclosures]},
        )
    return disclosures


def residents_by_shelter(placements: Iterable[Placement]) -> dict[int, list[Placement]]:
    grouped: dict[int, list[Placement]] = defaultdict(list)
    for placement in placements:
        grouped[placement.shelter_id].append(placement)
    return dict(grouped)


# What the actor may do on a care file, with the reason when not -----------------------


@dataclass(frozen=True)
class Option:
    """One button of the care page: shown enabled, or disabled with the reason."""

    allowed: bool
    reason: str = ""


def care_options(actor: Actor, file: CareFile, *, has_shelters: bool) -> dict[str, Option]:
    """Each action of the care page, available or not, and why not (STYLE.md §4)."""
    record = role_may(actor, Ability.CARE_RECORD)
    director = role_may(actor, Ability.CARE_DISCLOSE)
    no_role = _("Your role does not allow this.")

    def option(allowed: bool, reason: str) -> Option:
        if not record:
            return Option(False, no_role)
        return Option(True) if allowed else Option(False, reason)

    open_placement = file.open_placement
    active_plan = file.active_plan
    if open_placement is not None:
        place = option(
            False,
            _("Staying at %(shelter)s since %(from)s: record the departure first.")
            % {
                "shelter": open_placement.shelter.name,
                "from": date_format(open_placement.arrived_on, "SHORT_DATE_FORMAT"),
            },
        )
    else:
        place = option(has_shelters, _("Your centre has no shelter yet; the director can add one."))
    no_plan = _("There is no active support plan.")
    if not director:
        disclose = Option(False, _("Only the centre's director can share care data."))
    elif not file.notes and not file.plans:
        disclose = Option(False, _("There is no note or plan to share yet."))
    else:
        disclose = Option(True)
    waiting = next((t for t in file.transfers if t.is_waiting), None)
    if waiting is not None:
        transfer = option(
            False,
            _("A request to %(centre)s is waiting for its answer.")
            % {"centre": waiting.to_organisation},
        )
    else:
        transfer = option(True, "")
    return {
        "place": place,
        "transfer": transfer,
        "plan_new": option(
            active_plan is None, _("There is an active support plan: change or close it.")
        ),
        "plan_edit": option(active_plan is not None, no_plan),
        "plan_close": option(active_plan is not None, no_plan),
        "service_new": option(True, ""),
        "note_new": option(True, ""),
        "disclose": disclose,
        "disclosure_end": Option(True)
        if director
        else Option(False, _("Only the centre's director can end a disclosure.")),
    }


# Free places at the other centres (counts only) -----------------------------------------


@dataclass(frozen=True)
class CentrePlaces:
    """Free places at another centre, by type: counts only, never who holds them, never a
    shelter's name or address."""

    organisation: Organisation
    places: tuple[PlaceCount, ...]

    @property
    def free(self) -> int:
        return sum(p.free for p in self.places)


def full_place_types(occupancy: Iterable[ShelterOccupancy]) -> list[str]:
    """The types of place the centre has, with no place free in any of its shelters."""
    free: dict[str, int] = defaultdict(int)
    for shelter in occupancy:
        for place in shelter.places:
            if place.capacity:
                free[place.place_type] += place.free
    return [t for t in PlaceType.values if t in free and free[t] == 0]


def free_places_elsewhere(actor: Actor, *, on: date | None = None) -> list[CentrePlaces]:
    """Per other active centre, its places per type and how many are free on `on` (default
    today), summed over its shelters. Three queries; no personal data, so no audit row."""
    centre = centre_of(actor)
    if centre is None:
        return []
    day = on or timezone.localdate()
    shelters = list(
        Shelter.objects.exclude(organisation_id=centre)
        .filter(organisation__is_active=True, organisation__type__in=CENTRE_TYPES)
        .select_related("organisation")
        .prefetch_related("places")
    )
    if not shelters:
        return []
    taken: dict[tuple[int, str], int] = {
        (row["shelter_id"], row["place_type"]): row["n"]
        for row in Placement.objects.filter(occupying_on(day), shelter__in=shelters)
        .values("shelter_id", "place_type")
        .annotate(n=Count("id"))
        .order_by()
    }
    capacity: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    occupied: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    organisations: dict[int, Organisation] = {}
    for shelter in shelters:
        organisations[shelter.organisation_id] = shelter.organisation
        for places in shelter.places.all():
            capacity[shelter.organisation_id][places.place_type] += places.capacity
            # A shelter over its places (a reduction with stays recorded later) does not
            # take places from the centre's other shelters.
            occupied[shelter.organisation_id][places.place_type] += min(
                taken.get((shelter.pk, places.place_type), 0), places.capacity
            )
    return sorted(
        (
            CentrePlaces(
                organisation=organisations[org],
                places=tuple(
                    PlaceCount(t, capacity[org][t], occupied[org][t])
                    for t in PlaceType.values
                    if capacity[org].get(t)
                ),
            )
            for org in organisations
        ),
        key=lambda c: str(c.organisation.name).lower(),
    )


# Transfer requests between centres -----------------------------------------------------


def transfer_centres(actor: Actor) -> list[Organisation]:
    """The centres a transfer may be asked of: the other active centres with a shelter."""
    centre = centre_of(actor)
    if centre is None:
        return []
    return list(
        Organisation.objects.filter(is_active=True, type__in=CENTRE_TYPES, shelters__isnull=False)
        .exclude(pk=centre)
        .distinct()
        .order_by("name")
    )


def transfer_requests_waiting(actor: Actor) -> QuerySet[ShelterTransfer]:
    """Requests from other centres waiting for the actor's centre to answer, oldest first.

    For the inbox: label them with the requesting centre, the type of place and the arrival
    wanted (no person is named before the centre accepts); link to `care:transfer`. Counting
    or listing them reads no personal data and is not audited; opening one is.
    """
    centre = centre_of(actor)
    if centre is None or not role_may(actor, Ability.CARE_RECORD):
        return ShelterTransfer.objects.none()
    return (
        ShelterTransfer.objects.filter(to_organisation_id=centre, status=TransferStatus.REQUESTED)
        .select_related("from_organisation")
        .order_by("requested_at", "id")
    )


def transfers_for_actor(actor: Actor) -> tuple[list[ShelterTransfer], list[ShelterTransfer]]:
    """The centre's transfer requests: received (newest first) and sent (newest first).

    Received ones name no person until accepted (the page shows the reference only then);
    sent ones name the centre's own persons, so the list is audited like a list of persons.
    """
    centre = centre_of(actor)
    if centre is None:
        return [], []
    received = list(
        ShelterTransfer.objects.filter(to_organisation_id=centre)
        .select_related("from_organisation", "person")
        .order_by("-requested_at", "-id")
    )
    sent = list(
        ShelterTransfer.objects.filter(from_organisation_id=centre)
        .select_related("to_organisation", "person")
        .order_by("-requested_at", "-id")
    )
    named = [t.person.reference for t in sent] + [
        t.person.reference for t in received if t.status == TransferStatus.ACCEPTED
    ]
    if named:
        audit_record(
            actor=actor,
            event_type=AuditEventType.READ,
            action="shelter_transfers_list",
            record_type=Person._meta.label_lower,
            record_id="*",
            purpose=Purpose.CARE,
            changes={"references": named},
        )
    return received, sent


def transfer_get_for_actor(actor: Actor, transfer_id: int, *, action: str) -> ShelterTransfer:
    """A transfer request the actor's centre sent or received; 404 for everyone else. The
    read is audited: it shows what the requesting centre sent about the person."""
    centre = centre_of(actor)
    transfer = (
        ShelterTransfer.objects.select_related(
            "person", "from_organisation", "to_organisation", "placement__shelter"
        )
        .filter(Q(from_organisation_id=centre) | Q(to_organisation_id=centre), pk=transfer_id)
        .first()
        if centre is not None
        else None
    )
    if transfer is None:
        raise NotFound(_("No such record."))
    audit_record(
        actor=actor,
        event_type=AuditEventType.READ,
        action=action,
        record=transfer,
        purpose=Purpose.CARE,
        changes={"side": "from" if transfer.from_organisation_id == centre else "to"},
    )
    return transfer


def transfers_of_person(actor: Actor, person: Person) -> list[ShelterTransfer]:
    """The transfer requests the actor's centre sent for a person (its care page shows
    them; read within the care file's audited read)."""
    centre = centre_of(actor)
    if centre is None:
        return []
    return list(
        ShelterTransfer.objects.filter(person=person, from_organisation_id=centre)
        .select_related("to_organisation")
        .order_by("-requested_at", "-id")
    )
