"""Routing: adults to the adult centre of the region, minors to the minors' centre, by data.

Test world: PAG-ASA (BRU), Payoke (VLG), Sürya (WAL) for adults; Minor-Ndako (BRU) and
Esperanto (WAL) for minors; no minors' centre in Flanders.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from nrm.access.models import Involvement
from nrm.administration.actions import organisation_create
from nrm.core.errors import DomainError
from nrm.organisations.models import Organisation, OrganisationType, Region
from nrm.referrals.models import Referral
from nrm.referrals.routing import age_at_least, is_minor
from nrm.referrals.tests.builders import refer
from nrm.testing import World

TODAY = timezone.localdate()


def region(code: str) -> Region:
    return Region.objects.get(code=code)


@pytest.mark.parametrize(
    ("code", "age", "centre"),
    [
        ("BRU", 31, "PAG-ASA"),
        ("VLG", 31, "Payoke"),
        ("WAL", 31, "Sürya"),
        ("BRU", 16, "Minor-Ndako"),
        ("WAL", 16, "Esperanto"),
    ],
)
def test_it_routes_by_region_and_age(world: World, code: str, age: int, centre: str) -> None:
    person = world.person("inspector", age_at_first_contact=age, first_contact_on=TODAY)

    referral = refer(world, person=person, region=region(code))

    assert referral.referred_organisation == world.organisations[centre]
    assert referral.routed


def test_the_region_defaults_to_the_referrers_own(world: World) -> None:
    referral = refer(world, "inspector")

    assert referral.region == region("BRU")
    assert referral.referred_organisation == world.organisations["PAG-ASA"]


def test_a_region_without_a_centre_for_minors_asks_to_choose_and_saves_nothing(
    world: World,
) -> None:
    person = world.person("inspector", age_at_first_contact=15, first_contact_on=TODAY)
    involvements = Involvement.objects.count()

    with pytest.raises(DomainError) as raised:
        refer(world, person=person, region=region("VLG"))

    assert raised.value.field == "centre"
    assert raised.value.message == (
        "No specialised centre for minors serves Flanders. Choose the centre."
    )
    assert not Referral.objects.exists()
    assert Involvement.objects.count() == involvements


def test_the_referrer_may_choose_another_centre_of_the_right_kind(world: World) -> None:
    person = world.person("inspector", age_at_first_contact=15, first_contact_on=TODAY)

    referral = refer(
        world, person=person, region=region("VLG"), centre=world.organisations["Minor-Ndako"]
    )

    assert referral.referred_organisation == world.organisations["Minor-Ndako"]
    assert not referral.routed


@pytest.mark.parametrize(
    ("age", "centre", "message"),
    [
        (15, "PAG-ASA", "A minor is referred to a specialised centre for minors."),
        (40, "Esperanto", "An adult is referred to a specialised centre for adults."),
        (40, "Immigration Office", "Immigration Office is not a specialised centre"),
        (40, "FJP Brussels", "FJP Brussels is not a specialised centre"),
    ],
)
def test_a_chosen_organisation_must_be_a_centre_of_the_right_kind(
    world: World, age: int, centre: str, message: str
) -> None:
    person = world.person("inspector", age_at_first_contact=age, first_contact_on=TODAY)

    with pytest.raises(DomainError) as raised:
        refer(world, person=person, centre=world.organisations[centre])

    assert raised.value.field == "centre"
    assert raised.value.message.startswith(message)
    assert not Referral.objects.exists()


def test_routing_follows_the_data_when_a_centre_moves_or_a_new_one_opens(world: World) -> None:
    flanders = region("VLG")
    minors_flanders = organisation_create(
        actor=world.actor("admin"),
        name="Minors' centre Flanders",
        short_name="Minors VLG",
        type=OrganisationType.CENTRE_MINORS,
        country="BE",
        region=flanders,
        judicial_district=None,
    )
    person = world.person("inspector", age_at_first_contact=15, first_contact_on=TODAY)

    referral = refer(world, person=person, region=flanders)

    assert referral.referred_organisation == minors_flanders


def test_an_inactive_centre_is_not_chosen(world: World) -> None:
    Organisation.objects.filter(short_name="Payoke").update(is_active=False)

    with pytest.raises(DomainError) as raised:
        refer(world, region=region("VLG"))

    assert raised.value.message == (
        "No specialised centre for adults serves Flanders. Choose the centre."
    )


def test_two_centres_of_one_kind_in_a_region_ask_to_choose(world: World) -> None:
    organisation_create(
        actor=world.actor("admin"),
        name="Second adults' centre Brussels",
        short_name="Second BRU",
        type=OrganisationType.CENTRE_ADULTS,
        country="BE",
        region=region("BRU"),
        judicial_district=None,
    )

    with pytest.raises(DomainError) as raised:
        refer(world)

    assert raised.value.message == (
        "Several specialised centres for adults serve Brussels-Capital. Choose the centre."
    )


def test_a_presumed_minor_goes_to_the_minors_centre(world: World) -> None:
    person = world.person("inspector", age_at_first_contact=None)

    referral = refer(world, person=person, presumed_minor=True)

    assert referral.referred_organisation == world.organisations["Minor-Ndako"]
    assert referral.presumed_minor


def test_an_unknown_age_without_presumption_goes_to_the_adults_centre(world: World) -> None:
    person = world.person("inspector", age_at_first_contact=None)

    assert refer(world, person=person).referred_organisation == world.organisations["PAG-ASA"]


def test_the_age_comes_from_the_birth_date_when_known(world: World) -> None:
    person = world.person(
        "inspector", birth_date=date(2008, 6, 1), age_at_first_contact=30, first_contact_on=None
    )

    assert age_at_least(person, date(2026, 5, 31)) == 17
    assert age_at_least(person, date(2026, 6, 1)) == 18
    assert is_minor(person, date(2026, 5, 31))


def test_without_a_birth_date_the_age_grows_from_the_first_contact(world: World) -> None:
    person = world.person("inspector", age_at_first_contact=17, first_contact_on=date(2024, 3, 1))

    assert age_at_least(person, date(2025, 2, 28)) == 17
    assert age_at_least(person, date(2025, 3, 1)) == 18
    assert not is_minor(person, date(2025, 3, 1))
