"""The demo's shelter scenes (issue 16 item 5, issue 18 item 5), through the real actions.

`build_demo(actors, today, provider=...)` makes, once the demo's care records exist:

- a full type of place: the receiving centre's places for families all taken (with a
  second director among the actors, that centre's own small shelter entirely full);
- one transfer request waiting: another centre asks the receiving centre to take a woman
  into its shelter, so its inbox and transfer list show it;
- one placement that does not fit, with its reason: a 16-year-old boy in a place for men;
- one service whose provider comes from the services directory (`provider`, looked up by
  the caller: the directory sits above care and this module never imports it).

Invented persons only; deterministic; what the actors' roles cannot do is left out rather
than forced.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from nrm.access.context import Actor
from nrm.care.actions import (
    placement_create,
    service_record,
    shelter_create,
    shelter_transfer_request,
    support_plan_create,
)
from nrm.care.models import PlaceType, ServiceType, Shelter, ShelterTransfer
from nrm.care.queries import free_places
from nrm.organisations.models import OrganisationType, Role
from nrm.people.actions import PersonData, person_create
from nrm.people.models import Person
from nrm.people.vocab import Gender

if TYPE_CHECKING:
    from nrm.directory.models import Provider

ADULT_CENTRES = frozenset({OrganisationType.CENTRE_ADULTS})


@dataclass
class Staff:
    caseworker: Actor | None = None
    director: Actor | None = None

    @property
    def worker(self) -> Actor | None:
        return self.caseworker or self.director


@dataclass(frozen=True)
class DemoTransfers:
    """What was made, for the demo's summary and its test."""

    transfer: ShelterTransfer | None
    full_shelter: Shelter | None
    misfit: Person | None
    served: Person | None


def _staff(actors: Mapping[str, Actor]) -> dict[int, Staff]:
    centres: dict[int, Staff] = {}
    for actor in sorted(actors.values(), key=lambda a: a.user.username):
        organisation = actor.organisation
        if organisation is None or organisation.type not in ADULT_CENTRES:
            continue
        staff = centres.setdefault(organisation.pk, Staff())
        if actor.role == Role.CENTRE_DIRECTOR and staff.director is None:
            staff.director = actor
        elif actor.role == Role.CASEWORKER and staff.caseworker is None:
            staff.caseworker = actor
    return centres


def _newcomer(actor: Actor, today: date, index: int, *, gender: str, age: int) -> Person:
    """An invented person met at the centre (a self-referral): the centre becomes involved."""
    return person_create(
        actor=actor,
        data=PersonData(
            given_names=["Ana", "Rosa", "Ion", "Lena", "Mira", "Tomas"][index % 6],
            family_name=f"Demo-{index:02d}",
            nationalities=["RO"],
            languages=["ro"],
            gender=gender,
            age_at_first_contact=age,
            first_contact_on=today - timedelta(days=5),
        ),
    )


def _fill(worker: Actor, shelter: Shelter, place_type: str, today: date, start: int) -> int:
    """Take every free place of one type from today on, with new persons; how many."""
    free = next(
        (p.free for p in free_places(shelter, from_day=today) if p.place_type == place_type), 0
    )
    for offset in range(free):
        person = _newcomer(worker, today, start + offset, gender=Gender.FEMININE, age=34)
        placement_create(
            actor=worker,
            person=person,
            shelter_id=shelter.pk,
            place_type=place_type,
            arrived_on=today,
            with_family=place_type == PlaceType.FAMILIES,
        )
    return free


def build_demo(
    actors: Mapping[str, Actor], today: date, *, provider: Provider | None = None
) -> DemoTransfers:
    centres = _staff(actors)
    # The receiving centre: one whose director set up a shelter (build_care's).
    receiving = next(
        (
            (pk, staff)
            for pk, staff in centres.items()
            if staff.worker is not None and Shelter.objects.filter(organisation_id=pk).exists()
        ),
        None,
    )
    if receiving is None:
        return DemoTransfers(None, None, None, None)
    receiving_id, receiving_staff = receiving
    worker = receiving_staff.worker
    assert worker is not None
    shelter = Shelter.objects.filter(organisation_id=receiving_id).order_by("pk").first()
    assert shelter is not None

    # A 16-year-old boy in a place for adults for one night, with the reason (any free type
    # is a misfit for a boy alone); his plan has a psychologist from the directory.
    free = {p.place_type: p.free for p in free_places(shelter, from_day=today)}
    boy = _newcomer(worker, today, 40, gender=Gender.MASCULINE, age=16)
    bed = next((t for t in (PlaceType.MEN, PlaceType.FAMILIES) if free.get(t)), None)
    if bed is not None:
        placement_create(
            actor=worker,
            person=boy,
            shelter_id=shelter.pk,
            place_type=bed,
            arrived_on=today,
            fit_reason="No bed free at the minors' centres tonight; a minors' centre takes "
            "him tomorrow.",
        )
        free[bed] -= 1
    support_plan_create(
        actor=worker,
        person=boy,
        types=["Health", "Legal"],
        objectives="Safe night; hand-over to a minors' centre with his guardian.",
        started_on=today,
    )
    served = None
    if provider is not None:
        service_record(
            actor=worker,
            person=boy,
            service_type=ServiceType.PSYCHO_SOCIAL,
            delivered_on=today,
            directory_provider=provider,
        )
        served = boy

    # The asking centre: another adult centre with care staff. With a director, it gets a
    # small shelter of its own, full; else the receiving centre's family places fill up.
    asking = next(
        ((pk, s) for pk, s in centres.items() if pk != receiving_id and s.worker is not None),
        None,
    )
    full_shelter = None
    if asking is not None and asking[1].director is not None:
        full_shelter = shelter_create(
            actor=asking[1].director,
            name="Huis Noord",
            address="Demo lane 3, 2000 Antwerpen (invented)",
            capacities={PlaceType.WOMEN: 2},
        )
        _fill(asking[1].director, full_shelter, PlaceType.WOMEN, today, start=50)
    else:
        # One type of the receiving centre's places full (the demo's stays may have done it).
        if all(free.values()):
            _fill(worker, shelter, PlaceType.FAMILIES, today, start=60)
        full_shelter = shelter
    transfer = None
    if asking is not None:
        asker = asking[1].worker
        assert asker is not None
        woman = _newcomer(asker, today, 70, gender=Gender.FEMININE, age=27)
        transfer = shelter_transfer_request(
            actor=asker,
            person=woman,
            to_organisation_id=receiving_id,
            place_type=PlaceType.WOMEN,
            wanted_from=today,
            message="No place free with us; she needs a house far from Antwerp (invented).",
        )
    return DemoTransfers(
        transfer=transfer,
        full_shelter=full_shelter,
        misfit=boy if bed is not None else None,
        served=served,
    )
