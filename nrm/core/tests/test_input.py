"""No input breaks the server (issue 11 §5): input no field can hold is a clear 400, in the
API's error shape under /api/ and as the "Not possible" page elsewhere."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from django.test import Client

from nrm.core.input import MAX_JSON_DEPTH, json_problem, text_problem
from nrm.people.models import Person
from nrm.testing import World

ClientAs = Callable[[str], Client]


def post_raw(client: Client, url: str, body: str | bytes) -> object:
    return client.post(url, data=body, content_type="application/json")


def api_error(response: object) -> dict[str, str]:
    assert response.status_code == 400, response.content  # type: ignore[attr-defined]
    assert response["Content-Type"] == "application/json"  # type: ignore[index]
    return response.json()["error"]  # type: ignore[attr-defined,no-any-return]


@pytest.mark.parametrize(
    "url",
    ["/api/v1/persons/%00", "/api/v1/cases/P%00X/assets", "/api/v1/inspections/%01"],
)
def test_a_nul_byte_in_an_api_path_is_400_in_the_error_shape(client_as: ClientAs, url: str) -> None:
    error = api_error(client_as("caseworker_a").get(url))
    assert error["code"] == "invalid"
    assert error["field"] == "path"
    assert "NUL" in error["message"]


def test_a_nul_byte_in_a_page_path_is_the_not_possible_page(client_as: ClientAs) -> None:
    response = client_as("caseworker_a").get("/people/%00/")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert "NUL" in response.content.decode()


def test_a_nul_byte_in_a_query_is_400_naming_the_parameter(client_as: ClientAs) -> None:
    error = api_error(client_as("prosecutor").get("/api/v1/cases?status=OPEN%00"))
    assert error["field"] == "status"


def test_a_nul_byte_in_a_form_field_is_refused_before_the_form(
    world: World, client_as: ClientAs
) -> None:
    before = Person.objects.count()
    response = client_as("caseworker_a").post(
        "/people/new/", {"given_names": "Ma\x00ria", "family_name": "Popescu"}
    )
    assert response.status_code == 400
    assert Person.objects.count() == before


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ('{"identity": {"given_names": "\\ud800"}}', "identity.given_names"),
        ('{"identity": {"given_names": "a\\u0000b"}}', "identity.given_names"),
        ('{"nationalities": ["R\\udfffO"]}', "nationalities.0"),
        ('{"age_at_first_contact": 1180591620717411303424}', "age_at_first_contact"),
        ('{"age_at_first_contact": -9223372036854775809}', "age_at_first_contact"),
        ('{"age_at_first_contact": 1e400}', "age_at_first_contact"),
    ],
)
def test_json_no_field_can_hold_is_400_naming_the_field(
    client_as: ClientAs, body: str, field: str
) -> None:
    before = Person.objects.count()
    error = api_error(post_raw(client_as("caseworker_a"), "/api/v1/persons", body))
    assert error["field"] == field
    assert Person.objects.count() == before


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_refused(client_as: ClientAs, constant: str) -> None:
    body = f'{{"age_at_first_contact": {constant}}}'
    error = api_error(post_raw(client_as("caseworker_a"), "/api/v1/persons", body))
    assert "NaN" in error["message"]


def test_json_nested_deeper_than_the_parser_can_go_is_400(client_as: ClientAs) -> None:
    depth = 200_000
    error = api_error(
        post_raw(client_as("caseworker_a"), "/api/v1/persons", "[" * depth + "]" * depth)
    )
    assert "nested too deeply" in error["message"]


def test_json_nested_past_the_limit_is_400_naming_where() -> None:
    body = '{"a": ' + "[" * MAX_JSON_DEPTH + "]" * MAX_JSON_DEPTH + "}"
    refusal = json_problem(body.encode())
    assert refusal is not None
    assert refusal.field == "a" + ".0" * (MAX_JSON_DEPTH - 1)


def test_a_body_that_is_not_utf8_is_refused() -> None:
    refusal = json_problem(b'{"a": "\xff\xfe"}')
    assert refusal is not None
    assert "UTF-8" in refusal.message


def test_ordinary_input_passes_untouched() -> None:
    assert text_problem("Maria Popescu\tMüller\nمريم") is None
    assert json_problem(b'{"a": [1, 2.5, "x", {"b": null}], "c": 9223372036854775807}') is None
    # Syntax errors are the API's to explain, in its own words.
    assert json_problem(b"{not json") is None


def test_the_api_still_serves_valid_json(client_as: ClientAs) -> None:
    response = post_raw(
        client_as("caseworker_a"),
        "/api/v1/persons",
        json.dumps(
            {
                "identity": {"given_names": "Ana", "family_name": "Dumitru"},
                "nationalities": ["RO"],
                "first_contact_on": "2025-03-01",
            }
        ),
    )
    assert response.status_code == 201, response.content  # type: ignore[attr-defined]
