"""/api/v1/referrals: per endpoint, it works, an outsider gets 404, a party that may not act
gets 403, bad input gets 400 naming the field, a wrong state gets 409, the audit row is
written; all in the API's one error shape."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from nrm.access.models import AuditEvent
from nrm.accounts.actions import api_token_create
from nrm.referrals.actions import referral_accept
from nrm.referrals.models import Referral, ReferralStatus
from nrm.referrals.tests.builders import refer
from nrm.testing import World

ClientAs = Callable[[str], Client]


def bearer(world: World, persona: str) -> Client:
    _token, plaintext = api_token_create(actor=world.actor(persona), label="case system", days=30)
    return Client(headers={"Authorization": f"Bearer {plaintext}"})


def post(client: Client, path: str, body: object) -> Any:
    return client.post(path, json.dumps(body), content_type="application/json")


def error_of(response: Any) -> dict[str, Any]:
    body: dict[str, Any] = response.json()
    assert set(body) == {"error"}
    return body["error"]  # type: ignore[no-any-return]


# List ----------------------------------------------------------------------------------


def test_the_list_gives_each_party_its_own_referrals(world: World) -> None:
    to_a = refer(world, now=timezone.now() - timedelta(hours=30))
    to_b = refer(world, "investigator", region=world.organisations["Payoke"].region)

    centre = bearer(world, "caseworker_a").get("/api/v1/referrals").json()["results"]
    inspection = bearer(world, "inspector").get("/api/v1/referrals?box=sent").json()["results"]
    outsider = bearer(world, "caseworker_minors").get("/api/v1/referrals").json()["results"]

    assert [r["reference"] for r in centre] == [to_a.reference]
    assert centre[0]["overdue"] is True
    assert centre[0]["referred_organisation"]["name"] == "PAG-ASA"
    assert [r["reference"] for r in inspection] == [to_a.reference]
    assert outsider == []
    assert to_b.reference not in json.dumps(centre)
    row = AuditEvent.objects.filter(action="api_referral_list").first()
    assert row is not None
    assert row.changes is not None
    assert row.changes["referrals"] == [to_a.reference]


def test_the_list_filters_by_state(world: World) -> None:
    late = refer(world, now=timezone.now() - timedelta(hours=30))
    refer(world)

    overdue = bearer(world, "caseworker_a").get("/api/v1/referrals?state=overdue").json()

    assert [r["reference"] for r in overdue["results"]] == [late.reference]


def test_a_bad_list_filter_is_a_400(world: World) -> None:
    response = bearer(world, "caseworker_a").get("/api/v1/referrals?state=lost")

    assert response.status_code == 400
    assert error_of(response)["field"] == "state"


def test_the_list_needs_authentication(db: None) -> None:
    response = Client().get("/api/v1/referrals")

    assert response.status_code == 401
    assert error_of(response)["code"] == "unauthenticated"


@pytest.mark.parametrize("count", [1, 10])
def test_the_list_makes_the_same_few_queries_however_many_referrals(
    world: World, django_assert_num_queries: DjangoAssertNumQueries, count: int
) -> None:
    for _ in range(count):
        refer(world)
    client = bearer(world, "caseworker_a")

    # Token (with membership, user and organisation). Both boxes in one page query. The
    # audit row: savepoint, chain head, insert, head update, release.
    with django_assert_num_queries(7):
        response = client.get("/api/v1/referrals")

    assert len(response.json()["results"]) == count


# Create --------------------------------------------------------------------------------


def test_a_referral_is_created_and_routed(world: World) -> None:
    person = world.person("inspector")

    response = post(
        bearer(world, "inspector"),
        "/api/v1/referrals",
        {
            "person": person.reference,
            "reason": "AdditionalServicesRequired",
            "details": "Site.",
            "consent": {"language": "ro"},
        },
    )

    assert response.status_code == 201
    body = response.json()
    assert body["referred_organisation"]["name"] == "PAG-ASA"
    assert body["status"] == "PENDING"
    assert body["routed"] is True
    assert body["htcds"]["cas_ReferringOrganisation"] == "ECOSOC team Brussels"
    assert body["htcds"]["cas_ReasonForOutgoingReferral"] == "AdditionalServicesRequired"
    assert body["htcds"]["cas_IncomingReferralDetails"] == "Site."
    assert {t["name"]: t["allowed"] for t in body["transitions"]} == {
        "accept": False,
        "decline": False,
        "withdraw": True,
    }
    assert AuditEvent.objects.filter(action="referral_create").count() == 1


def test_a_referral_to_a_chosen_centre_by_id(world: World) -> None:
    person = world.person("inspector", age_at_first_contact=15, first_contact_on=None)

    response = post(
        bearer(world, "inspector"),
        "/api/v1/referrals",
        {
            "person": person.reference,
            "reason": "Other",
            "region": "WAL",
            "centre": world.organisations["Esperanto"].pk,
        },
    )

    assert response.status_code == 201
    assert response.json()["referred_organisation"]["name"] == "Esperanto"


@pytest.mark.parametrize("reference", ["P-ZZZZ-ZZZZ", "__payoke__"])
def test_an_outsider_cannot_refer_a_person_it_does_not_see(world: World, reference: str) -> None:
    if reference == "__payoke__":
        reference = world.person("caseworker_b").reference

    response = post(
        bearer(world, "inspector"),
        "/api/v1/referrals",
        {"person": reference, "reason": "AdditionalServicesRequired"},
    )

    assert response.status_code == 404
    assert error_of(response) == {"code": "not_found", "message": "No such person."}
    assert not Referral.objects.exists()


def test_a_role_that_does_not_refer_gets_403(world: World) -> None:
    person = world.person("inspector")
    world.involve(person, "prosecutor", "INVESTIGATION")

    response = post(
        bearer(world, "prosecutor"),
        "/api/v1/referrals",
        {"person": person.reference, "reason": "AdditionalServicesRequired"},
    )

    assert response.status_code == 403
    assert error_of(response)["code"] == "forbidden"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"reason": 3}, "reason"),
        ({"reason": ""}, "reason"),
        ({"reason": "Whim"}, "reason"),
        ({"details": ["a"]}, "details"),
        ({"presumed_minor": "yes"}, "presumed_minor"),
        ({"region": "XXX"}, "region"),
        ({"centre": "PAG-ASA"}, "centre"),
        ({"centre": 999999}, "centre"),
        ({"centre": "__immigration__"}, "centre"),
        ({"referred_on": "01/02/2025"}, "referred_on"),
        ({"referred_on": "2025-02-30"}, "referred_on"),
        ({"source": "POLICE"}, "source"),
        ({"person": 12}, "person"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(
    world: World, body: dict[str, Any], field: str
) -> None:
    person = world.person("inspector")
    full: dict[str, Any] = {"person": person.reference, "reason": "AdditionalServicesRequired"}
    full.update(body)
    if full.get("centre") == "__immigration__":
        full["centre"] = world.organisations["Immigration Office"].pk

    response = post(bearer(world, "inspector"), "/api/v1/referrals", full)

    assert response.status_code == 400
    assert error_of(response)["field"] == field
    assert not Referral.objects.exists()


@pytest.mark.parametrize(
    ("raw", "code"),
    [(b"not json", "malformed_json"), (b"[1, 2]", "invalid"), (b"\xff", "invalid")],
)
def test_a_body_that_is_not_a_json_object_is_a_400(world: World, raw: bytes, code: str) -> None:
    response = bearer(world, "inspector").post(
        "/api/v1/referrals", raw, content_type="application/json"
    )

    assert response.status_code == 400
    assert error_of(response)["code"] == code


def test_a_duplicate_referral_is_a_409(world: World) -> None:
    person = world.person("inspector")
    refer(world, person=person)

    response = post(
        bearer(world, "inspector"),
        "/api/v1/referrals",
        {"person": person.reference, "reason": "AdditionalServicesRequired"},
    )

    assert response.status_code == 409
    assert error_of(response)["code"] == "conflict"


# One referral --------------------------------------------------------------------------


def test_one_referral_is_shown_to_its_parties_and_the_read_audited(world: World) -> None:
    referral = refer(world)

    for persona in ("inspector", "caseworker_a"):
        response = bearer(world, persona).get(f"/api/v1/referrals/{referral.reference}")
        assert response.status_code == 200
        assert response.json()["person"] == referral.person.reference
    assert AuditEvent.objects.filter(action="api_referral_view").count() == 2


@pytest.mark.parametrize("persona", ["caseworker_b", "investigator", "prosecutor", "admin"])
def test_one_referral_is_not_found_for_anyone_else(world: World, persona: str) -> None:
    referral = refer(world)

    response = bearer(world, persona).get(f"/api/v1/referrals/{referral.reference}")
    missing = bearer(world, persona).get("/api/v1/referrals/R-ZZZZ-ZZZZ")

    assert response.status_code == missing.status_code == 404
    assert error_of(response) == error_of(missing)


# Decisions -----------------------------------------------------------------------------


def test_the_centre_accepts_through_the_api(world: World) -> None:
    referral = refer(world)

    response = post(
        bearer(world, "caseworker_a"),
        f"/api/v1/referrals/{referral.reference}/accept",
        {"version": 1},
    )

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ACCEPTED"
    assert body["version"] == 2
    assert body["pathway_event_recorded"] is True
    assert body["htcds"]["cas_ReferredPrimaryCaseWorker"] == "Caseworker_A Tester"
    assert AuditEvent.objects.filter(action="referral_accept").count() == 1


def test_the_centre_declines_through_the_api_with_a_reason(world: World) -> None:
    referral = refer(world)

    response = post(
        bearer(world, "director_a"),
        f"/api/v1/referrals/{referral.reference}/decline",
        {"version": 1, "reason": "No place."},
    )

    assert response.status_code == 200
    assert response.json()["decision_reason"] == "No place."
    assert AuditEvent.objects.filter(action="referral_decline").count() == 1


def test_declining_without_a_reason_is_a_400(world: World) -> None:
    referral = refer(world)

    response = post(
        bearer(world, "caseworker_a"),
        f"/api/v1/referrals/{referral.reference}/decline",
        {"version": 1},
    )

    assert response.status_code == 400
    assert error_of(response) == {
        "code": "invalid",
        "message": "Say why your centre declines this referral.",
        "field": "reason",
    }


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "expected_version"),
        ({"expected_version": "1"}, "expected_version"),
        ({"expected_version": True}, "expected_version"),
        ({"expected_version": -1}, "expected_version"),
        ({"version": "1"}, "version"),
        ({"version": True}, "version"),
    ],
)
def test_a_decision_without_a_whole_number_version_is_a_400(
    world: World, body: dict[str, Any], field: str
) -> None:
    referral = refer(world)

    response = post(
        bearer(world, "caseworker_a"), f"/api/v1/referrals/{referral.reference}/accept", body
    )

    assert response.status_code == 400
    assert error_of(response)["field"] == field
    referral.refresh_from_db()
    assert referral.status == "PENDING"


@pytest.mark.parametrize("name", ["expected_version", "version"])
def test_a_decision_takes_expected_version_and_the_deprecated_version(
    world: World, name: str
) -> None:
    referral = refer(world)

    stale = post(
        bearer(world, "caseworker_a"),
        f"/api/v1/referrals/{referral.reference}/accept",
        {name: 0},
    )
    accepted = post(
        bearer(world, "caseworker_a"),
        f"/api/v1/referrals/{referral.reference}/accept",
        {name: 1},
    )

    assert stale.status_code == 409
    assert accepted.status_code == 200
    assert accepted.json()["status"] == "ACCEPTED"
    assert accepted.json()["version"] == 2


@pytest.mark.parametrize(
    ("persona", "action", "status"),
    [
        ("inspector", "accept", 403),
        ("inspector", "decline", 403),
        ("caseworker_a", "withdraw", 403),
        ("caseworker_b", "accept", 404),
        ("investigator", "withdraw", 404),
    ],
)
def test_decisions_are_refused_to_everyone_but_the_right_party(
    world: World, persona: str, action: str, status: int
) -> None:
    referral = refer(world)

    response = post(
        bearer(world, persona),
        f"/api/v1/referrals/{referral.reference}/{action}",
        {"version": 1, "reason": "Because."},
    )

    assert response.status_code == status
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.PENDING


def test_the_referrer_withdraws_through_the_api(world: World) -> None:
    referral = refer(world)

    response = post(
        bearer(world, "inspector"),
        f"/api/v1/referrals/{referral.reference}/withdraw",
        {"version": 1},
    )

    assert response.status_code == 200
    assert response.json()["status"] == "WITHDRAWN"


def test_a_decision_in_the_wrong_state_or_on_a_stale_version_is_a_409(world: World) -> None:
    referral = refer(world)
    referral_accept(actor=world.actor("director_a"), referral=referral, expected_version=1)
    client = bearer(world, "caseworker_a")

    stale = post(
        client, f"/api/v1/referrals/{referral.reference}/decline", {"version": 1, "reason": "x"}
    )
    decided = post(
        client, f"/api/v1/referrals/{referral.reference}/decline", {"version": 2, "reason": "x"}
    )

    assert stale.status_code == decided.status_code == 409
    assert error_of(stale)["message"] == (
        "Someone else acted on this referral meanwhile. Reload the page and try again."
    )
    assert error_of(decided)["message"] == "This referral has already been accepted."


def test_decisions_answer_only_to_post(world: World) -> None:
    referral = refer(world)

    response = bearer(world, "caseworker_a").get(f"/api/v1/referrals/{referral.reference}/accept")

    assert response.status_code == 405


def test_the_openapi_document_describes_the_referral_endpoints(db: None) -> None:
    paths = Client().get("/api/v1/openapi.json").json()["paths"]

    assert {
        "/api/v1/referrals",
        "/api/v1/referrals/{reference}",
        "/api/v1/referrals/{reference}/accept",
        "/api/v1/referrals/{reference}/decline",
        "/api/v1/referrals/{reference}/withdraw",
    } <= set(paths)
