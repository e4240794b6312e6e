"""Whether a person fits a place: the rules alone (no database), then the placement that
asks for a reason when the place does not fit, and records it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from django.test import Client

from nrm.access.models import AuditEvent
from nrm.care.fit import PLACE_RULES, Misfit, Resident, age_on, misfits
from nrm.care.models import PlaceType
from nrm.care.tests.setup import cared_person, days_ago, house, place
from nrm.core.errors import DomainError
from nrm.testing import World

ClientAs = Callable[[str], Client]


def resident(
    gender: str = "NonSpecifiedUnknown", age: int | None = 30, family: bool = False
) -> Resident:
    return Resident(gender=gender, age=age, with_family=family)


# The rules ------------------------------------------------------------------------------


def test_every_place_type_has_a_rule() -> None:
    assert set(PLACE_RULES) == set(PlaceType.values)


@pytest.mark.parametrize(
    ("place_type", "person", "expected"),
    [
        ("WOMEN", resident("Feminine"), ()),
        ("WOMEN", resident("TransgenderFeminine"), ()),
        ("WOMEN", resident("Masculine"), (Misfit.GENDER,)),
        ("MEN", resident("Masculine"), ()),
        ("MEN", resident("Feminine"), (Misfit.GENDER,)),
        # The record cannot tell: gender makes no misfit.
        ("MEN", resident("NonConforming"), ()),
        ("WOMEN", resident("NonSpecifiedUnknown"), ()),
        ("MEN", resident("Masculine", age=16), (Misfit.MINOR_IN_ADULT_PLACE,)),
        ("MINORS", resident(age=16), ()),
        ("MINORS", resident(age=19), (Misfit.ADULT_IN_MINOR_PLACE,)),
        ("MINORS", resident(age=None), ()),
        # A single man in a family room.
        ("FAMILIES", resident("Masculine"), (Misfit.NO_FAMILY_IN_FAMILY_PLACE,)),
        ("FAMILIES", resident("Masculine", family=True), ()),
        # A child with its family belongs in the family place; alone, it does not.
        ("FAMILIES", resident(age=8, family=True), ()),
        (
            "FAMILIES",
            resident(age=15),
            (Misfit.MINOR_IN_ADULT_PLACE, Misfit.NO_FAMILY_IN_FAMILY_PLACE),
        ),
    ],
)
def test_the_rules_name_each_misfit(
    place_type: str, person: Resident, expected: tuple[Misfit, ...]
) -> None:
    assert misfits(place_type, person) == expected


def test_the_age_comes_from_the_birth_date_when_known() -> None:
    assert (
        age_on(
            birth_date=date(2008, 6, 15),
            age_at_first_contact=30,
            first_contact=date(2025, 1, 1),
            day=date(2026, 6, 14),
        )
        == 17
    )
    assert (
        age_on(
            birth_date=date(2008, 6, 15),
            age_at_first_contact=None,
            first_contact=date(2025, 1, 1),
            day=date(2026, 6, 15),
        )
        == 18
    )


def test_without_a_birth_date_the_age_is_never_overstated() -> None:
    # 17 at first contact, eleven months later: still counted 17.
    assert (
        age_on(
            birth_date=None,
            age_at_first_contact=17,
            first_contact=date(2025, 3, 1),
            day=date(2026, 2, 1),
        )
        == 17
    )
    assert (
        age_on(
            birth_date=None,
            age_at_first_contact=None,
            first_contact=date(2025, 3, 1),
            day=date(2026, 2, 1),
        )
        is None
    )


# The placement --------------------------------------------------------------------------


def test_a_misfit_without_a_reason_is_refused_on_the_field(world: World) -> None:
    shelter = house(world, women=2, men=2)
    man = cared_person(world, gender="Masculine")

    with pytest.raises(DomainError, match="A place for persons of another gender") as refused:
        place(world, man, shelter, place_type="WOMEN")

    assert (refused.value.status, refused.value.field) == (400, "fit_reason")
    assert not AuditEvent.objects.filter(action="placement_create").exists()


def test_a_misfit_with_a_reason_is_placed_and_the_reason_kept(world: World) -> None:
    shelter = house(world, families=2)
    man = cared_person(world, gender="Masculine")

    placement = place(
        world,
        man,
        shelter,
        place_type="FAMILIES",
        fit_reason="Only free bed tonight; moves to a men's place tomorrow.",
    )

    assert placement.misfits == ["NO_FAMILY_IN_FAMILY_PLACE"]
    assert placement.fit_reason == "Only free bed tonight; moves to a men's place tomorrow."
    row = AuditEvent.objects.get(action="placement_create")
    assert row.changes["misfits"] == ["NO_FAMILY_IN_FAMILY_PLACE"]
    # The reason is care data: the trail says that it was given, never what it says.
    assert row.changes["fit_reason"] == "set"
    assert "Only free bed" not in str(row.changes)


def test_a_minor_in_a_place_for_adults_asks_for_a_reason(world: World) -> None:
    shelter = house(world, women=2)
    girl = cared_person(
        world, gender="Feminine", age_at_first_contact=16, first_contact_on=days_ago(30)
    )

    with pytest.raises(DomainError, match="A minor in a place for adults"):
        place(world, girl, shelter, place_type="WOMEN")


def test_a_fitting_place_needs_no_reason_and_keeps_none(world: World) -> None:
    shelter = house(world, families=2)

    placement = place(
        world,
        cared_person(world, gender="Feminine"),
        shelter,
        place_type="FAMILIES",
        with_family=True,
        fit_reason="Not needed",
    )

    assert (placement.misfits, placement.fit_reason, placement.with_family) == ([], "", True)


def test_the_placement_page_asks_for_the_reason_and_the_care_page_shows_it(
    world: World, client_as: ClientAs
) -> None:
    shelter = house(world, women=2, men=2)
    man = cared_person(world, gender="Masculine")
    client = client_as("caseworker_a")
    form = {
        "shelter": shelter.pk,
        "place_type": "WOMEN",
        "arrived_on": days_ago(1).isoformat(),
    }

    refused = client.post(f"/care/{man.reference}/placements/new/", form)

    assert refused.status_code == 400
    assert "Say why it is the right place." in refused.content.decode()
    placed = client.post(
        f"/care/{man.reference}/placements/new/",
        {**form, "fit_reason": "Staff flat of the women's house, separate entrance."},
    )
    assert placed.status_code == 302
    body = client.get(f"/care/{man.reference}/").content.decode()
    assert "A place for persons of another gender." in body
    assert "Staff flat of the women&#x27;s house, separate entrance." in body
