"""Places, occupancy and every refusal of a placement.

A stay takes a place from its arrival up to, not including, its departure. A placement is
refused when no place of its type is free on one of its days (409), when the shelter has
no places of that type (400), when the person already stays at the centre on one of those
days (409), when the departure is before the arrival (400), and when the centre does not
hold the person's care (404, as if the person did not exist).
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from nrm.access.models import AuditEvent, AuditEventType, Purpose
from nrm.care.actions import placement_end, shelter_update
from nrm.care.capacity import occupies, overlaps, peak_occupancy
from nrm.care.models import DepartureReason, Placement
from nrm.care.queries import free_places, occupancy_for
from nrm.care.tests.setup import ADDRESS, cared_person, days_ago, house, place, today
from nrm.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from nrm.testing import World

D = date(2025, 3, 10)


def d(n: int) -> date:
    return D + timedelta(days=n)


# The date arithmetic, without a database ------------------------------------------------


def test_a_stay_takes_a_place_from_arrival_up_to_but_not_including_departure() -> None:
    stay = (d(0), d(3))

    assert not occupies(stay, d(-1))
    assert occupies(stay, d(0))
    assert occupies(stay, d(2))
    assert not occupies(stay, d(3))
    assert occupies((d(0), None), d(1000))


def test_a_departure_and_an_arrival_on_the_same_day_do_not_overlap() -> None:
    assert not overlaps((d(0), d(3)), d(3), None)
    assert overlaps((d(0), d(3)), d(2), None)
    assert not overlaps((d(5), None), d(0), d(5))
    # A stay that begins and ends the same day takes no place at all.
    assert not overlaps((d(0), None), d(4), d(4))


def test_the_peak_counts_stays_that_begin_later_in_the_window() -> None:
    stays = [(d(0), d(2)), (d(5), None), (d(6), d(8))]

    assert peak_occupancy(stays, d(0)) == 2  # d(6): the second and the third
    assert peak_occupancy(stays, d(0), d(5)) == 1
    assert peak_occupancy(stays, d(2), d(5)) == 0
    assert peak_occupancy(stays, d(8)) == 1
    assert peak_occupancy([], d(0)) == 0


# Occupancy ------------------------------------------------------------------------------


def test_occupancy_counts_places_taken_and_free_per_shelter_and_type(world: World) -> None:
    house_a = house(world, women=3, men=2)
    house_b = house(world, name="House B", families=4)
    place(world, cared_person(world), house_a, place_type="WOMEN")
    place(world, cared_person(world), house_a, place_type="WOMEN")
    place(world, cared_person(world), house_b, place_type="FAMILIES", with_family=True)
    # Left last week: no longer counted.
    place(
        world,
        cared_person(world),
        house_a,
        place_type="MEN",
        arrived_on=days_ago(30),
        departed_on=days_ago(7),
        departure_reason=DepartureReason.MOVED_ON,
    )

    shelters = {s.shelter.name: s for s in occupancy_for(world.actor("caseworker_a"))}

    a = {p.place_type: (p.capacity, p.occupied, p.free) for p in shelters["House A"].places}
    b = {p.place_type: (p.capacity, p.occupied, p.free) for p in shelters["House B"].places}
    assert a == {"WOMEN": (3, 2, 1), "MEN": (2, 0, 2)}
    assert b == {"FAMILIES": (4, 1, 3)}
    assert (shelters["House A"].capacity, shelters["House A"].free) == (5, 3)


def test_occupancy_on_an_earlier_day_counts_who_stayed_then(world: World) -> None:
    shelter = house(world, men=2)
    place(
        world,
        cared_person(world),
        shelter,
        place_type="MEN",
        arrived_on=days_ago(30),
        departed_on=days_ago(7),
        departure_reason=DepartureReason.END_OF_SUPPORT,
    )

    (then,) = occupancy_for(world.actor("director_a"), on=days_ago(10))
    (now,) = occupancy_for(world.actor("director_a"))

    assert (then.occupied, now.occupied) == (1, 0)


def test_a_centre_sees_only_its_own_shelters(world: World) -> None:
    house(world, women=3)

    assert occupancy_for(world.actor("caseworker_b")) == []
    assert occupancy_for(world.actor("prosecutor")) == []
    assert occupancy_for(world.actor("admin")) == []


def test_a_departure_frees_the_place_from_that_day(world: World) -> None:
    shelter = house(world, women=1)
    first = place(world, cared_person(world), shelter, arrived_on=days_ago(20))

    placement_end(
        actor=world.actor("caseworker_a"),
        placement_id=first.pk,
        departed_on=days_ago(2),
        reason=DepartureReason.VOLUNTARY_RETURN,
    )
    second = place(world, cared_person(world), shelter, arrived_on=days_ago(2))

    assert second.arrived_on == days_ago(2)
    (occupancy,) = occupancy_for(world.actor("caseworker_a"))
    assert occupancy.occupied == 1
    row = AuditEvent.objects.get(action="placement_end")
    assert row.event_type == AuditEventType.END
    assert row.changes == {
        "departed_on": days_ago(2).isoformat(),
        "departure_reason": "VOLUNTARY_RETURN",
    }


# Refusals -------------------------------------------------------------------------------


def test_a_placement_is_refused_when_no_place_of_that_type_is_free(world: World) -> None:
    shelter = house(world, women=1, men=1)
    place(world, cared_person(world), shelter, place_type="WOMEN")
    person = cared_person(world)
    audit_rows = AuditEvent.objects.count()

    with pytest.raises(Conflict, match="No place for Women is free at House A") as refused:
        place(world, person, shelter, place_type="WOMEN")

    assert "its one place is taken" in refused.value.message
    assert Placement.objects.filter(person=person).count() == 0
    assert AuditEvent.objects.count() == audit_rows
    # A place of another type is still free.
    assert place(world, person, shelter, place_type="MEN").place_type == "MEN"


def test_a_back_dated_stay_must_find_a_place_on_every_one_of_its_days(world: World) -> None:
    shelter = house(world, women=1)
    place(world, cared_person(world), shelter, arrived_on=days_ago(5))
    person = cared_person(world)

    # From 20 days ago with no departure, it would share the place from 5 days ago on.
    with pytest.raises(Conflict):
        place(world, person, shelter, arrived_on=days_ago(20))
    # A stay that ended before then fits.
    past = place(
        world,
        person,
        shelter,
        arrived_on=days_ago(20),
        departed_on=days_ago(5),
        departure_reason=DepartureReason.TRANSFERRED,
    )
    assert past.departed_on == days_ago(5)


def test_a_shelter_without_places_of_that_type_refuses_with_a_reason(world: World) -> None:
    shelter = house(world, women=2)

    with pytest.raises(DomainError, match="House A has no places for Minors") as refused:
        place(world, cared_person(world), shelter, place_type="MINORS")

    assert refused.value.status == 400
    assert refused.value.field == "place_type"


def test_a_person_the_centre_does_not_care_for_cannot_be_placed(world: World) -> None:
    shelter = house(world, women=2)
    # Met by the inspection team only; then a person Payoke cares for.
    for person in (world.person("inspector"), cared_person(world, "caseworker_b")):
        with pytest.raises(NotFound):
            place(world, person, shelter)
    assert not Placement.objects.exists()


def test_roles_without_care_cannot_place_anyone(world: World) -> None:
    shelter = house(world, women=2)
    person = cared_person(world)
    world.involve(person, "prosecutor", Purpose.INVESTIGATION)

    with pytest.raises(NotFound):
        place(world, person, shelter, "prosecutor")


def test_another_centres_shelter_cannot_be_chosen(world: World) -> None:
    shelter = house(world, women=2)
    person = cared_person(world, "caseworker_b")

    with pytest.raises(DomainError, match="Choose one of your centre's shelters") as refused:
        place(world, person, shelter, "caseworker_b")

    assert refused.value.status == 400


def test_overlapping_stays_of_one_person_are_refused(world: World) -> None:
    house_a = house(world, women=2)
    house_b = house(world, name="House B", women=2)
    person = cared_person(world)
    place(world, person, house_a, arrived_on=days_ago(10))

    with pytest.raises(Conflict, match="already stays at House A") as refused:
        place(world, person, house_b, arrived_on=days_ago(3))

    assert refused.value.status == 409
    assert Placement.objects.filter(person=person).count() == 1


def test_a_move_to_another_house_on_the_day_of_departure_is_allowed(world: World) -> None:
    house_a = house(world, women=2)
    house_b = house(world, name="House B", women=2)
    person = cared_person(world)
    first = place(world, person, house_a, arrived_on=days_ago(10))
    placement_end(
        actor=world.actor("caseworker_a"),
        placement_id=first.pk,
        departed_on=days_ago(1),
        reason=DepartureReason.TRANSFERRED,
    )

    second = place(world, person, house_b, arrived_on=days_ago(1))

    assert second.shelter == house_b


def test_the_departure_cannot_be_before_the_arrival(world: World) -> None:
    shelter = house(world, women=2)
    person = cared_person(world)

    with pytest.raises(DomainError, match="cannot be before the arrival") as refused:
        place(
            world,
            person,
            shelter,
            arrived_on=days_ago(3),
            departed_on=days_ago(4),
            departure_reason=DepartureReason.OTHER,
        )
    assert (refused.value.status, refused.value.field) == (400, "departed_on")

    stay = place(world, person, shelter, arrived_on=days_ago(3))
    with pytest.raises(DomainError, match="cannot be before the arrival"):
        placement_end(
            actor=world.actor("caseworker_a"),
            placement_id=stay.pk,
            departed_on=days_ago(4),
            reason=DepartureReason.MOVED_ON,
        )
    stay.refresh_from_db()
    assert stay.departed_on is None


def test_dates_in_the_future_and_missing_reasons_are_refused(world: World) -> None:
    shelter = house(world, women=2)
    person = cared_person(world)
    tomorrow = today() + timedelta(days=1)

    with pytest.raises(DomainError, match="cannot be in the future"):
        place(world, person, shelter, arrived_on=tomorrow)
    stay = place(world, person, shelter)
    with pytest.raises(DomainError, match="cannot be in the future"):
        placement_end(
            actor=world.actor("caseworker_a"),
            placement_id=stay.pk,
            departed_on=tomorrow,
            reason=DepartureReason.MOVED_ON,
        )
    with pytest.raises(DomainError, match="Say why"):
        placement_end(
            actor=world.actor("caseworker_a"),
            placement_id=stay.pk,
            departed_on=today(),
            reason="EVAPORATED",
        )
    with pytest.raises(DomainError, match="Say what happened") as refused:
        placement_end(
            actor=world.actor("caseworker_a"),
            placement_id=stay.pk,
            departed_on=today(),
            reason=DepartureReason.OTHER,
        )
    assert refused.value.field == "departure_note"


def test_a_stay_cannot_end_twice(world: World) -> None:
    stay = place(world, cared_person(world), house(world, women=2))
    end = {"placement_id": stay.pk, "departed_on": today(), "reason": DepartureReason.MOVED_ON}
    placement_end(actor=world.actor("caseworker_a"), **end)  # type: ignore[arg-type]

    with pytest.raises(Conflict, match="already ended"):
        placement_end(actor=world.actor("director_a"), **end)  # type: ignore[arg-type]


def test_another_centre_cannot_record_a_departure(world: World) -> None:
    stay = place(world, cared_person(world), house(world, women=2))

    with pytest.raises(NotFound):
        placement_end(
            actor=world.actor("caseworker_b"),
            placement_id=stay.pk,
            departed_on=today(),
            reason=DepartureReason.MOVED_ON,
        )


def test_places_cannot_drop_below_those_taken(world: World) -> None:
    shelter = house(world, women=2, men=1)
    place(world, cared_person(world), shelter)
    place(world, cared_person(world), shelter)

    with pytest.raises(Conflict, match="2 places for Women are taken"):
        shelter_update(
            actor=world.actor("director_a"),
            shelter_id=shelter.pk,
            expected_version=shelter.version,
            name="House A",
            address=ADDRESS,
            capacities={"WOMEN": 1, "MEN": 1},
        )
    updated = shelter_update(
        actor=world.actor("director_a"),
        shelter_id=shelter.pk,
        expected_version=shelter.version,
        name="House A",
        address=ADDRESS,
        capacities={"WOMEN": 2, "MEN": 0, "FAMILIES": 3},
    )
    assert {p.place_type: p.capacity for p in updated.places.all()} == {"WOMEN": 2, "FAMILIES": 3}


def test_free_places_for_a_new_stay_count_the_peak_from_its_arrival_on(world: World) -> None:
    shelter = house(world, women=2, men=1)
    place(world, cared_person(world), shelter, arrived_on=days_ago(3))

    before = {p.place_type: p.free for p in free_places(shelter, from_day=days_ago(10))}
    now = {p.place_type: p.free for p in free_places(shelter, from_day=today())}

    assert before == now == {"WOMEN": 1, "MEN": 1}


def test_a_placement_is_audited_without_the_address(world: World) -> None:
    shelter = house(world, women=2)
    person = cared_person(world)

    stay = place(world, person, shelter)

    row = AuditEvent.objects.get(action="placement_create")
    assert (row.event_type, row.purpose) == (AuditEventType.CREATE, Purpose.CARE)
    assert (row.record_type, row.record_id) == ("care.placement", str(stay.pk))
    assert row.actor == world.users["caseworker_a"]
    assert row.changes is not None
    assert row.changes["person"] == person.reference
    assert ADDRESS not in str(row.changes)


def test_a_caseworker_may_place_but_not_manage_shelters(world: World) -> None:
    shelter = house(world, women=2)

    with pytest.raises(PermissionDenied):
        shelter_update(
            actor=world.actor("caseworker_a"),
            shelter_id=shelter.pk,
            expected_version=shelter.version,
            name="House A",
            address=ADDRESS,
            capacities={"WOMEN": 20},
        )
