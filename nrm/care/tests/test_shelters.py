"""Shelters: a director adds and changes them; the address is encrypted at rest and the
audit trail says that it was set or changed, never what it is."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client

from nrm.access.models import AuditEvent, AuditEventType, Purpose
from nrm.care.actions import shelter_create, shelter_update
from nrm.care.models import Shelter
from nrm.care.tests.setup import ADDRESS, house
from nrm.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from nrm.testing import World

ClientAs = Callable[[str], Client]


def form(**fields: object) -> dict[str, object]:
    data: dict[str, object] = {
        "name": "House A",
        "address": ADDRESS,
        "places_women": "10",
        "places_men": "9",
        "places_families": "6",
        "places_minors": "0",
    }
    data.update(fields)
    return data


# Actions --------------------------------------------------------------------------------


def test_a_director_adds_a_shelter_with_places_per_type(world: World) -> None:
    shelter = house(world, women=10, men=9, families=6)

    assert shelter.organisation == world.organisations["PAG-ASA"]
    assert {p.place_type: p.capacity for p in shelter.places.all()} == {
        "WOMEN": 10,
        "MEN": 9,
        "FAMILIES": 6,
    }
    row = AuditEvent.objects.get(action="shelter_create")
    assert (row.event_type, row.purpose) == (AuditEventType.CREATE, Purpose.CARE)
    assert row.changes == {
        "name": "House A",
        "address_set": True,
        "places": {"WOMEN": 10, "MEN": 9, "FAMILIES": 6},
    }


def test_the_address_is_encrypted_at_rest(world: World) -> None:
    shelter = house(world)

    with connection.cursor() as cursor:
        cursor.execute("SELECT address FROM care_shelter WHERE id = %s", [shelter.pk])
        (stored,) = cursor.fetchone()

    assert stored.startswith("fernet:")
    assert ADDRESS not in stored
    assert Shelter.objects.get(pk=shelter.pk).address == ADDRESS
    assert ADDRESS not in str(shelter)


@pytest.mark.parametrize("persona", ["caseworker_a", "caseworker_b", "prosecutor", "admin"])
def test_only_a_centre_director_adds_shelters(world: World, persona: str) -> None:
    with pytest.raises(PermissionDenied):
        shelter_create(actor=world.actor(persona), name="House", address="", capacities={"MEN": 1})
    assert not Shelter.objects.exists()


@pytest.mark.parametrize(
    ("name", "capacities", "field"),
    [
        ("", {"MEN": 1}, "name"),
        ("House", {"MEN": 0, "WOMEN": 0}, "places"),
        ("House", {"MEN": -1}, "places_men"),
        ("House", {"MEN": 501}, "places_men"),
        ("House", {"DORMITORY": 3}, "places"),
    ],
)
def test_bad_shelters_are_refused_naming_the_field(
    world: World, name: str, capacities: dict[str, int], field: str
) -> None:
    with pytest.raises(DomainError) as refused:
        shelter_create(
            actor=world.actor("director_a"), name=name, address="", capacities=capacities
        )
    assert (refused.value.status, refused.value.field) == (400, field)


def test_two_shelters_of_one_centre_cannot_share_a_name(world: World) -> None:
    house(world)

    with pytest.raises(DomainError, match="already has a shelter with this name"):
        house(world)


def test_a_change_records_that_the_address_changed_not_the_address(world: World) -> None:
    shelter = house(world, women=2)

    shelter_update(
        actor=world.actor("director_a"),
        shelter_id=shelter.pk,
        expected_version=1,
        name="House Alpha",
        address="Somewhere else 2",
        capacities={"WOMEN": 3},
    )

    row = AuditEvent.objects.get(action="shelter_update")
    assert row.changes == {
        "name": {"old": "House A", "new": "House Alpha"},
        "address_changed": True,
        "places": {"old": {"WOMEN": 2}, "new": {"WOMEN": 3}},
    }
    assert "Somewhere else" not in str(row.changes)


def test_a_stale_change_is_refused(world: World) -> None:
    shelter = house(world, women=2)
    change = {
        "shelter_id": shelter.pk,
        "expected_version": 1,
        "name": "House A",
        "address": ADDRESS,
        "capacities": {"WOMEN": 3},
    }
    shelter_update(actor=world.actor("director_a"), **change)  # type: ignore[arg-type]

    with pytest.raises(Conflict, match="Someone else changed this shelter"):
        shelter_update(actor=world.actor("director_a"), **change)  # type: ignore[arg-type]


def test_another_centre_cannot_change_a_shelter(world: World) -> None:
    shelter = house(world, women=2)

    with pytest.raises(NotFound):
        shelter_update(
            actor=world.actor("caseworker_b"),
            shelter_id=shelter.pk,
            expected_version=1,
            name="Mine now",
            address="",
            capacities={"WOMEN": 1},
        )


# Pages ----------------------------------------------------------------------------------


def test_the_director_adds_a_shelter_through_the_page(world: World, client_as: ClientAs) -> None:
    response = client_as("director_a").post("/care/shelters/new/", form())

    shelter = Shelter.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/care/shelters/{shelter.pk}/"
    assert shelter.address == ADDRESS
    assert AuditEvent.objects.filter(action="shelter_create").count() == 1


def test_bad_input_on_the_shelter_page_gets_400_and_keeps_what_was_typed(
    world: World, client_as: ClientAs
) -> None:
    response = client_as("director_a").post(
        "/care/shelters/new/", form(places_women="0", places_men="0", places_families="0")
    )

    assert response.status_code == 400
    assert "A shelter needs at least one place." in response.content.decode()
    assert 'value="House A"' in response.content.decode()
    assert not Shelter.objects.exists()


def test_a_caseworker_gets_403_with_the_reason_on_the_shelter_pages(
    world: World, client_as: ClientAs
) -> None:
    shelter = house(world)
    client = client_as("caseworker_a")

    for url in ("/care/shelters/new/", f"/care/shelters/{shelter.pk}/edit/"):
        response = client.post(url, form(name="Taken over"))
        assert response.status_code == 403, url
    shelter.refresh_from_db()
    assert shelter.name == "House A"


def test_the_shelter_pages_of_another_centre_do_not_exist(
    world: World, client_as: ClientAs
) -> None:
    shelter = house(world)
    client = client_as("caseworker_b")

    assert client.get(f"/care/shelters/{shelter.pk}/").status_code == 404
    assert client.post(f"/care/shelters/{shelter.pk}/edit/", form()).status_code == 404
    assert client.get("/care/shelters/999999/").status_code == 404


def test_a_stale_edit_on_the_page_gets_409(world: World, client_as: ClientAs) -> None:
    shelter = house(world, women=2)
    client = client_as("director_a")
    assert client.post(f"/care/shelters/{shelter.pk}/edit/", form(version="1")).status_code == 302

    response = client.post(f"/care/shelters/{shelter.pk}/edit/", form(version="1", name="B"))

    assert response.status_code == 409
    assert "Someone else changed this shelter" in response.content.decode()
