"""The demo world's care records: shelters, stays, support plans, services, notes, sharing.

Called by `nrm.demo.world` once persons and their involvements exist. Everything goes
through the real care actions, so the demo refuses what the application refuses (a full
shelter, an overlapping stay) and fills the audit trail as real use would. Deterministic:
the same persons and day give the same records. No text here describes a real person.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from datetime import date, timedelta

from nrm.access.context import Actor
from nrm.access.policy import Ability, decide_person, role_may
from nrm.care.actions import (
    care_disclosure_create,
    care_disclosure_end,
    care_note_create,
    placement_create,
    service_record,
    shelter_create,
    support_plan_create,
)
from nrm.care.models import (
    DepartureReason,
    DisclosureBasis,
    PlaceType,
    ServiceType,
    SupportPlanType,
)
from nrm.consent.actions import ConsentAnswer, consent_record
from nrm.core.errors import Conflict
from nrm.organisations.models import OrganisationType, Role
from nrm.people.models import Person
from nrm.people.queries import is_recorded_suspect
from nrm.people.vocab import Gender

SEED = 20241203
CENTRE_TYPES = frozenset({OrganisationType.CENTRE_ADULTS, OrganisationType.CENTRE_MINORS})

# About 25 places for women, men and families (seed note on Pag-asa); the split per type is
# the demo's own choice. A minors' centre houses minors.
ADULT_PLACES: dict[str, int] = {PlaceType.WOMEN: 10, PlaceType.MEN: 9, PlaceType.FAMILIES: 6}
MINOR_PLACES: dict[str, int] = {PlaceType.MINORS: 12}

DEPARTURES = [
    DepartureReason.MOVED_ON,
    DepartureReason.END_OF_SUPPORT,
    DepartureReason.VOLUNTARY_RETURN,
    DepartureReason.TRANSFERRED,
    DepartureReason.LEFT_WITHOUT_NOTICE,
]
PLAN_TYPES = [
    [SupportPlanType.LABOUR_EXPLOITATION_REHABILITATION, SupportPlanType.LEGAL],
    [SupportPlanType.HEALTH, SupportPlanType.LEGAL, SupportPlanType.SOCIAL_CARE],
    [SupportPlanType.LIVELIHOOD, SupportPlanType.EDUCATION, SupportPlanType.LEGAL],
]
OBJECTIVES = [
    "Safe housing during the reflection period; decide on a complaint with legal advice.",
    "Medical follow-up; residence documents filed on time; start language classes.",
    "Find paid work with the work permit; open a bank account; plan own housing.",
]
SERVICES = [
    (ServiceType.PSYCHO_SOCIAL, "Centre social worker"),
    (ServiceType.LEGAL, "Centre legal adviser"),
    (ServiceType.HEALTH, "General practitioner"),
    (ServiceType.INTERPRETING, "Interpreting service"),
    (ServiceType.LAWYER, "Bar legal aid office"),
    (ServiceType.EDUCATION, "Language school"),
    (ServiceType.LIVELIHOOD, "Regional employment service"),
]
NOTES = [
    "Intake interview held with an interpreter. Wants time to think before any complaint.",
    "Has cut contact with the former employer. Sleeping better; asked about work.",
    "Accompanied to the police hearing; coped well. Next step: residence request.",
]


def _place_type(person: Person, minors_centre: bool, index: int) -> str:
    if minors_centre:
        return PlaceType.MINORS
    if index % 7 == 3:
        return PlaceType.FAMILIES
    return PlaceType.WOMEN if person.gender == Gender.FEMININE else PlaceType.MEN


def _centres(actors: Mapping[str, Actor]) -> dict[int, dict[str, Actor]]:
    """Per centre, its director and a caseworker among the demo's actors (when present)."""
    centres: dict[int, dict[str, Actor]] = {}
    for actor in actors.values():
        organisation = actor.organisation
        if organisation is None or organisation.type not in CENTRE_TYPES:
            continue
        slot = "director" if actor.role == Role.CENTRE_DIRECTOR else "caseworker"
        centres.setdefault(organisation.pk, {}).setdefault(slot, actor)
    return centres


def _recipients(actors: Mapping[str, Actor]) -> list[Actor]:
    """Organisations a director may share with in the demo: prosecution, then immigration."""
    wanted = [Role.PROSECUTOR, Role.IMMIGRATION_OFFICER]
    found = {a.role: a for a in actors.values() if a.role in wanted}
    return [found[role] for role in wanted if role in found]


def build_care(actors: dict[str, Actor], persons: list[Person], today: date) -> None:
    """Care records for the persons the demo's centres are involved with.

    Shelters are added by a centre's director (the only role that may), so a centre
    without a director among `actors` has no shelter and no stays, only plans and notes.
    """
    rng = random.Random(SEED)
    recipients = _recipients(actors)
    shared = 0
    for staff in _centres(actors).values():
        director = staff.get("director")
        worker = staff.get("caseworker") or director
        assert worker is not None
        assert worker.organisation is not None
        minors_centre = worker.organisation.type == OrganisationType.CENTRE_MINORS
        shelter_id = None
        if director is not None:
            shelter = shelter_create(
                actor=director,
                name="Maison Orange" if not minors_centre else "Maison Verte",
                address=f"Demo street {rng.randint(1, 99)}, 1000 Brussels (invented)",
                capacities=MINOR_PLACES if minors_centre else ADULT_PLACES,
            )
            shelter_id = shelter.pk
        # A person recorded as a suspect gets no care record in the demo (victims apart
        # from suspects); no director's override is staged.
        mine = [
            p
            for p in persons
            if decide_person(worker, p.pk, Ability.CARE_RECORD).allowed
            and not is_recorded_suspect(p.pk)
        ]
        for index, person in enumerate(mine):
            start = min(person.first_contact_on + timedelta(days=rng.randint(0, 3)), today)
            if shelter_id is not None and index % 4 != 2:
                place_type = _place_type(person, minors_centre, index)
                _stay(worker, person, shelter_id, place_type, start, today, index, rng)
            plan = support_plan_create(
                actor=worker,
                person=person,
                types=PLAN_TYPES[index % len(PLAN_TYPES)],
                objectives=OBJECTIVES[index % len(OBJECTIVES)],
                action_plan="Weekly meeting with the caseworker; review the plan monthly.",
                started_on=start,
                planned_end_on=start + timedelta(days=180),
            )
            for offset, (service, provider) in enumerate(rng.sample(SERVICES, k=rng.randint(1, 3))):
                service_record(
                    actor=worker,
                    person=person,
                    service_type=service,
                    delivered_on=min(start + timedelta(days=2 + 9 * offset), today),
                    provider=provider,
                )
            notes = [
                care_note_create(actor=worker, person=person, text=text)
                for text in NOTES[: 1 + index % len(NOTES)]
            ]
            # The director shares a few notes and plans, and ends one sharing, so that the
            # recipients' pages and the audit trail show both.
            if (
                director is not None
                and recipients
                and shared < 3
                and role_may(director, Ability.CARE_DISCLOSE)
            ):
                recipient = recipients[shared % len(recipients)]
                assert recipient.organisation is not None
                basis = DisclosureBasis.CONSENT if shared != 1 else DisclosureBasis.LEGAL_BASIS
                if (
                    basis == DisclosureBasis.CONSENT
                    and decide_person(director, person.pk, Ability.PERSON_EDIT).allowed
                ):
                    consent_record(
                        actor=director,
                        person=person,
                        answer=ConsentAnswer(
                            purpose="SHARE_WITH_LAW_ENFORCEMENT",
                            given=True,
                            on=today,
                            language=(person.languages or ["en"])[0],
                            interpreter=True,
                        ),
                    )
                elif basis == DisclosureBasis.CONSENT:
                    basis = DisclosureBasis.LEGAL_BASIS
                disclosure = care_disclosure_create(
                    actor=director,
                    person=person,
                    recipient_id=recipient.organisation.pk,
                    basis=basis,
                    basis_reference=(
                        "Signed consent form in the paper file"
                        if shared != 1
                        else "Request of the authority, registered in the centre's mail book"
                    ),
                    scope="For the decision on the person's status only.",
                    decided_on=today,
                    note_id=notes[0].pk if shared != 2 else None,
                    plan_id=plan.pk if shared == 2 else None,
                )
                if shared == 1:
                    care_disclosure_end(actor=director, disclosure_id=disclosure.pk)
                shared += 1


def _stay(
    worker: Actor,
    person: Person,
    shelter_id: int,
    place_type: str,
    start: date,
    today: date,
    index: int,
    rng: random.Random,
) -> None:
    """A current stay, or (for one in three) a past one with its departure."""
    departed_on = None
    reason = ""
    if index % 3 == 1 and (today - start).days > 20:
        departed_on = start + timedelta(days=rng.randint(14, min(200, (today - start).days)))
        reason = DEPARTURES[index % len(DEPARTURES)]
    try:
        placement_create(
            actor=worker,
            person=person,
            shelter_id=shelter_id,
            place_type=place_type,
            arrived_on=start,
            departed_on=departed_on,
            departure_reason=reason,
            with_family=place_type == PlaceType.FAMILIES,
            # Demo persons of 15-17 stay at adult centres: the caseworker says why.
            fit_reason="No place at a minors' centre that day; reviewed weekly (demo).",
        )
    except Conflict:
        # The shelter is full for that type on those days: the person is supported
        # without a place, as happens.
        return
