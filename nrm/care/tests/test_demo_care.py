"""The demo's care records (`nrm.demo.care.build_care`), made through the real actions."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.test import Client

from nrm.access.audit import audit_verify
from nrm.access.context import actor_for
from nrm.access.models import Purpose
from nrm.accounts.models import User
from nrm.care.models import CareDisclosure, CareNote, Placement, Shelter, SupportPlan
from nrm.care.queries import occupancy_for
from nrm.care.tests.setup import today
from nrm.demo.care import build_care
from nrm.demo.world import build_world
from nrm.people.models import Person
from nrm.testing import World

ClientAs = Callable[[str], Client]


class Rollback(Exception):
    pass


def persons_of(world: World) -> list[Person]:
    """Twelve persons: most with PAG-ASA, some with Payoke, two minors, two with no centre."""
    persons = []
    for index in range(12):
        person = world.person(
            "inspector",
            gender="Feminine" if index % 2 else "Masculine",
            age_at_first_contact=16 if index in (5, 11) else 30,
        )
        if index in (5, 11):
            world.involve(person, "caseworker_minors", Purpose.CARE)
        elif index in (3, 7):
            world.involve(person, "caseworker_b", Purpose.CARE)
        elif index not in (9, 10):
            world.involve(person, "caseworker_a", Purpose.CARE)
        if index % 3 == 0:
            world.involve(person, "prosecutor", Purpose.INVESTIGATION)
        persons.append(person)
    return persons


def summary() -> tuple[Any, ...]:
    return (
        sorted(Shelter.objects.values_list("organisation__short_name", "name")),
        sorted(
            Placement.objects.values_list(
                "person__reference", "place_type", "arrived_on", "departed_on", "departure_reason"
            )
        ),
        sorted(SupportPlan.objects.values_list("person__reference", "organisation__short_name")),
        CareNote.objects.count(),
        sorted(CareDisclosure.objects.values_list("recipient__short_name", "basis")),
    )


def test_the_demo_gives_pag_asa_a_shelter_of_25_places_and_its_clients_care(
    world: World, client_as: ClientAs
) -> None:
    persons = persons_of(world)

    build_care(world.actors, persons, today())

    # Only PAG-ASA has a director among the personas, and only directors add shelters.
    shelter = Shelter.objects.get()
    assert shelter.organisation == world.organisations["PAG-ASA"]
    (occupancy,) = occupancy_for(world.actor("director_a"))
    assert occupancy.capacity == 25
    assert 0 < occupancy.occupied <= occupancy.capacity
    placed = set(Placement.objects.values_list("person_id", flat=True))
    pagasa = {p.pk for i, p in enumerate(persons) if i not in (3, 5, 7, 9, 10, 11)}
    assert placed <= pagasa
    # Every person a centre cares for has a plan, a service and a note of that centre.
    assert SupportPlan.objects.count() == 10
    assert CareNote.objects.count() >= 10
    # Three disclosures, one ended; the prosecutor reads what is still shared.
    assert CareDisclosure.objects.count() == 3
    assert CareDisclosure.objects.filter(ended_at__isnull=False).count() == 1
    shared = CareDisclosure.objects.filter(
        ended_at__isnull=True, recipient=world.organisations["Auditorate Brussels"]
    ).first()
    assert shared is not None
    page = client_as("prosecutor").get(f"/care/{shared.person.reference}/")
    assert page.status_code == 200
    check = audit_verify()
    assert check.ok, check.problem


def test_the_demo_care_is_the_same_every_time(world: World) -> None:
    persons = persons_of(world)
    first: tuple[Any, ...] = ()
    with contextlib.suppress(Rollback), transaction.atomic():
        build_care(world.actors, persons, today())
        first = summary()
        raise Rollback

    build_care(world.actors, persons, today())

    assert first == summary()
    assert first[1]


def test_the_demo_care_fits_the_full_demo_world(db: None) -> None:
    build_world(persons=48)
    if not Shelter.objects.exists():  # once world.py calls build_care itself, it is done
        actors = {u.username: actor_for(u) for u in User.objects.all()}
        build_care(actors, list(Person.objects.order_by("id")), today())

    for occupancy in occupancy_for(actor_for(User.objects.get(username="director"))):
        assert all(place.occupied <= place.capacity for place in occupancy.places)
    assert Placement.objects.exists()
    assert CareDisclosure.objects.count() == 3
    assert audit_verify().ok
