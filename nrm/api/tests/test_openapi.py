"""/api/v1 as a whole: the generated document covers every served operation, lists walk by
cursor to the end, and every refusal has the one error shape.

The served operations are found without the document: each URL pattern under /api/v1 is
asked with a method nobody serves, and its 405's `Allow` header names what it does serve.
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from typing import Any

import jsonschema
import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from nrm.accounts.actions import api_token_create
from nrm.people.models import Person
from nrm.testing import World

API_PREFIX = "api/v1/"
NOT_SERVED = "PURGE"


def bearer(world: World, persona: str) -> Client:
    _token, plaintext = api_token_create(actor=world.actor(persona), label="test", days=1)
    return Client(headers={"Authorization": f"Bearer {plaintext}"})


def _api_routes() -> list[str]:
    """Every URL pattern mounted under /api/v1/, as an OpenAPI path template."""
    routes: list[str] = []

    def walk(patterns: list[Any], prefix: str) -> None:
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern) and route.startswith(API_PREFIX):
                routes.append(route)

    walk(get_resolver().url_patterns, "")
    return [
        "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route)
        for route in routes
        if route not in {API_PREFIX, API_PREFIX + "openapi.json"}  # ninja's root; the document
    ]


def _served_methods(client: Client, template: str) -> set[str]:
    url = re.sub(r"{(\w+)}", lambda m: "1" if m.group(1) in {"pk", "id"} else "X", template)
    response = client.generic(NOT_SERVED, url)
    assert response.status_code == 405, f"{template} answered {response.status_code}"
    assert response.json()["error"]["code"] == "method_not_allowed"
    return {m.strip().lower() for m in response["Allow"].split(",")}


def test_every_served_operation_is_in_the_generated_document(db: None) -> None:
    client = Client()
    document = client.get("/api/v1/openapi.json").json()
    routes = _api_routes()

    assert document["openapi"] == "3.1.0"
    assert len(routes) > 40  # the walk found the API, not nothing
    served = {route: _served_methods(client, route) for route in routes}
    undocumented = [
        f"{method.upper()} {route}"
        for route, methods in served.items()
        for method in methods
        if method not in document["paths"].get(route, {})
    ]
    # And the other way: a documented operation no URL pattern reaches (a path declared by
    # two routers is served by the first one only).
    unserved = [
        f"{method.upper()} {route}"
        for route, item in document["paths"].items()
        for method in item
        if method not in served.get(route, set())
    ]
    assert undocumented == []
    assert unserved == []
    assert "post" in document["paths"]["/api/v1/qualify"]


def test_every_documented_operation_names_its_refusals_and_is_described(db: None) -> None:
    document = Client().get("/api/v1/openapi.json").json()
    operations = [
        (route, method, operation)
        for route, item in document["paths"].items()
        for method, operation in item.items()
    ]

    for route, method, operation in operations:
        where = f"{method.upper()} {route}"
        assert operation.get("description") or operation.get("summary"), where
        if route != "/api/v1/schemas/{name}.json":
            assert "401" in operation["responses"], where
            assert operation.get("security"), where
    assert len({op["operationId"] for _r, _m, op in operations}) == len(operations)


def test_the_error_shape_is_one_documented_schema(db: None) -> None:
    components = Client().get("/api/v1/openapi.json").json()["components"]

    assert components["schemas"]["ErrorOut"]["required"] == ["error"]
    assert set(components["schemas"]["ErrorDetail"]["required"]) == {"code", "message"}
    assert {"BearerToken", "SessionActor"} <= set(components["securitySchemes"])


# Pagination -----------------------------------------------------------------------------


def _walk(client: Client, url: str, limit: int) -> tuple[list[str], int]:
    seen: list[str] = []
    pages = 0
    cursor: str | None = None
    while True:
        query: dict[str, Any] = {"limit": limit, **({"cursor": cursor} if cursor else {})}
        response = client.get(url, query)
        assert response.status_code == 200, response.content
        body = response.json()
        pages += 1
        seen.extend(row["reference"] for row in body["results"])
        cursor = body["next_cursor"]
        if cursor is None:
            return seen, pages


def test_a_list_walks_to_its_end_by_cursor_without_repeating_a_row(world: World) -> None:
    first = date(2025, 1, 1)
    # Equal first-contact days on purpose: the tie-breaker must keep the order total.
    for n in range(7):
        world.person("caseworker_a", first_contact_on=first + timedelta(days=n // 3))
    client = bearer(world, "caseworker_a")

    whole = [row["reference"] for row in client.get("/api/v1/persons").json()["results"]]
    walked, pages = _walk(client, "/api/v1/persons", limit=2)

    assert len(whole) >= 7
    assert walked == whole
    assert len(set(walked)) == len(walked)
    assert pages == (len(whole) + 1) // 2


def test_a_row_added_meanwhile_neither_repeats_nor_shifts_a_page(world: World) -> None:
    for n in range(4):
        world.person("caseworker_a", first_contact_on=date(2025, 1, 1 + n))
    client = bearer(world, "caseworker_a")
    page = client.get("/api/v1/persons", {"limit": 2}).json()

    world.person("caseworker_a", first_contact_on=date(2025, 6, 1))  # sorts first
    rest = client.get("/api/v1/persons", {"limit": 50, "cursor": page["next_cursor"]}).json()

    first_page = [row["reference"] for row in page["results"]]
    assert not set(first_page) & {row["reference"] for row in rest["results"]}
    assert len(first_page) + len(rest["results"]) == Person.objects.count() - 1


@pytest.mark.parametrize("cursor", ["nonsense", "W10:1tQ:forged"])
def test_a_forged_cursor_is_a_400_naming_it(world: World, cursor: str) -> None:
    response = bearer(world, "caseworker_a").get("/api/v1/persons", {"cursor": cursor})

    assert response.status_code == 400
    assert response.json() == {
        "error": {"code": "invalid", "message": "This cursor is not valid.", "field": "cursor"}
    }


def test_a_cursor_from_another_list_is_refused(world: World) -> None:
    for _ in range(3):
        world.person("caseworker_a")
    client = bearer(world, "caseworker_a")
    persons_cursor = client.get("/api/v1/persons", {"limit": 1}).json()["next_cursor"]

    response = client.get("/api/v1/referrals", {"cursor": persons_cursor})

    assert persons_cursor is not None
    assert response.status_code == 400
    assert response.json()["error"]["field"] == "cursor"


@pytest.mark.parametrize("limit", ["0", "201", "ten"])
def test_the_page_size_is_bounded(world: World, limit: str) -> None:
    response = bearer(world, "caseworker_a").get("/api/v1/persons", {"limit": limit})

    assert response.status_code == 400
    assert response.json()["error"]["field"] == "limit"


# Error shape ----------------------------------------------------------------------------


def test_a_validation_error_has_the_one_shape_with_the_field_and_a_translated_message(
    world: World,
) -> None:
    client = bearer(world, "inspector")
    person = world.person("inspector")

    english = client.post(
        "/api/v1/referrals",
        json.dumps({"person": person.reference}),
        content_type="application/json",
    )
    french = client.post(
        "/api/v1/referrals",
        json.dumps({"person": person.reference}),
        content_type="application/json",
        headers={"Accept-Language": "fr"},
    )

    assert english.status_code == french.status_code == 400
    assert english.json() == {
        "error": {"code": "invalid", "message": "This field is required.", "field": "reason"}
    }
    assert french.json()["error"]["field"] == "reason"
    assert french.json()["error"]["message"] == "Ce champ est obligatoire."


def test_several_problems_are_all_named(world: World) -> None:
    response = bearer(world, "inspector").post(
        "/api/v1/referrals", json.dumps({"reason": 3}), content_type="application/json"
    )

    error = response.json()["error"]
    assert (error["field"], error["message"]) == ("person", "This field is required.")
    assert {p["path"] for p in error["problems"]} == {"person", "reason"}


def test_an_answer_returned_as_is_still_matches_its_documented_schema(world: World) -> None:
    """The pathway is answered by `pathway_json` directly: its schema must not drift."""
    from nrm.protection.tests.support import involved_person

    person = involved_person(world)
    client = bearer(world, "immigration")
    document = client.get("/api/v1/openapi.json").json()
    answer = client.get(f"/api/v1/persons/{person.reference}/pathway").json()
    schema = {"$ref": "#/components/schemas/PathwayOut", "components": document["components"]}

    jsonschema.Draft202012Validator(schema).validate(answer)
