"""/api/v1/persons: the same access rules and audit as the pages, one error shape.

Per endpoint: it works (token and session), an outsider gets 404 shaped like "does not
exist", a role that may not write gets 403, bad input gets 400 naming the field by its path
in the body, and the audit row is written. Tokens come from the real action.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from nrm.access.context import actor_for
from nrm.access.models import AuditEvent, AuditEventType, InvolvementBasis, Purpose
from nrm.accounts.actions import api_token_create, api_token_revoke
from nrm.accounts.models import ApiToken, token_digest
from nrm.administration.actions import membership_end, user_set_active
from nrm.core.errors import DomainError, NotFound, PermissionDenied
from nrm.people.models import Person
from nrm.testing import World

ClientAs = Callable[[str], Client]
TOMORROW = (timezone.localdate() + timedelta(days=1)).isoformat()


def bearer(world: World, persona: str) -> Client:
    """A client for another system, acting through a token minted by the persona."""
    _token, plaintext = api_token_create(actor=world.actor(persona), label="case system", days=30)
    return Client(headers={"Authorization": f"Bearer {plaintext}"})


def post_json(client: Client, body: object) -> Any:
    return client.post("/api/v1/persons", json.dumps(body), content_type="application/json")


def new_person(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "identity": {"given_names": "Ana", "family_name": "Dumitru", "birth_date": "1994-02-11"},
        "nationalities": ["RO"],
        "languages": ["ro"],
        "gender": "Feminine",
        "age_at_first_contact": 30,
        "first_contact_on": "2025-03-01",
    }
    body.update(overrides)
    return body


def error_of(response: Any) -> dict[str, Any]:
    body: dict[str, Any] = response.json()
    assert set(body) == {"error"}
    return body["error"]  # type: ignore[no-any-return]


# Tokens --------------------------------------------------------------------------------


def test_a_minted_token_is_stored_as_a_digest_and_audited_without_its_secret(
    world: World,
) -> None:
    token, plaintext = api_token_create(actor=world.actor("inspector"), label=" sync ", days=30)

    assert plaintext.startswith("nrm_")
    assert token.digest == token_digest(plaintext)
    assert token.label == "sync"
    assert token.membership == world.actor("inspector").membership
    assert timedelta(days=29) < token.expires_at - timezone.now() <= timedelta(days=30)
    row = AuditEvent.objects.get(action="api_token_create")
    assert row.event_type == AuditEventType.CREATE
    assert row.actor == world.users["inspector"]
    assert (row.record_type, row.record_id) == ("accounts.apitoken", str(token.pk))
    assert plaintext not in json.dumps(row.changes)
    assert token.digest not in json.dumps(row.changes)


@pytest.mark.parametrize(
    ("label", "days", "field"),
    [("", 30, "label"), ("x" * 101, 30, "label"), ("sync", 0, "days"), ("sync", 366, "days")],
)
def test_minting_a_token_refuses_bad_input(world: World, label: str, days: int, field: str) -> None:
    with pytest.raises(DomainError) as caught:
        api_token_create(actor=world.actor("inspector"), label=label, days=days)

    assert caught.value.field == field
    assert not ApiToken.objects.exists()


def test_only_its_owner_revokes_a_token_and_revoking_is_audited_once(world: World) -> None:
    token, _plaintext = api_token_create(actor=world.actor("inspector"), label="sync", days=30)

    with pytest.raises(NotFound):
        api_token_revoke(actor=world.actor("teamlead"), token=token)
    api_token_revoke(actor=world.actor("inspector"), token=token)
    api_token_revoke(actor=world.actor("inspector"), token=token)

    token.refresh_from_db()
    assert token.revoked_at is not None
    assert AuditEvent.objects.filter(action="api_token_revoke").count() == 1


def test_an_actor_without_membership_cannot_mint_a_token(world: World) -> None:
    membership = world.actor("inspector").membership
    assert membership is not None
    membership_end(actor=world.actor("admin"), membership=membership)

    with pytest.raises(PermissionDenied):
        api_token_create(actor=actor_for(world.users["inspector"]), label="sync", days=30)


# Authentication ------------------------------------------------------------------------


def test_it_requires_authentication(world: World, client: Client) -> None:
    response = client.get("/api/v1/persons")

    assert response.status_code == 401
    assert error_of(response) == {
        "code": "unauthenticated",
        "message": "Authentication is required.",
    }


def test_it_refuses_an_unknown_token(world: World) -> None:
    client = Client(headers={"Authorization": "Bearer nrm_not-a-token"})

    assert client.get("/api/v1/persons").status_code == 401


def test_a_wrong_token_does_not_fall_back_to_the_session(world: World, client_as: ClientAs) -> None:
    client = client_as("inspector")

    response = client.get("/api/v1/persons", headers={"Authorization": "Bearer nrm_wrong"})

    assert response.status_code == 401


def test_a_revoked_token_stops_working(world: World) -> None:
    token, plaintext = api_token_create(actor=world.actor("inspector"), label="sync", days=30)
    client = Client(headers={"Authorization": f"Bearer {plaintext}"})
    assert client.get("/api/v1/persons").status_code == 200

    api_token_revoke(actor=world.actor("inspector"), token=token)

    assert client.get("/api/v1/persons").status_code == 401


def test_an_expired_token_stops_working(world: World) -> None:
    token, plaintext = api_token_create(actor=world.actor("inspector"), label="sync", days=1)
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    client = Client(headers={"Authorization": f"Bearer {plaintext}"})

    assert client.get("/api/v1/persons").status_code == 401


@pytest.mark.parametrize("how", ["membership ended", "user deactivated"])
def test_a_token_dies_with_its_membership_or_user(world: World, how: str) -> None:
    client = bearer(world, "inspector")
    admin = world.actor("admin")
    membership = world.actor("inspector").membership
    assert membership is not None

    if how == "membership ended":
        membership_end(actor=admin, membership=membership)
    else:
        user_set_active(actor=admin, user=world.users["inspector"], active=False)

    assert client.get("/api/v1/persons").status_code == 401


def test_a_session_caller_must_send_the_csrf_token_to_write(
    world: World, client_as: ClientAs
) -> None:
    client = client_as("inspector")
    client.handler.enforce_csrf_checks = True

    response = post_json(client, new_person())

    assert response.status_code == 403
    assert error_of(response)["code"] == "csrf"
    assert not Person.objects.exists()


def test_a_session_caller_with_the_csrf_token_may_write(world: World, client_as: ClientAs) -> None:
    client = client_as("inspector")
    client.handler.enforce_csrf_checks = True
    client.get("/people/")  # any page sets the CSRF cookie
    token = client.cookies["csrftoken"].value

    response = client.post(
        "/api/v1/persons",
        json.dumps(new_person()),
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )

    assert response.status_code == 201


# The list ------------------------------------------------------------------------------


def test_the_list_shows_the_callers_persons_without_identities(world: World) -> None:
    mine = world.person("caseworker_a", given_names="Ileana", family_name="Vasilescu")
    world.person("caseworker_b")

    response = bearer(world, "caseworker_a").get("/api/v1/persons")

    assert response.status_code == 200
    assert response.json() == {
        "next_cursor": None,
        "results": [
            {
                "reference": mine.reference,
                "nationalities": ["RO"],
                "languages": ["ro"],
                "gender": "NonSpecifiedUnknown",
                "age_at_first_contact": 31,
                "first_contact_on": "2025-03-01",
            }
        ],
    }


def test_the_list_read_is_audited(world: World) -> None:
    person = world.person("caseworker_a")

    bearer(world, "caseworker_a").get("/api/v1/persons")

    row = AuditEvent.objects.get(action="api_person_list")
    assert row.event_type == AuditEventType.READ
    assert row.actor == world.users["caseworker_a"]
    assert row.purpose == Purpose.CARE
    assert row.changes == {"references": [person.reference]}


@pytest.mark.parametrize("count", [1, 12])
def test_the_list_makes_the_same_few_queries_however_many_persons(
    world: World, django_assert_num_queries: DjangoAssertNumQueries, count: int
) -> None:
    for _ in range(count):
        world.person("caseworker_a")
    client = bearer(world, "caseworker_a")

    # The token, the page of persons, then the audit row: purpose, savepoint, chain head,
    # insert, head update, release.
    with django_assert_num_queries(8):
        response = client.get("/api/v1/persons")

    assert len(response.json()["results"]) == count


# One person ----------------------------------------------------------------------------


@pytest.mark.parametrize("how", ["token", "session"])
def test_it_returns_one_person_with_identity(world: World, client_as: ClientAs, how: str) -> None:
    person = world.person("inspector", given_names="Ileana", family_name="Vasilescu")
    client = bearer(world, "inspector") if how == "token" else client_as("inspector")

    response = client.get(f"/api/v1/persons/{person.reference}")

    assert response.status_code == 200
    body = response.json()
    assert body["reference"] == person.reference
    assert body["identity"]["given_names"] == "Ileana"
    assert body["identity"]["family_name"] == "Vasilescu"
    assert body["version"] == 1


def test_reading_one_person_is_audited(world: World) -> None:
    person = world.person("inspector")

    bearer(world, "inspector").get(f"/api/v1/persons/{person.reference}")

    row = AuditEvent.objects.get(action="api_person_view")
    assert row.event_type == AuditEventType.READ
    assert row.actor == world.users["inspector"]
    assert row.organisation == world.organisations["ECOSOC Brussels"]
    assert row.purpose == Purpose.INVESTIGATION
    assert row.record_id == str(person.pk)


def test_an_outsider_gets_the_same_404_as_for_a_missing_person(world: World) -> None:
    person = world.person("caseworker_b")
    client = bearer(world, "caseworker_a")

    theirs = client.get(f"/api/v1/persons/{person.reference}")
    missing = client.get("/api/v1/persons/P-ZZZZ-ZZZZ")

    assert theirs.status_code == missing.status_code == 404
    assert theirs.content == missing.content
    assert error_of(theirs) == {"code": "not_found", "message": "No such person."}
    assert not AuditEvent.objects.filter(action="api_person_view").exists()


def test_it_refuses_other_methods_on_one_person(world: World) -> None:
    person = world.person("inspector")

    response = bearer(world, "inspector").delete(f"/api/v1/persons/{person.reference}")

    assert response.status_code == 405
    assert error_of(response)["code"] == "method_not_allowed"
    assert Person.objects.filter(pk=person.pk).exists()


# Recording a person --------------------------------------------------------------------


@pytest.mark.parametrize("how", ["token", "session"])
def test_it_records_a_person(world: World, client_as: ClientAs, how: str) -> None:
    client = bearer(world, "caseworker_a") if how == "token" else client_as("caseworker_a")

    response = post_json(client, new_person())

    assert response.status_code == 201
    body = response.json()
    person = Person.objects.get(reference=body["reference"])
    assert (person.given_names, person.family_name) == ("Ana", "Dumitru")
    assert person.birth_date is not None
    assert person.birth_date.isoformat() == body["identity"]["birth_date"] == "1994-02-11"
    involvement = person.involvements.get()
    assert involvement.organisation == world.organisations["PAG-ASA"]
    assert (involvement.purpose, involvement.basis) == (
        Purpose.CARE,
        InvolvementBasis.FIRST_CONTACT,
    )
    row = AuditEvent.objects.get(action="person_create")
    assert row.actor == world.users["caseworker_a"]
    assert row.record_id == str(person.pk)


# A prosecutor may record persons: suspects the police have not met (nrm/access/policy.py).
@pytest.mark.parametrize("persona", ["judge", "immigration", "analyst", "admin"])
def test_roles_that_may_not_record_persons_get_403(world: World, persona: str) -> None:
    response = post_json(bearer(world, persona), new_person())

    assert response.status_code == 403
    assert error_of(response)["code"] == "forbidden"
    assert not Person.objects.exists()


# The schema names the allowed values (HTCDS prs_Gender), as the OpenAPI document does.
GENDERS = (
    "Must be one of: 'Feminine', 'Masculine', 'TransgenderFeminine', 'TransgenderMasculine', "
    "'NonConforming' or 'NonSpecifiedUnknown'."
)
BAD_BODIES = [
    pytest.param(
        new_person(nationalities=["XX"]),
        "nationalities",
        "XX is not an ISO 3166 country code.",
        id="unknown-country",
    ),
    pytest.param(
        new_person(languages=["xx"]),
        "languages",
        "xx is not an ISO 639 language code.",
        id="unknown-language",
    ),
    pytest.param(
        new_person(age_at_first_contact=-1),
        "age_at_first_contact",
        "Must be at least 0.",
        id="negative-age",
    ),
    pytest.param(
        new_person(identity={"birth_date": TOMORROW}),
        "identity.birth_date",
        "The birth date cannot be in the future.",
        id="future-birth-date",
    ),
    pytest.param(
        new_person(identity={"birth_date": "11/02/1994"}),
        "identity.birth_date",
        "Must be a date (YYYY-MM-DD).",
        id="malformed-birth-date",
    ),
    pytest.param(
        new_person(identity={"birth_date": 19940211}),
        "identity.birth_date",
        "Must be a date (YYYY-MM-DD).",
        id="birth-date-as-number",
    ),
    pytest.param(
        new_person(first_contact_on="2025-02-30"),
        "first_contact_on",
        "Must be a date (YYYY-MM-DD).",
        id="impossible-date",
    ),
    pytest.param(
        new_person(identity={"given_names": 5}),
        "identity.given_names",
        "Must be text.",
        id="name-as-number",
    ),
    pytest.param(new_person(identity="Ana"), "identity", "Must be an object.", id="identity-text"),
    pytest.param(
        new_person(identity={"documents": [{"type": "PASSPORT", "number": 123}]}),
        "identity.documents.0.number",
        "Must be text.",
        id="document-number-as-number",
    ),
    pytest.param(new_person(nationalities="RO"), "nationalities", "Must be a list.", id="codes"),
    pytest.param(
        new_person(age_at_first_contact="30"),
        "age_at_first_contact",
        "Must be a whole number.",
        id="age-as-text",
    ),
    pytest.param(
        new_person(age_at_first_contact=True),
        "age_at_first_contact",
        "Must be a whole number.",
        id="age-as-boolean",
    ),
    pytest.param(new_person(gender=1), "gender", GENDERS, id="gender-as-number"),
    pytest.param(new_person(gender="F"), "gender", GENDERS, id="unknown-gender"),
]


@pytest.mark.parametrize(("body", "field", "message"), BAD_BODIES)
def test_bad_input_gets_400_naming_the_field_and_records_nothing(
    world: World, body: dict[str, Any], field: str, message: str
) -> None:
    response = post_json(bearer(world, "inspector"), body)

    assert response.status_code == 400
    assert error_of(response) == {"code": "invalid", "message": message, "field": field}
    assert not Person.objects.exists()
    assert not AuditEvent.objects.filter(action="person_create").exists()


@pytest.mark.parametrize(
    ("raw", "code", "message"),
    [
        (b'{"identity": {', "malformed_json", "The body is not valid JSON."),
        (b"", "invalid", "The body must be a JSON object."),
        (b"[1, 2]", "invalid", "The body must be a JSON object."),
    ],
)
def test_a_body_that_is_not_a_json_object_gets_400(
    world: World, raw: bytes, code: str, message: str
) -> None:
    response = bearer(world, "inspector").post(
        "/api/v1/persons", raw, content_type="application/json"
    )

    assert response.status_code == 400
    assert error_of(response) == {"code": code, "message": message}
    assert not Person.objects.exists()


def test_the_openapi_document_describes_the_person_endpoints(client: Client) -> None:
    document = client.get("/api/v1/openapi.json").json()

    assert document["openapi"].startswith("3.")
    assert set(document["paths"]["/api/v1/persons"]) == {"get", "post"}
    assert "404" in document["paths"]["/api/v1/persons/{reference}"]["get"]["responses"]


# The person's say and the name search (issue 18 item 1) ----------------------------------


def test_one_person_carries_the_latest_answer_per_purpose(world: World) -> None:
    from nrm.consent.actions import ConsentAnswer, consent_record, consent_withdraw

    person = world.person("caseworker_a", age_at_first_contact=30)
    actor = world.actor("caseworker_a")
    today = timezone.localdate()
    earlier = today - timedelta(days=10)
    consent_record(
        actor=actor,
        person=person,
        answer=ConsentAnswer(purpose="PERSON_LEVEL_EXPORT", given=True, on=earlier, language="ro"),
    )
    # A later answer for the same purpose governs: the earlier one is not listed.
    consent_record(
        actor=actor,
        person=person,
        answer=ConsentAnswer(purpose="PERSON_LEVEL_EXPORT", given=False, on=today, language="ro"),
    )
    referral = consent_record(
        actor=actor,
        person=person,
        answer=ConsentAnswer(purpose="REFERRAL", given=True, on=earlier, language="fr"),
    )
    consent_withdraw(actor=actor, consent_id=referral.pk)

    body = bearer(world, "caseworker_a").get(f"/api/v1/persons/{person.reference}").json()

    assert body["consents"] == [
        {
            "purpose": "PERSON_LEVEL_EXPORT",
            "given": False,
            "basis": "PERSON",
            "date": today.isoformat(),
            "withdrawn_on": None,
        },
        {
            "purpose": "REFERRAL",
            "given": True,
            "basis": "PERSON",
            "date": earlier.isoformat(),
            "withdrawn_on": today.isoformat(),
        },
    ]


def test_a_person_never_asked_has_no_consents(world: World) -> None:
    person = world.person("inspector")
    body = bearer(world, "inspector").get(f"/api/v1/persons/{person.reference}").json()
    assert body["consents"] == []


def test_the_list_searches_names_best_first_and_only_among_the_callers_persons(
    world: World,
) -> None:
    maria = world.person("inspector", given_names="Maria", family_name="Popescu")
    ion = world.person("inspector", given_names="Ion", family_name="Popa")
    world.person("inspector", given_names="Dragoș", family_name="Munteanu")
    world.person("caseworker_b", given_names="Maria", family_name="Popescu")
    client = bearer(world, "inspector")

    misspelt = client.get("/api/v1/persons", {"q": "Popesku"}).json()
    prefix = client.get("/api/v1/persons", {"q": "Popa"}).json()

    assert [p["reference"] for p in misspelt["results"]] == [maria.reference]
    # "Popa" is exact for Ion and a prefix-like match for nobody else that outranks it.
    assert prefix["results"][0]["reference"] == ion.reference
    assert client.get("/api/v1/persons", {"q": "Kowalski"}).json() == {
        "results": [],
        "next_cursor": None,
    }
    # The search words are personal data: never in the audit trail.
    assert not AuditEvent.objects.filter(changes__icontains="popesku").exists()


def test_the_cursor_follows_the_search_order_across_pages(world: World) -> None:
    created = [
        world.person("inspector", given_names=given, family_name="Popescu")
        for given in ["Maria", "Ana", "Ion", "Elena", "Mihai"]
    ]
    created.append(world.person("inspector", given_names="Maria", family_name="Pop"))
    client = bearer(world, "inspector")
    whole = client.get("/api/v1/persons", {"q": "Maria Popescu"}).json()

    seen: list[str] = []
    cursor: str | None = None
    for _page in range(10):
        params = {"q": "Maria Popescu", "limit": "1"} | ({"cursor": cursor} if cursor else {})
        answer = client.get("/api/v1/persons", params)
        assert answer.status_code == 200
        seen += [p["reference"] for p in answer.json()["results"]]
        cursor = answer.json()["next_cursor"]
        if cursor is None:
            break

    assert whole["next_cursor"] is None
    assert seen == [p["reference"] for p in whole["results"]]
    assert len(seen) == len(set(seen))
    assert seen[0] == created[0].reference


def test_a_search_cursor_is_refused_on_the_plain_list(world: World) -> None:
    for given in ["Maria", "Ana"]:
        world.person("inspector", given_names=given, family_name="Popescu")
    client = bearer(world, "inspector")
    cursor = client.get("/api/v1/persons", {"q": "Popescu", "limit": "1"}).json()["next_cursor"]

    answer = client.get("/api/v1/persons", {"cursor": cursor, "limit": "1"})

    assert answer.status_code == 400
    assert error_of(answer)["field"] == "cursor"


@pytest.mark.parametrize("q", ["a", "-", "  "])
def test_a_search_too_short_to_match_answers_an_empty_or_plain_page(world: World, q: str) -> None:
    person = world.person("inspector")

    answer = bearer(world, "inspector").get("/api/v1/persons", {"q": q, "limit": "12"})

    assert answer.status_code == 200
    # Blank is no search (the plain list); a lone letter or sign matches nobody.
    expected = [person.reference] if not q.strip() else []
    assert [p["reference"] for p in answer.json()["results"]] == expected


def test_a_search_longer_than_200_characters_gets_400(world: World) -> None:
    answer = bearer(world, "inspector").get("/api/v1/persons", {"q": "a" * 201})
    assert answer.status_code == 400
    assert error_of(answer)["field"] == "q"
