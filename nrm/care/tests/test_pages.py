"""The care pages: the shelter overview, a person's care page, the placement and departure
forms (with the htmx fragment of free places), and the buttons that say why not."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from nrm.access.models import AuditEvent, AuditEventType, Purpose
from nrm.care.actions import care_disclosure_create, service_record, support_plan_create
from nrm.care.models import Placement
from nrm.care.tests.setup import cared_person, days_ago, house, note, place, sharing_consent, today
from nrm.testing import World

ClientAs = Callable[[str], Client]


# The shelter overview -------------------------------------------------------------------


def test_the_overview_shows_places_per_type_and_who_is_staying(
    world: World, client_as: ClientAs
) -> None:
    shelter = house(world, women=10, men=9, families=6)
    resident = cared_person(world)
    place(world, resident, shelter)

    response = client_as("caseworker_a").get("/care/")

    body = response.content.decode()
    assert response.status_code == 200
    assert "24 of 25 places free" in body
    assert f'href="/care/{resident.reference}/"' in body
    row = AuditEvent.objects.get(action="shelter_residents_list")
    assert row.event_type == AuditEventType.READ
    assert row.changes == {"references": [resident.reference]}


def test_the_overview_lists_only_the_residents_the_caseworker_may_see(
    world: World, client_as: ClientAs
) -> None:
    shelter = house(world, women=3)
    visible = cared_person(world)
    hidden = world.person("inspector")
    world.involve(hidden, "director_a", Purpose.CARE)  # opened by the director...
    place(world, visible, shelter)
    place(world, hidden, shelter, "director_a")
    hidden_involvement = hidden.involvements.get(organisation__short_name="PAG-ASA")
    hidden_involvement.assigned_users.add(world.users["director_a"])  # ...assigned to them

    body = client_as("caseworker_a").get("/care/").content.decode()

    assert "1 of 3 places free" in body  # both are counted
    assert visible.reference in body
    assert hidden.reference not in body  # only one is named


def test_a_caseworker_is_told_why_they_cannot_add_a_shelter(
    world: World, client_as: ClientAs
) -> None:
    body = client_as("caseworker_a").get("/care/").content.decode()

    assert "Only the centre&#x27;s director adds shelters." in body
    # Said as text with its reason, not as a live-looking button (honest controls).
    assert "Not possible now:" in body
    assert 'href="/care/shelters/new/"' not in body
    assert 'href="/care/shelters/new/"' in client_as("director_a").get("/care/").content.decode()


@pytest.mark.parametrize("persona", ["prosecutor", "inspector", "immigration", "analyst", "admin"])
def test_the_overview_is_for_centre_staff(world: World, client_as: ClientAs, persona: str) -> None:
    house(world, women=3)

    response = client_as(persona).get("/care/")

    assert response.status_code == 403
    assert "House A" not in response.content.decode()
    assert 'href="/care/"' not in client_as(persona).get("/").content.decode()


def test_centre_staff_find_the_shelter_from_the_menu_and_home_page(
    world: World, client_as: ClientAs
) -> None:
    shelter = house(world, women=3)
    place(world, cared_person(world), shelter)

    home = client_as("caseworker_a").get("/").content.decode()

    assert '<a href="/care/">Shelter</a>' in home
    assert "places free today: 1 of 3 taken" in home


@pytest.mark.parametrize("count", [1, 10])
def test_the_overview_makes_the_same_few_queries_however_many_residents(
    world: World,
    client_as: ClientAs,
    django_assert_num_queries: DjangoAssertNumQueries,
    count: int,
) -> None:
    # Never full: a full type adds the other centres' free places (three more queries).
    house_a = house(world, women=11, men=10)
    house(world, name="House B", families=5)
    for _ in range(count):
        place(world, cared_person(world), house_a)
    client = client_as("caseworker_a")

    # Sign-in: session, user, second factor, membership. Shelters, their places, the
    # placements counted; the residents; their audit row: savepoint, chain head, insert,
    # head update, release. The layout's memberships. The session: savepoint, update,
    # release.
    with django_assert_num_queries(17):
        response = client.get("/care/")

    assert response.status_code == 200


# A person's care page -------------------------------------------------------------------


def full_file(world: World) -> str:
    person = cared_person(world)
    world.involve(person, "prosecutor", Purpose.INVESTIGATION)
    place(world, person, house(world, women=3))
    plan = support_plan_create(
        actor=world.actor("caseworker_a"),
        person=person,
        types=["Legal"],
        objectives="Advice.",
        started_on=days_ago(3),
    )
    for service in ("Legal", "Lawyer", "Interpreting"):
        service_record(
            actor=world.actor("caseworker_a"),
            person=person,
            service_type=service,
            delivered_on=today(),
        )
    notes = [note(world, person, text=f"Note {i}.") for i in range(4)]
    sharing_consent(world, person)
    for item in ({"note_id": notes[0].pk}, {"plan_id": plan.pk}):
        care_disclosure_create(
            actor=world.actor("director_a"),
            person=person,
            recipient_id=world.organisations["Auditorate Brussels"].pk,
            basis="CONSENT",
            basis_reference="",
            scope="Hearing",
            decided_on=today(),
            **item,
        )
    return person.reference


def test_the_care_page_shows_stays_plan_services_notes_and_disclosures(
    world: World, client_as: ClientAs
) -> None:
    reference = full_file(world)

    body = client_as("director_a").get(f"/care/{reference}/").content.decode()

    for text in ("House A", "Advice.", "Lawyer", "Note 3.", "shared with Auditorate Brussels"):
        assert text in body, text
    # Notes signed with the author's name and organisation, not a login name.
    assert "Caseworker_A Tester (PAG-ASA)" in body
    assert f'href="/people/{reference}/"' in body


@pytest.mark.parametrize(("persona", "queries"), [("director_a", 26), ("prosecutor", 16)])
def test_the_care_page_makes_a_fixed_number_of_queries(
    world: World,
    client_as: ClientAs,
    django_assert_num_queries: DjangoAssertNumQueries,
    persona: str,
    queries: int,
) -> None:
    reference = full_file(world)
    client = client_as(persona)

    # Sign-in (4); the person; the involvement (care roles only); the disclosures to the
    # actor's organisation; for the centre: stays, plans, services, notes, its
    # disclosures, whether it has a shelter, and whether the person is recorded as a
    # suspect (issue 9 §4); the audit row (5); the layout's memberships; the session (3);
    # the NRM manual's entry for the care step ({% manual_step %}, issue 14): one query, so
    # one more than before it. The same whatever the number of records.
    with django_assert_num_queries(queries):
        response = client.get(f"/care/{reference}/")

    assert response.status_code == 200


def test_a_person_staying_cannot_be_placed_again_and_the_page_says_why(
    world: World, client_as: ClientAs
) -> None:
    person = cared_person(world)
    place(world, person, house(world, women=3), arrived_on=days_ago(4))

    body = client_as("caseworker_a").get(f"/care/{person.reference}/").content.decode()

    assert "Staying at House A since" in body
    assert "record the departure first" in body
    assert f'href="/care/{person.reference}/placements/new/"' not in body


def test_without_a_shelter_the_page_says_who_can_add_one(world: World, client_as: ClientAs) -> None:
    person = cared_person(world)

    body = client_as("caseworker_a").get(f"/care/{person.reference}/").content.decode()

    assert "Your centre has no shelter yet; the director can add one." in body


def test_the_person_record_links_to_the_care_page_for_centre_staff_only(
    world: World, client_as: ClientAs
) -> None:
    person = cared_person(world)
    world.involve(person, "prosecutor", Purpose.INVESTIGATION)
    link = f'href="/care/{person.reference}/"'

    assert link in client_as("caseworker_a").get(f"/people/{person.reference}/").content.decode()
    assert link not in client_as("prosecutor").get(f"/people/{person.reference}/").content.decode()


# Placing and departing through the pages ------------------------------------------------


def test_a_caseworker_places_a_person_through_the_form(world: World, client_as: ClientAs) -> None:
    shelter = house(world, women=3)
    person = cared_person(world)

    response = client_as("caseworker_a").post(
        f"/care/{person.reference}/placements/new/",
        {"shelter": shelter.pk, "place_type": "WOMEN", "arrived_on": today().isoformat()},
    )

    assert response.status_code == 302
    assert response["Location"] == f"/care/{person.reference}/"
    assert Placement.objects.get().person == person


def test_the_form_refuses_a_full_shelter_with_409_and_the_reason(
    world: World, client_as: ClientAs
) -> None:
    shelter = house(world, women=1)
    place(world, cared_person(world), shelter)
    person = cared_person(world)

    response = client_as("caseworker_a").post(
        f"/care/{person.reference}/placements/new/",
        {"shelter": shelter.pk, "place_type": "WOMEN", "arrived_on": today().isoformat()},
    )

    assert response.status_code == 409
    assert "No place for Women is free at House A" in response.content.decode()
    assert Placement.objects.count() == 1


def test_the_form_refuses_bad_input_with_400(world: World, client_as: ClientAs) -> None:
    shelter = house(world, women=1)
    person = cared_person(world)
    url = f"/care/{person.reference}/placements/new/"
    client = client_as("caseworker_a")

    no_date = client.post(url, {"shelter": shelter.pk, "place_type": "WOMEN"})
    no_places = client.post(
        url, {"shelter": shelter.pk, "place_type": "MEN", "arrived_on": today().isoformat()}
    )

    assert no_date.status_code == no_places.status_code == 400
    assert "House A has no places for Men." in no_places.content.decode()
    assert not Placement.objects.exists()


@pytest.mark.parametrize("persona", ["caseworker_b", "prosecutor", "admin"])
def test_outsiders_get_404_on_the_placement_pages(
    world: World, client_as: ClientAs, persona: str
) -> None:
    shelter = house(world, women=3)
    person = cared_person(world)
    world.involve(person, "prosecutor", Purpose.INVESTIGATION)
    stay = place(world, person, shelter)
    client = client_as(persona)

    assert client.get(f"/care/{person.reference}/placements/new/").status_code == 404
    assert client.get(f"/care/placements/{stay.pk}/depart/").status_code == 404
    response = client.post(
        f"/care/placements/{stay.pk}/depart/", {"departed_on": today(), "reason": "MOVED_ON"}
    )
    assert response.status_code == 404
    stay.refresh_from_db()
    assert stay.departed_on is None


def test_the_htmx_fragment_shows_free_places_for_the_chosen_shelter_and_day(
    world: World, client_as: ClientAs
) -> None:
    house(world, women=3)
    house_b = house(world, name="House B", men=2, families=1)
    place(world, cared_person(world), house_b, place_type="MEN", arrived_on=days_ago(2))
    person = cared_person(world)

    response = client_as("caseworker_a").get(
        f"/care/{person.reference}/placements/new/",
        {"shelter": str(house_b.pk), "arrived_on": days_ago(5).isoformat()},
        headers={"HX-Request": "true"},
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert body.strip().startswith('<div id="free-places"')
    assert "<form" not in body
    assert "Free places at House B" in body
    assert "Men: 1 of 2 free" in body
    assert "Families: 1 of 1 free" in body


def test_a_departure_is_recorded_through_the_form(world: World, client_as: ClientAs) -> None:
    stay = place(world, cared_person(world), house(world, women=1), arrived_on=days_ago(5))
    url = f"/care/placements/{stay.pk}/depart/"
    client = client_as("caseworker_a")

    before = client.post(url, {"departed_on": days_ago(6).isoformat(), "reason": "MOVED_ON"})
    other = client.post(url, {"departed_on": today().isoformat(), "reason": "OTHER"})
    done = client.post(url, {"departed_on": today().isoformat(), "reason": "MOVED_ON"})
    again = client.post(url, {"departed_on": today().isoformat(), "reason": "MOVED_ON"})

    assert before.status_code == 400
    assert "The departure cannot be before the arrival." in before.content.decode()
    assert other.status_code == 400
    assert "Say what happened." in other.content.decode()
    assert (done.status_code, again.status_code) == (302, 409)
    stay.refresh_from_db()
    assert (stay.departed_on, stay.departure_reason) == (today(), "MOVED_ON")
