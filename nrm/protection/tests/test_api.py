"""/api/v1/persons/<ref>/pathway, .../pathway/events and /api/v1/pathway/simulate: the
same rules and audit as the pages, in the API's one error shape."""

from __future__ import annotations

import json
from collections.abc import Callable
from io import StringIO
from typing import Any

import pytest
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from nrm.access.models import AuditEvent
from nrm.accounts.actions import api_token_create
from nrm.pathway.cli import main as simulate_cli
from nrm.protection.models import StatusEvent
from nrm.testing import World

from .support import PROVISIONAL, REFLECTION, TEMPORARY, involved_person, version_of, walk

ClientAs = Callable[[str], Client]

# CONTRACTS.md §2, the input example.
CONTRACT_SAMPLE: dict[str, Any] = {
    "person": {"age_at_identification": 29, "unaccompanied_minor": False, "has_legal_stay": False},
    "events": [
        {"date": "2025-01-10", "type": "REFERRED"},
        {"date": "2025-01-10", "type": "REFLECTION_DOCUMENT_ISSUED"},
        {"date": "2025-02-01", "type": "COMPLAINT_FILED"},
        {"date": "2025-02-01", "type": "PROVISIONAL_DOCUMENT_ISSUED"},
        {"date": "2025-04-15", "type": "PROSECUTOR_OPINION", "positive": True},
        {"date": "2025-04-15", "type": "TEMPORARY_PERMIT_ISSUED"},
    ],
}


def bearer(world: World, persona: str) -> Client:
    _token, plaintext = api_token_create(actor=world.actor(persona), label="system", days=30)
    return Client(headers={"Authorization": f"Bearer {plaintext}"})


def post_json(client: Client, path: str, body: object) -> Any:
    return client.post(path, json.dumps(body), content_type="application/json")


def error_of(response: Any) -> dict[str, Any]:
    body: dict[str, Any] = response.json()
    assert set(body) == {"error"}
    return body["error"]  # type: ignore[no-any-return]


def events_path(reference: str) -> str:
    return f"/api/v1/persons/{reference}/pathway/events"


# Reading ------------------------------------------------------------------------------------


def test_it_returns_the_pathway_with_what_the_caller_may_record(world: World) -> None:
    person = involved_person(world)
    walk(world, person, REFLECTION)

    response = bearer(world, "immigration").get(f"/api/v1/persons/{person.reference}/pathway")

    assert response.status_code == 200
    body = response.json()
    assert {k: body[k] for k in ("reference", "jurisdiction", "state", "version")} == {
        "reference": person.reference,
        "jurisdiction": "BE",
        "state": "REFLECTION",
        "version": 2,
    }
    assert body["facts"] == {
        "unaccompanied_minor": False,
        "has_legal_stay": False,
        "age_at_identification": 31,
    }
    assert body["history"][1] == {
        "state": "REFLECTION",
        "from": "2024-01-10",
        "until": None,
        "decided_by": "IMMIGRATION_OFFICE",
        "event": "REFLECTION_DOCUMENT_ISSUED",
        "legal_basis": {
            "text": body["history"][1]["legal_basis"]["text"],
            "sources": [
                {"key": "MYRIA-STATUT", "tag": "V"},
                {"key": "WZP", "tag": "V"},
                {"key": "DROITSQ", "tag": "V"},
            ],
            "tag": "V",
        },
    }
    assert body["events"][0] == {
        "sequence": 1,
        "type": "REFERRED",
        "date": "2024-01-10",
        "recorded_by": "PAG-ASA",
    }
    assert body["deadlines"] == [
        {
            "kind": "REFLECTION_END",
            "due": "2024-02-24",
            "overdue": True,
            "responsible": "IMMIGRATION_OFFICE",
            "organisation": "Immigration Office",
            "action": body["deadlines"][0]["action"],
            "product_default": False,
        }
    ]
    available = {item["type"]: item for item in body["available_events"]}
    assert available["STATUS_END_DECIDED"] == {
        "type": "STATUS_END_DECIDED",
        "label": "End of status decided",
        "allowed": True,
    }
    assert available["PROVISIONAL_DOCUMENT_ISSUED"]["allowed"] is False
    assert "needs a complaint" in available["PROVISIONAL_DOCUMENT_ISSUED"]["reason"]
    assert "PROSECUTOR_OPINION" not in available  # another organisation's decision
    assert AuditEvent.objects.filter(action="pathway_view").count() == 1


def test_an_outsider_gets_404_shaped_like_does_not_exist(world: World) -> None:
    person = involved_person(world)
    client = bearer(world, "caseworker_b")

    hidden = client.get(f"/api/v1/persons/{person.reference}/pathway")
    missing = client.get("/api/v1/persons/P-NONE-XIST/pathway")

    assert hidden.status_code == missing.status_code == 404
    assert (
        error_of(hidden)
        == error_of(missing)
        == {
            "code": "not_found",
            "message": "No such person.",
        }
    )
    # A bad body is refused by its schema before any record is read: the same answer for a
    # person the caller may not see and one that does not exist, so nothing is revealed.
    refused = post_json(client, events_path(person.reference), {"type": "bad"})
    unknown = post_json(client, events_path("P-NONE-XIST"), {"type": "bad"})
    assert refused.status_code == unknown.status_code == 400
    assert error_of(refused) == error_of(unknown)
    valid = {"type": "COMPLAINT_FILED", "date": "2024-04-15", "expected_version": 0}
    assert post_json(client, events_path(person.reference), valid).status_code == 404


def test_without_authentication_it_is_401(world: World) -> None:
    person = involved_person(world)

    assert Client().get(f"/api/v1/persons/{person.reference}/pathway").status_code == 401


@pytest.mark.parametrize("count", [1, 6])
def test_reading_makes_the_same_few_queries_however_long_the_history(
    world: World, django_assert_num_queries: DjangoAssertNumQueries, count: int
) -> None:
    person = involved_person(world)
    walk(world, person, TEMPORARY[:count])
    client = bearer(world, "immigration")

    # The token; the person, the involvement, the audit row (savepoint, chain head, insert,
    # head update, release); the pathway, its events, its deadlines, guardians, requests;
    # the involvement behind the choices offered (nrm.protection.queries._choices).
    with django_assert_num_queries(14):
        response = client.get(f"/api/v1/persons/{person.reference}/pathway")

    assert response.status_code == 200


# Recording ----------------------------------------------------------------------------------


@pytest.mark.parametrize("how", ["token", "session"])
def test_it_records_an_event_and_returns_the_new_pathway(
    world: World, client_as: ClientAs, how: str
) -> None:
    person = involved_person(world)
    walk(world, person, PROVISIONAL)
    client = bearer(world, "prosecutor") if how == "token" else client_as("prosecutor")
    if how == "session":
        client.handler.enforce_csrf_checks = False

    response = post_json(
        client,
        events_path(person.reference),
        {
            "type": "PROSECUTOR_OPINION",
            "date": "2024-04-15",
            "expected_version": 4,
            "positive": True,
            "note": "Victim status confirmed in the case file.",
        },
    )

    assert response.status_code == 201
    body = response.json()
    assert body["version"] == 5
    assert body["events"][-1] == {
        "sequence": 5,
        "type": "PROSECUTOR_OPINION",
        "date": "2024-04-15",
        "recorded_by": "Auditorate Brussels",
        "positive": True,
        "note": "Victim status confirmed in the case file.",
    }
    assert AuditEvent.objects.filter(action="pathway_event_record").count() == 5


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ("not an object", None),
        ({"date": "2024-04-15", "expected_version": 4}, "type"),
        ({"type": "COMPLAINT_FILED", "date": "15/04/2024", "expected_version": 4}, "date"),
        ({"type": "COMPLAINT_FILED", "date": "2024-02-30", "expected_version": 4}, "date"),
        ({"type": "COMPLAINT_FILED", "date": "2024-04-15"}, "expected_version"),
        (
            {"type": "COMPLAINT_FILED", "date": "2024-04-15", "expected_version": "4"},
            "expected_version",
        ),
        ({"type": "PROSECUTOR_OPINION", "date": "2024-04-15", "expected_version": 4}, "positive"),
        (
            {
                "type": "PROSECUTOR_OPINION",
                "date": "2024-04-15",
                "expected_version": 4,
                "positive": 1,
            },
            "positive",
        ),
        ({"type": "COMPLAINT_FILED", "date": "2999-01-01", "expected_version": 4}, "date"),
        ({"type": "COMPLAINT_FILED", "date": "2024-04-15", "expected_version": 4, "x": 1}, "x"),
        ({"type": "NOT_AN_EVENT", "date": "2024-04-15", "expected_version": 4}, "type"),
    ],
)
def test_bad_input_gets_400_naming_the_field(world: World, body: object, field: str | None) -> None:
    person = involved_person(world)
    walk(world, person, PROVISIONAL)

    response = post_json(bearer(world, "prosecutor"), events_path(person.reference), body)

    assert response.status_code == 400
    assert error_of(response).get("field") == field
    assert version_of(person) == 4


def test_malformed_json_gets_400(world: World) -> None:
    person = involved_person(world)

    response = bearer(world, "caseworker_a").post(
        events_path(person.reference), b"{", content_type="application/json"
    )

    assert response.status_code == 400
    assert error_of(response)["code"] == "malformed_json"


def test_another_organisations_decision_gets_403(world: World) -> None:
    person = involved_person(world)
    walk(world, person, PROVISIONAL)

    response = post_json(
        bearer(world, "caseworker_a"),
        events_path(person.reference),
        {"type": "TEMPORARY_PERMIT_ISSUED", "date": "2024-04-15", "expected_version": 4},
    )

    assert response.status_code == 403
    assert error_of(response) == {
        "code": "forbidden",
        "message": "Your organisation does not take this decision.",
    }


def test_a_decision_out_of_order_gets_409_with_the_reason(world: World) -> None:
    person = involved_person(world)
    walk(world, person, PROVISIONAL)

    response = post_json(
        bearer(world, "immigration"),
        events_path(person.reference),
        {"type": "TEMPORARY_PERMIT_ISSUED", "date": "2024-04-15", "expected_version": 4},
    )

    assert response.status_code == 409
    assert error_of(response) == {
        "code": "conflict",
        "message": (
            "No opinion of the prosecutor or labour auditor has been recorded; the temporary "
            "permit needs a positive one."
        ),
    }
    assert not StatusEvent.objects.filter(type="TEMPORARY_PERMIT_ISSUED").exists()


def test_only_get_reads_and_only_post_records(world: World) -> None:
    person = involved_person(world)
    client = bearer(world, "immigration")

    assert client.post(f"/api/v1/persons/{person.reference}/pathway").status_code == 405
    assert client.get(events_path(person.reference)).status_code == 405
    assert client.get("/api/v1/pathway/simulate").status_code == 405


# Simulation ---------------------------------------------------------------------------------


def test_simulate_gives_exactly_what_the_cli_gives(world: World, tmp_path: Any) -> None:
    path = tmp_path / "events.json"
    path.write_text(json.dumps(CONTRACT_SAMPLE))
    out = StringIO()
    assert simulate_cli(["simulate", str(path), "--json", "--as-of", "2025-11-01"], stdout=out) == 0

    response = post_json(
        bearer(world, "analyst"), "/api/v1/pathway/simulate?as_of=2025-11-01", CONTRACT_SAMPLE
    )

    assert response.status_code == 200
    assert response.json() == json.loads(out.getvalue())
    assert response.json()["state"] == "TEMPORARY_STAY"
    assert response.json()["deadlines"][0]["overdue"] is True
    assert not AuditEvent.objects.filter(action__startswith="pathway").exists()


def test_simulate_runs_the_danish_path(world: World) -> None:
    body = {
        "person": {"has_legal_stay": False},
        "events": [
            {"date": "2025-03-01", "type": "IDENTIFIED"},
            {"date": "2025-03-02", "type": "REFLECTION_STARTED"},
        ],
    }

    response = post_json(
        bearer(world, "immigration"), "/api/v1/pathway/simulate?jurisdiction=DK", body
    )

    assert response.json()["deadlines"][0]["due"] == "2025-04-01"


@pytest.mark.parametrize(
    ("query", "body", "field"),
    [
        ("?jurisdiction=FI", CONTRACT_SAMPLE, "jurisdiction"),
        ("?as_of=yesterday", CONTRACT_SAMPLE, "as_of"),
        (
            "",
            {"person": {}, "events": [{"date": "2025-13-01", "type": "REFERRED"}]},
            "/events/0/date",
        ),
        (
            "",
            {"person": {}, "events": [{"date": "2025-01-01", "type": "IDENTIFIED"}]},
            "/events/0/type",
        ),
        ("", {"events": []}, "/person"),
    ],
)
def test_simulate_refuses_bad_input_with_the_path(
    world: World, query: str, body: object, field: str
) -> None:
    response = post_json(bearer(world, "immigration"), f"/api/v1/pathway/simulate{query}", body)

    assert response.status_code == 400
    assert error_of(response)["field"] == field


def test_the_openapi_document_describes_the_pathway_endpoints(client: Client) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]

    assert set(paths["/api/v1/persons/{reference}/pathway"]) == {"get"}
    assert set(paths["/api/v1/persons/{reference}/pathway/events"]["post"]["responses"]) == {
        "201",
        "400",
        "401",
        "403",
        "404",
        "409",
    }
    assert "/api/v1/pathway/simulate" in paths
