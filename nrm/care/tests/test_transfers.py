"""Transfer requests: when its shelter is full, a centre sees the other centres' free places
(counts only) and asks one to take a person; the other centre sees only what the request
carries until it accepts, then the stay moves in one action; or it declines with a reason."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from nrm.access.context import actor_for
from nrm.access.models import AuditEvent, Purpose
from nrm.access.policy import Ability, decide_person
from nrm.accounts.actions import api_token_create
from nrm.administration.actions import user_create
from nrm.care.actions import (
    shelter_transfer_accept,
    shelter_transfer_decline,
    shelter_transfer_request,
    shelter_transfer_withdraw,
)
from nrm.care.models import Placement, Shelter, ShelterTransfer, TransferStatus
from nrm.care.queries import free_places_elsewhere, transfer_requests_waiting
from nrm.care.tests.setup import cared_person, days_ago, house, place, today
from nrm.core.errors import Conflict, DomainError, NotFound
from nrm.organisations.models import Role
from nrm.people.models import Person
from nrm.people.vocab import Gender
from nrm.testing import World, approved_membership

ClientAs = Callable[[str], Client]
MESSAGE = "Needs a ground-floor room; sleeps badly since the raid."


@pytest.fixture
def payoke(world: World) -> Shelter:
    """Payoke's director (not a shared persona) and its shelter."""
    user, _password = user_create(
        actor=world.actor("admin"),
        username="director_b",
        first_name="Director",
        last_name="B",
        email="director_b@example.invalid",
        password="correct horse battery staple",
    )
    user.must_change_password = False
    user.save(update_fields=["must_change_password"])
    membership = approved_membership(
        world, user=user, organisation=world.organisations["Payoke"], role=Role.CENTRE_DIRECTOR
    )
    world.users["director_b"] = user
    world.actors["director_b"] = actor_for(user, membership)
    world.devices["director_b"] = TOTPDevice.objects.create(user=user, name="t", confirmed=True)
    return house(world, "director_b", name="Huis B", women=3, men=2)


def ask(world: World, person: Person, **fields: Any) -> ShelterTransfer:
    values: dict[str, Any] = {
        "to_organisation_id": world.organisations["Payoke"].pk,
        "place_type": "WOMEN",
        "wanted_from": today(),
        "message": MESSAGE,
    }
    values.update(fields)
    return shelter_transfer_request(actor=world.actor("caseworker_a"), person=person, **values)


def woman_in_a_full_house(world: World) -> tuple[Person, Placement]:
    full = house(world, women=1)
    person = cared_person(world, gender="Feminine", first_contact_on=days_ago(30))
    return person, place(world, person, full, arrived_on=days_ago(20))


# Free places elsewhere -------------------------------------------------------------------


def test_other_centres_free_places_are_counts_per_type(world: World, payoke: Shelter) -> None:
    place(world, cared_person(world, "caseworker_b"), payoke, "caseworker_b")

    [payoke_places] = free_places_elsewhere(world.actor("caseworker_a"))

    assert payoke_places.organisation == world.organisations["Payoke"]
    assert [(p.place_type, p.capacity, p.free) for p in payoke_places.places] == [
        ("WOMEN", 3, 2),
        ("MEN", 2, 2),
    ]
    # The asking centre's own shelters are not "elsewhere".
    assert free_places_elsewhere(world.actor("caseworker_b")) == []


def test_the_shelter_page_shows_other_centres_only_when_a_type_is_full(
    world: World, client_as: ClientAs, payoke: Shelter
) -> None:
    full = house(world, women=1, men=1)
    client = client_as("caseworker_a")
    assert "Free places at other centres" not in client.get("/care/").content.decode()

    place(world, cared_person(world, gender="Feminine"), full)
    body = client.get("/care/").content.decode()
    shelter_body = client.get(f"/care/shelters/{full.pk}/").content.decode()

    for page in (body, shelter_body):
        assert "Free places at other centres" in page
        assert "Payoke" in page
        assert "Women: 3 of 3 free" in page
    # Counts only: neither the other centre's shelter nor anyone in it.
    assert "Huis B" not in body


# The request -----------------------------------------------------------------------------


def test_a_centre_asks_another_and_its_care_staff_are_told_without_the_person(
    world: World, payoke: Shelter, django_capture_on_commit_callbacks: Any
) -> None:
    person, stay = woman_in_a_full_house(world)

    with django_capture_on_commit_callbacks(execute=True):
        transfer = ask(world, person)

    assert (transfer.status, transfer.from_placement) == (TransferStatus.REQUESTED, stay)
    assert (transfer.gender, transfer.age, transfer.languages) == ("Feminine", 31, ["ro"])
    assert {m.to[0] for m in mail.outbox} == {
        "caseworker_b@example.invalid",
        "director_b@example.invalid",
    }
    assert person.reference not in mail.outbox[0].body
    assert "PAG-ASA" in mail.outbox[0].body
    row = AuditEvent.objects.get(action="shelter_transfer_request")
    assert row.changes["message"] == "set"
    assert MESSAGE not in str(row.changes)
    # Payoke has no involvement yet: the person stays unseen there.
    assert not decide_person(world.actor("caseworker_b"), person.pk, Ability.CARE_VIEW).allowed
    assert list(transfer_requests_waiting(world.actor("caseworker_b"))) == [transfer]
    assert list(transfer_requests_waiting(world.actor("caseworker_a"))) == []


def test_one_waiting_request_per_person(world: World, payoke: Shelter) -> None:
    person, _stay = woman_in_a_full_house(world)
    ask(world, person)

    with pytest.raises(Conflict):
        ask(world, person)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"to_organisation_id": 0}, "to_organisation"),
        ({"place_type": "MINORS"}, "place_type"),
        ({"wanted_from": days_ago(1)}, "wanted_from"),
    ],
)
def test_bad_requests_name_the_field(
    world: World, payoke: Shelter, fields: dict[str, Any], field: str
) -> None:
    person, _stay = woman_in_a_full_house(world)

    with pytest.raises(DomainError) as refused:
        ask(world, person, **fields)

    assert (refused.value.status, refused.value.field) == (400, field)
    assert not ShelterTransfer.objects.exists()


def test_a_centre_cannot_ask_about_a_person_it_does_not_care_for(
    world: World, payoke: Shelter
) -> None:
    stranger = world.person("inspector")

    with pytest.raises(NotFound):
        ask(world, stranger)


# What the other centre sees before it accepts -------------------------------------------


def test_the_other_centre_sees_the_request_but_not_the_person(
    world: World, client_as: ClientAs, payoke: Shelter
) -> None:
    person, _stay = woman_in_a_full_house(world)
    transfer = ask(world, person)
    client = client_as("caseworker_b")

    page = client.get(f"/care/transfers/{transfer.pk}/").content.decode()
    listing = client.get("/care/transfers/").content.decode()

    assert MESSAGE in page
    assert str(Gender.FEMININE.label) in page
    assert "adult (31)" in page
    for body in (page, listing):
        assert person.reference not in body
        assert "Popescu" not in body
    assert client.get(f"/care/{person.reference}/").status_code == 404
    assert AuditEvent.objects.filter(
        action="shelter_transfer_view", record_id=str(transfer.pk)
    ).exists()


@pytest.mark.parametrize("persona", ["caseworker_minors", "prosecutor", "inspector", "admin"])
def test_outsiders_get_404(
    world: World, client_as: ClientAs, payoke: Shelter, persona: str
) -> None:
    person, _stay = woman_in_a_full_house(world)
    transfer = ask(world, person)

    assert client_as(persona).get(f"/care/transfers/{transfer.pk}/").status_code == 404
    with pytest.raises(NotFound):
        shelter_transfer_accept(
            actor=world.actor(persona),
            transfer_id=transfer.pk,
            expected_version=1,
            shelter_id=payoke.pk,
            arrived_on=today(),
        )


# The answer ------------------------------------------------------------------------------


def test_accepting_moves_the_stay_in_one_action(world: World, payoke: Shelter) -> None:
    person, stay = woman_in_a_full_house(world)
    transfer = ask(world, person)

    done = shelter_transfer_accept(
        actor=world.actor("caseworker_b"),
        transfer_id=transfer.pk,
        expected_version=transfer.version,
        shelter_id=payoke.pk,
        arrived_on=today(),
    )

    stay.refresh_from_db()
    assert (stay.departed_on, stay.departure_reason) == (today(), "TRANSFERRED")
    assert done.status == TransferStatus.ACCEPTED
    assert done.placement is not None
    assert (done.placement.shelter, done.placement.arrived_on) == (payoke, today())
    assert decide_person(world.actor("caseworker_b"), person.pk, Ability.CARE_VIEW).allowed
    actions = list(
        AuditEvent.objects.filter(
            action__in=[
                "involvement_open",
                "placement_create",
                "placement_end_by_transfer",
                "shelter_transfer_accept",
            ]
        )
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions[-4:] == [
        "involvement_open",
        "placement_create",
        "placement_end_by_transfer",
        "shelter_transfer_accept",
    ]
    assert list(transfer_requests_waiting(world.actor("caseworker_b"))) == []


def test_accepting_into_a_full_place_changes_nothing(world: World, payoke: Shelter) -> None:
    person, stay = woman_in_a_full_house(world)
    for _ in range(3):
        place(world, cared_person(world, "caseworker_b"), payoke, "caseworker_b")
    transfer = ask(world, person)

    with pytest.raises(Conflict, match="No place for Women is free"):
        shelter_transfer_accept(
            actor=world.actor("caseworker_b"),
            transfer_id=transfer.pk,
            expected_version=transfer.version,
            shelter_id=payoke.pk,
            arrived_on=today(),
        )

    stay.refresh_from_db()
    transfer.refresh_from_db()
    assert (stay.departed_on, transfer.status) == (None, TransferStatus.REQUESTED)
    assert not decide_person(world.actor("caseworker_b"), person.pk, Ability.CARE_VIEW).allowed


def test_accepting_a_misfit_asks_the_receiving_centre_for_the_reason(
    world: World, payoke: Shelter
) -> None:
    man = cared_person(world, gender="Masculine")
    transfer = ask(world, man, place_type="WOMEN")
    accept: dict[str, Any] = {
        "actor": world.actor("caseworker_b"),
        "transfer_id": transfer.pk,
        "expected_version": transfer.version,
        "shelter_id": payoke.pk,
        "arrived_on": today(),
    }

    with pytest.raises(DomainError) as refused:
        shelter_transfer_accept(**accept)
    assert refused.value.field == "fit_reason"

    done = shelter_transfer_accept(**accept, fit_reason="Separate studio in the women's house.")
    assert done.placement is not None
    assert done.placement.misfits == ["GENDER"]


def test_the_accept_page_places_and_opens_the_care_page(
    world: World, client_as: ClientAs, payoke: Shelter
) -> None:
    person, _stay = woman_in_a_full_house(world)
    transfer = ask(world, person)
    client = client_as("caseworker_b")

    response = client.post(
        f"/care/transfers/{transfer.pk}/",
        {
            "answer": "accept",
            "shelter": payoke.pk,
            "arrived_on": today().isoformat(),
            "version": transfer.version,
        },
    )

    assert response.status_code == 302
    assert response["Location"] == f"/care/{person.reference}/"
    assert "Huis B" in client.get(response["Location"]).content.decode()


def test_declining_needs_a_reason_that_the_asking_centre_reads(
    world: World, client_as: ClientAs, payoke: Shelter
) -> None:
    person, stay = woman_in_a_full_house(world)
    transfer = ask(world, person)

    with pytest.raises(DomainError) as refused:
        shelter_transfer_decline(
            actor=world.actor("caseworker_b"),
            transfer_id=transfer.pk,
            expected_version=transfer.version,
            reason=" ",
        )
    assert refused.value.field == "reason"
    response = client_as("caseworker_b").post(
        f"/care/transfers/{transfer.pk}/",
        {"answer": "decline", "reason": "No ground-floor room free.", "version": 1},
    )

    assert response.status_code == 302
    transfer.refresh_from_db()
    stay.refresh_from_db()
    assert (transfer.status, stay.departed_on) == (TransferStatus.DECLINED, None)
    page = client_as("caseworker_a").get(f"/care/transfers/{transfer.pk}/").content.decode()
    assert "No ground-floor room free." in page
    row = AuditEvent.objects.get(action="shelter_transfer_decline")
    assert "ground-floor" not in str(row.changes)


def test_an_answered_request_cannot_be_answered_again(world: World, payoke: Shelter) -> None:
    person, _stay = woman_in_a_full_house(world)
    transfer = ask(world, person)
    shelter_transfer_withdraw(
        actor=world.actor("caseworker_a"), transfer_id=transfer.pk, expected_version=1
    )

    with pytest.raises(Conflict, match="already been answered"):
        shelter_transfer_decline(
            actor=world.actor("caseworker_b"),
            transfer_id=transfer.pk,
            expected_version=2,
            reason="Too late",
        )
    with pytest.raises(Conflict, match="Reload"):
        shelter_transfer_decline(
            actor=world.actor("caseworker_b"),
            transfer_id=transfer.pk,
            expected_version=1,
            reason="Stale",
        )


def test_only_the_asking_centre_withdraws(world: World, payoke: Shelter) -> None:
    person, _stay = woman_in_a_full_house(world)
    transfer = ask(world, person)

    with pytest.raises(NotFound):
        shelter_transfer_withdraw(
            actor=world.actor("caseworker_b"), transfer_id=transfer.pk, expected_version=1
        )


def test_roles_without_care_neither_ask_nor_answer(world: World, payoke: Shelter) -> None:
    person, _stay = woman_in_a_full_house(world)
    world.involve(person, "prosecutor", Purpose.INVESTIGATION)
    transfer = ask(world, person)

    with pytest.raises(NotFound):
        shelter_transfer_request(
            actor=world.actor("prosecutor"),
            person=person,
            to_organisation_id=world.organisations["Payoke"].pk,
            place_type="WOMEN",
            wanted_from=today(),
        )
    with pytest.raises(NotFound):
        shelter_transfer_decline(
            actor=world.actor("analyst"), transfer_id=transfer.pk, expected_version=1, reason="x"
        )


def test_the_request_page_sends_and_the_care_page_lists_it(
    world: World, client_as: ClientAs, payoke: Shelter
) -> None:
    person, _stay = woman_in_a_full_house(world)
    client = client_as("caseworker_a")
    form_page = client.get(f"/care/{person.reference}/transfers/new/").content.decode()
    assert "Payoke (5 free)" in form_page

    response = client.post(
        f"/care/{person.reference}/transfers/new/",
        {
            "to_organisation": world.organisations["Payoke"].pk,
            "place_type": "WOMEN",
            "wanted_from": today().isoformat(),
            "message": MESSAGE,
        },
    )

    assert response.status_code == 302
    care_page = client.get(f"/care/{person.reference}/").content.decode()
    assert "Transfer requests to other centres" in care_page
    assert "Waiting for an answer" in care_page
    assert "is waiting for its answer" in care_page  # the button says why it is off


def test_the_api_lists_transfers_without_the_person_until_accepted(
    world: World, payoke: Shelter
) -> None:
    person, _stay = woman_in_a_full_house(world)
    transfer = ask(world, person)
    _token, plaintext = api_token_create(actor=world.actor("caseworker_b"), label="t", days=1)
    api = Client(headers={"Authorization": f"Bearer {plaintext}"})

    [waiting] = api.get("/api/v1/care/transfers").json()["received"]
    assert (waiting["id"], waiting["reference"], waiting["status"]) == (
        transfer.pk,
        None,
        "REQUESTED",
    )
    shelter_transfer_accept(
        actor=world.actor("caseworker_b"),
        transfer_id=transfer.pk,
        expected_version=transfer.version,
        shelter_id=payoke.pk,
        arrived_on=today(),
    )
    [accepted] = api.get("/api/v1/care/transfers").json()["received"]
    assert accepted["reference"] == person.reference
