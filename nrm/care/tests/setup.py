"""Shared set-up for the care tests: persons, shelters and stays made through real actions."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from nrm.access.models import Purpose
from nrm.care.actions import care_note_create, placement_create, shelter_create
from nrm.care.models import CareNote, Placement, Shelter
from nrm.consent.actions import ConsentAnswer, consent_record
from nrm.consent.models import ConsentPurpose, ConsentRecord
from nrm.people.models import Person
from nrm.testing import World

# Distinctive enough that finding it anywhere in a response or a log is never a fluke.
ADDRESS = "Rue du Secret Quokka 17, 1000 Bruxelles"
NOTE_TEXT = "Quietly mentioned the blue minibus to the quarry."


def today() -> date:
    return timezone.localdate()


def days_ago(n: int) -> date:
    return today() - timedelta(days=n)


def cared_person(world: World, persona: str = "caseworker_a", **fields: Any) -> Person:
    """A person met by the inspection team and taken on for care by the persona's centre."""
    person = world.person("inspector", **fields)
    world.involve(person, persona, Purpose.CARE)
    return person


def house(
    world: World,
    persona: str = "director_a",
    *,
    name: str = "House A",
    address: str = ADDRESS,
    **places: int,
) -> Shelter:
    return shelter_create(
        actor=world.actor(persona),
        name=name,
        address=address,
        capacities={k.upper(): v for k, v in places.items()} or {"WOMEN": 2, "MEN": 2},
    )


def place(
    world: World,
    person: Person,
    shelter: Shelter,
    persona: str = "caseworker_a",
    *,
    place_type: str = "WOMEN",
    arrived_on: date | None = None,
    **extra: Any,
) -> Placement:
    return placement_create(
        actor=world.actor(persona),
        person=person,
        shelter_id=shelter.pk,
        place_type=place_type,
        arrived_on=arrived_on or days_ago(10),
        **extra,
    )


def note(
    world: World, person: Person, persona: str = "caseworker_a", text: str = NOTE_TEXT
) -> CareNote:
    return care_note_create(actor=world.actor(persona), person=person, text=text)


def sharing_consent(
    world: World, person: Person, persona: str = "caseworker_a", *, given: bool = True
) -> ConsentRecord:
    """The person's answer on sharing with the police and the prosecution (nrm/consent)."""
    return consent_record(
        actor=world.actor(persona),
        person=person,
        answer=ConsentAnswer(
            purpose=ConsentPurpose.SHARE_WITH_LAW_ENFORCEMENT,
            given=given,
            on=today(),
            language="ro",
            interpreter=True,
        ),
    )
