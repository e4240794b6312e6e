"""/api/v1/care: the caller's own centre only, one error shape, every read audited."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from nrm.access.models import AuditEvent, AuditEventType, Purpose
from nrm.accounts.actions import api_token_create
from nrm.care.actions import placement_end, support_plan_close, support_plan_create
from nrm.care.models import DepartureReason
from nrm.care.tests.setup import cared_person, days_ago, house, place, today
from nrm.testing import World

ClientAs = Callable[[str], Client]


def bearer(world: World, persona: str) -> Client:
    _token, secret = api_token_create(actor=world.actor(persona), label="case system", days=30)
    return Client(headers={"Authorization": f"Bearer {secret}"})


def error_of(response: Any) -> dict[str, Any]:
    body: dict[str, Any] = response.json()
    assert set(body) == {"error"}
    return body["error"]  # type: ignore[no-any-return]


# Occupancy ------------------------------------------------------------------------------


def test_occupancy_answers_places_taken_and_free(world: World) -> None:
    shelter = house(world, women=3, men=2)
    place(world, cared_person(world), shelter)

    response = bearer(world, "caseworker_a").get("/api/v1/care/occupancy")

    assert response.status_code == 200
    assert response.json() == {
        "shelters": [
            {
                "id": shelter.pk,
                "name": "House A",
                "places": [
                    {"place_type": "WOMEN", "capacity": 3, "occupied": 1, "free": 2},
                    {"place_type": "MEN", "capacity": 2, "occupied": 0, "free": 2},
                ],
                "capacity": 5,
                "occupied": 1,
                "free": 4,
            }
        ]
    }


def test_occupancy_on_a_given_day(world: World, client_as: ClientAs) -> None:
    shelter = house(world, women=3)
    place(world, cared_person(world), shelter, arrived_on=days_ago(3))
    client = client_as("director_a")

    then = client.get("/api/v1/care/occupancy", {"on": days_ago(5).isoformat()}).json()
    now = client.get("/api/v1/care/occupancy").json()

    assert (then["shelters"][0]["occupied"], now["shelters"][0]["occupied"]) == (0, 1)


def test_another_centre_gets_its_own_empty_occupancy(world: World) -> None:
    house(world, women=3)

    assert bearer(world, "caseworker_b").get("/api/v1/care/occupancy").json() == {"shelters": []}


@pytest.mark.parametrize("persona", ["prosecutor", "immigration", "analyst", "admin"])
def test_occupancy_is_refused_to_roles_without_care(world: World, persona: str) -> None:
    house(world, women=3)

    response = bearer(world, persona).get("/api/v1/care/occupancy")

    assert response.status_code == 403
    assert error_of(response)["code"] == "forbidden"


@pytest.mark.parametrize("value", ["tomorrow", "2025-02-30", "20250101"])
def test_a_bad_day_gets_400_naming_the_parameter(world: World, value: str) -> None:
    response = bearer(world, "caseworker_a").get("/api/v1/care/occupancy", {"on": value})

    assert response.status_code == 400
    assert error_of(response) == {
        "code": "invalid",
        "message": "Must be a date (YYYY-MM-DD).",
        "field": "on",
    }


def test_the_care_endpoints_only_read(world: World, client_as: ClientAs) -> None:
    person = cared_person(world)
    client = bearer(world, "caseworker_a")

    for url in (
        "/api/v1/care/occupancy",
        f"/api/v1/care/persons/{person.reference}/placements",
        f"/api/v1/care/persons/{person.reference}/plan",
    ):
        response = client.post(url, "{}", content_type="application/json")
        assert response.status_code == 405, url
        assert error_of(response)["code"] == "method_not_allowed"


def test_unauthenticated_callers_get_401(db: None) -> None:
    response = Client().get("/api/v1/care/occupancy")

    assert response.status_code == 401
    assert error_of(response)["code"] == "unauthenticated"


# A person's placements and plan ---------------------------------------------------------


def test_a_persons_placements_newest_first(world: World) -> None:
    person = cared_person(world)
    shelter = house(world, women=2)
    first = place(world, person, shelter, arrived_on=days_ago(30))
    placement_end(
        actor=world.actor("caseworker_a"),
        placement_id=first.pk,
        departed_on=days_ago(20),
        reason=DepartureReason.LEFT_WITHOUT_NOTICE,
    )
    second = place(world, person, shelter, arrived_on=days_ago(5))

    response = bearer(world, "caseworker_a").get(
        f"/api/v1/care/persons/{person.reference}/placements"
    )

    assert response.status_code == 200
    assert response.json() == {
        "reference": person.reference,
        "placements": [
            {
                "id": second.pk,
                "shelter": {"id": shelter.pk, "name": "House A"},
                "place_type": "WOMEN",
                "arrived_on": days_ago(5).isoformat(),
                "departed_on": None,
                "departure_reason": None,
                "with_family": False,
                "misfits": [],
                "fit_reason": None,
            },
            {
                "id": first.pk,
                "shelter": {"id": shelter.pk, "name": "House A"},
                "place_type": "WOMEN",
                "arrived_on": days_ago(30).isoformat(),
                "departed_on": days_ago(20).isoformat(),
                "departure_reason": "LEFT_WITHOUT_NOTICE",
                "with_family": False,
                "misfits": [],
                "fit_reason": None,
            },
        ],
    }
    row = AuditEvent.objects.get(action="api_care_placements_view")
    assert (row.event_type, row.purpose) == (AuditEventType.READ, Purpose.CARE)
    assert (row.record_type, row.record_id) == ("care.carefile", str(person.pk))
    assert row.changes == {"reference": person.reference, "placements": [second.pk, first.pk]}


def test_a_persons_plan_with_htcds_field_names(world: World) -> None:
    person = cared_person(world)
    old = support_plan_create(
        actor=world.actor("caseworker_a"),
        person=person,
        types=["Health"],
        objectives="Rest.",
        started_on=days_ago(60),
    )
    support_plan_close(
        actor=world.actor("caseworker_a"),
        plan_id=old.pk,
        expected_version=1,
        status="COMPLETED",
        actual_end_on=days_ago(10),
    )
    plan = support_plan_create(
        actor=world.actor("caseworker_a"),
        person=person,
        types=["Legal", "Livelihood"],
        objectives="Work and a hearing.",
        started_on=days_ago(9),
    )

    body = bearer(world, "director_a").get(f"/api/v1/care/persons/{person.reference}/plan").json()

    assert body["plan"] == {
        "id": plan.pk,
        "spl_Type": ["Legal", "Livelihood"],
        "spl_Objectives": "Work and a hearing.",
        "spl_ActionPlan": "",
        "started_on": days_ago(9).isoformat(),
        "spl_PlannedEndDate": None,
        "spl_ActualEndDate": None,
        "status": "ACTIVE",
        "version": 1,
        "services": [],
    }
    assert [p["id"] for p in body["closed_plans"]] == [old.pk]
    assert body["closed_plans"][0]["spl_ActualEndDate"] == days_ago(10).isoformat()
    assert AuditEvent.objects.filter(action="api_care_plan_view").count() == 1


def test_no_plan_yet_is_null(world: World) -> None:
    person = cared_person(world)

    body = bearer(world, "caseworker_a").get(f"/api/v1/care/persons/{person.reference}/plan")

    assert body.json() == {"reference": person.reference, "plan": None, "closed_plans": []}


@pytest.mark.parametrize(
    "persona", ["caseworker_b", "prosecutor", "immigration", "inspector", "analyst", "admin"]
)
def test_outsiders_get_the_same_404_as_for_a_missing_person(world: World, persona: str) -> None:
    person = cared_person(world)
    world.involve(person, "prosecutor", Purpose.INVESTIGATION)
    place(world, person, house(world, women=1))
    client = bearer(world, persona)
    reads = AuditEvent.objects.filter(event_type=AuditEventType.READ).count()

    for suffix in ("placements", "plan"):
        seen = client.get(f"/api/v1/care/persons/{person.reference}/{suffix}")
        missing = client.get(f"/api/v1/care/persons/P-ZZZZ-ZZZZ/{suffix}")
        assert seen.status_code == missing.status_code == 404
        assert error_of(seen) == error_of(missing)
    assert AuditEvent.objects.filter(event_type=AuditEventType.READ).count() == reads


def test_the_openapi_document_describes_the_care_endpoints(client: Client) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]

    assert set(paths["/api/v1/care/occupancy"]) == {"get"}
    assert "404" in paths["/api/v1/care/persons/{reference}/placements"]["get"]["responses"]
    assert "404" in paths["/api/v1/care/persons/{reference}/plan"]["get"]["responses"]


@pytest.mark.parametrize("count", [1, 8])
def test_occupancy_makes_the_same_few_queries_however_many_shelters(
    world: World, django_assert_num_queries: DjangoAssertNumQueries, count: int
) -> None:
    for index in range(count):
        shelter = house(world, name=f"House {index}", women=2, men=2)
        place(world, cared_person(world), shelter)
    client = bearer(world, "caseworker_a")

    # The token and its membership; shelters, their places, the placements counted.
    with django_assert_num_queries(4):
        response = client.get("/api/v1/care/occupancy", {"on": today().isoformat()})

    assert len(response.json()["shelters"]) == count
