"""/api/v1/local-questions, and local answers given with a screening through the API (issue
18 item 8): the page's rules, the one error shape with the field's path, nothing saved on a
refusal."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from nrm.access.models import AuditEvent
from nrm.indicators.actions import local_question_retire
from nrm.indicators.models import LocalAnswer, LocalQuestion, LocalQuestionVersion
from nrm.indicators.tests.helpers import FEE, LIMOSA, ROOM, a_question
from nrm.inspections.models import Screening
from nrm.inspections.tests.helpers import an_inspection, carried_out
from nrm.testing import World

ClientAs = Callable[[str], Client]
URL = "/api/v1/local-questions"


def post(client: Client, url: str, body: Any) -> Any:
    return client.post(url, data=json.dumps(body), content_type="application/json")


def _questions(world: World) -> None:
    for definition in (LIMOSA, FEE, ROOM):
        a_question(world, definition)
    fee = LocalQuestion.objects.get(code=FEE["code"])
    local_question_retire(
        actor=world.actor("coordinator"), question=fee, expected_version=fee.version
    )


# Reading ---------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["coordinator", "inspector", "teamlead"])
def test_those_who_write_or_ask_the_questions_list_them_active_first(
    world: World, client_as: ClientAs, persona: str
) -> None:
    _questions(world)

    response = client_as(persona).get(URL)

    assert response.status_code == 200, response.content
    rows = response.json()["results"]
    assert [(r["code"], r["status"]) for r in rows] == [
        ("BE-LIMOSA", "ACTIVE"),
        ("BE-ROOM-OCCUPANTS", "ACTIVE"),
        ("BE-RECRUITMENT-FEE", "RETIRED"),
    ]
    limosa = rows[0]
    assert limosa["current_version"] == 1
    assert limosa["kind"] == "CHOICE"
    assert limosa["texts"]["fr"].startswith("Une déclaration Limosa")
    assert [c["code"] for c in limosa["choices"]] == ["FOUND", "NOT_FOUND"]
    assert (rows[1]["minimum"], rows[1]["maximum"]) == ("0", "50")
    assert response.json()["next_cursor"] is None


def test_the_list_is_paginated_by_cursor(world: World, client_as: ClientAs) -> None:
    _questions(world)
    client = client_as("inspector")

    first = client.get(URL, {"limit": 2}).json()
    second = client.get(URL, {"limit": 2, "cursor": first["next_cursor"]}).json()

    assert [r["code"] for r in first["results"]] == ["BE-LIMOSA", "BE-ROOM-OCCUPANTS"]
    assert [r["code"] for r in second["results"]] == ["BE-RECRUITMENT-FEE"]
    assert second["next_cursor"] is None


@pytest.mark.parametrize("persona", ["caseworker_a", "investigator", "analyst", "immigration"])
def test_members_who_neither_screen_nor_coordinate_are_refused(
    world: World, client_as: ClientAs, persona: str
) -> None:
    _questions(world)
    client = client_as(persona)

    listed = client.get(URL)
    one = client.get(f"{URL}/BE-LIMOSA")

    assert listed.status_code == 403
    assert listed.json()["error"]["code"] == "forbidden"
    assert one.status_code == 403


def test_one_question_with_its_versions_newest_first(world: World, client_as: ClientAs) -> None:
    a_question(world, LIMOSA)
    coordinator = client_as("coordinator")
    revised = post(
        coordinator,
        f"{URL}/BE-LIMOSA/revise",
        {**_content(LIMOSA), "texts": {"en": "Was a Limosa found?"}, "expected_version": 2}
        | {"change_note": "Shorter"},
    )
    assert revised.status_code == 200, revised.content

    body = client_as("inspector").get(f"{URL}/BE-LIMOSA").json()

    assert body["current_version"] == 2
    assert body["texts"] == {"en": "Was a Limosa found?"}
    assert [(v["number"], v["change_note"]) for v in body["versions"]] == [
        (2, "Shorter"),
        (1, ""),
    ]
    assert body["versions"][1]["texts"]["en"] == LIMOSA["texts"]["en"]
    assert body["versions"][0]["created_by"] == world.users["coordinator"].pk
    assert client_as("inspector").get(f"{URL}/NO-SUCH").status_code == 404


# Writing ---------------------------------------------------------------------------------


def _content(definition: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in definition.items() if k != "code"}


def test_the_coordinator_creates_revises_retires_and_reactivates(
    world: World, client_as: ClientAs
) -> None:
    client = client_as("coordinator")

    created = post(client, URL, {**ROOM, "change_note": "Overcrowding"})
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["code"], body["status"], body["current_version"]) == (
        "BE-ROOM-OCCUPANTS",
        "ACTIVE",
        1,
    )
    assert AuditEvent.objects.filter(action="local_question_create").count() == 1

    revised = post(
        client,
        f"{URL}/BE-ROOM-OCCUPANTS/revise",
        {
            **_content(ROOM),
            "maximum": "30",
            "change_note": "No room holds more",
            "expected_version": body["version"],
        },
    )
    assert revised.status_code == 200, revised.content
    assert revised.json()["current_version"] == 2
    assert revised.json()["maximum"] == "30"

    retired = post(
        client, f"{URL}/BE-ROOM-OCCUPANTS/retire", {"expected_version": revised.json()["version"]}
    )
    assert retired.status_code == 200
    assert retired.json()["status"] == "RETIRED"
    assert retired.json()["current_version"] == 2  # retiring writes no version

    again = post(
        client, f"{URL}/BE-ROOM-OCCUPANTS/retire", {"expected_version": retired.json()["version"]}
    )
    assert again.status_code == 409

    reactivated = post(
        client,
        f"{URL}/BE-ROOM-OCCUPANTS/reactivate",
        {"expected_version": retired.json()["version"]},
    )
    assert reactivated.status_code == 200
    assert reactivated.json()["status"] == "ACTIVE"


def test_a_stale_version_is_refused_with_409_and_nothing_changes(
    world: World, client_as: ClientAs
) -> None:
    question = a_question(world, FEE)
    stale = question.version - 1

    revised = post(
        client_as("coordinator"),
        f"{URL}/{FEE['code']}/revise",
        {
            **_content(FEE),
            "texts": {"en": "Another"},
            "change_note": "x",
            "expected_version": stale,
        },
    )
    retired = post(client_as("coordinator"), f"{URL}/{FEE['code']}/retire", {"expected_version": 0})

    assert revised.status_code == 409
    assert revised.json()["error"]["code"] == "conflict"
    assert retired.status_code == 409
    assert LocalQuestionVersion.objects.filter(question=question).count() == 1
    assert LocalQuestion.objects.get(pk=question.pk).status == "ACTIVE"


@pytest.mark.parametrize("persona", ["inspector", "teamlead", "caseworker_a", "analyst"])
def test_only_the_coordinator_writes_questions(
    world: World, client_as: ClientAs, persona: str
) -> None:
    question = a_question(world, FEE)
    client = client_as(persona)
    version = {"expected_version": question.version}

    answers = [
        post(client, URL, ROOM),
        post(
            client, f"{URL}/{FEE['code']}/revise", {**_content(FEE), **version, "change_note": "x"}
        ),
        post(client, f"{URL}/{FEE['code']}/retire", version),
        post(client, f"{URL}/{FEE['code']}/reactivate", version),
    ]

    assert [a.status_code for a in answers] == [403, 403, 403, 403]
    assert answers[0].json()["error"]["code"] == "forbidden"
    assert list(LocalQuestion.objects.values_list("code", "status")) == [(FEE["code"], "ACTIVE")]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({**ROOM, "code": "lower"}, "code"),
        ({**ROOM, "code": "ILO-FL-01"}, "code"),
        ({**ROOM, "kind": "MAYBE"}, "kind"),
        ({**ROOM, "texts": {"fr": "Combien ?"}}, "texts.en"),
        ({**ROOM, "texts": {"en": "How many?", "xx": "?"}}, "texts.xx"),
        ({**ROOM, "texts": {"en": 3}}, "texts.en"),
        ({**ROOM, "minimum": "60"}, "maximum"),
        ({**ROOM, "position": 1000}, "position"),
        ({**ROOM, "position": "1"}, "position"),
        ({**ROOM, "colour": "red"}, "colour"),
        ({**FEE, "choices": LIMOSA["choices"]}, "choices"),
        ({**LIMOSA, "choices": LIMOSA["choices"][:1]}, "choices"),
        (
            {**LIMOSA, "choices": [*LIMOSA["choices"], {"code": "bad", "texts": {"en": "Bad"}}]},
            "choices.2.code",
        ),
        (
            {
                **LIMOSA,
                "choices": [{"code": "A", "texts": {"fr": "A"}}, {"code": "B", "texts": {}}],
            },
            "choices.0.texts.en",
        ),
        ({**ROOM, "change_note": "x" * 501}, "change_note"),
    ],
)
def test_bad_input_is_refused_with_the_field_and_nothing_is_saved(
    world: World, client_as: ClientAs, body: dict[str, Any], field: str
) -> None:
    response = post(client_as("coordinator"), URL, body)

    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert error["field"] == field
    assert error["message"]
    assert not LocalQuestion.objects.exists()
    assert not LocalQuestionVersion.objects.exists()


def test_a_taken_code_is_a_conflict(world: World, client_as: ClientAs) -> None:
    a_question(world, FEE)
    response = post(client_as("coordinator"), URL, FEE)
    assert response.status_code == 409
    assert LocalQuestionVersion.objects.count() == 1


def test_a_revision_without_a_change_note_or_a_change_is_refused(
    world: World, client_as: ClientAs
) -> None:
    question = a_question(world, FEE)
    client = client_as("coordinator")
    url = f"{URL}/{FEE['code']}/revise"
    version = {"expected_version": question.version}

    no_note = post(client, url, {**_content(FEE), **version, "texts": {"en": "New words?"}})
    empty_note = post(
        client, url, {**_content(FEE), **version, "texts": {"en": "New?"}, "change_note": ""}
    )
    unchanged = post(client, url, {**_content(FEE), **version, "change_note": "Nothing"})

    assert no_note.status_code == 400
    assert no_note.json()["error"]["field"] == "change_note"
    assert empty_note.status_code == 400
    assert empty_note.json()["error"]["field"] == "change_note"
    assert unchanged.status_code == 400
    assert LocalQuestionVersion.objects.count() == 1


# Screening with local answers ---------------------------------------------------------------


def _screening(**extra: Any) -> dict[str, Any]:
    return {"person": {"given_names": "Ion", "age": 40}, "nationality": "RO", **extra}


def test_a_screening_is_created_with_its_local_answers(world: World, client_as: ClientAs) -> None:
    _questions(world)
    inspection = carried_out(world, an_inspection(world))

    response = post(
        client_as("inspector"),
        f"/api/v1/inspections/{inspection.reference}/screenings",
        _screening(
            local_answers=[
                {"code": "BE-LIMOSA", "version": 1, "value": "NOT_FOUND"},
                {"code": "BE-ROOM-OCCUPANTS", "value": "12"},
            ]
        ),
    )

    assert response.status_code == 201, response.content
    answers = response.json()["local_answers"]
    assert [(a["code"], a["version"], a["value"]) for a in answers] == [
        ("BE-LIMOSA", 1, "NOT_FOUND"),
        ("BE-ROOM-OCCUPANTS", 1, "12"),
    ]
    assert answers[0]["answer"] == "No declaration found"
    screening = Screening.objects.get()
    assert LocalAnswer.objects.filter(screening=screening).count() == 2
    audit = AuditEvent.objects.get(action="local_answers_record")
    assert "12" not in json.dumps(audit.changes)  # markers only, never the answer


@pytest.mark.parametrize(
    ("answer", "field"),
    [
        ({"code": "BE-ROOM-OCCUPANTS", "value": "99"}, "local_answers.1.value"),
        ({"code": "BE-LIMOSA", "value": "MAYBE"}, "local_answers.1.value"),
        ({"code": "BE-NOTHING", "value": "yes"}, "local_answers.1.code"),
        ({"code": "BE-LIMOSA", "version": 7, "value": "FOUND"}, "local_answers.1.version"),
        ({"code": "BE-RECRUITMENT-FEE", "value": "yes"}, "local_answers.1.code"),
        ({"code": "BE-LIMOSA", "value": 3}, "local_answers.1.value"),
        ({"code": "BE-LIMOSA", "version": "1", "value": "FOUND"}, "local_answers.1.version"),
    ],
)
def test_a_bad_local_answer_saves_neither_the_screening_nor_any_answer(
    world: World, client_as: ClientAs, answer: dict[str, Any], field: str
) -> None:
    _questions(world)
    inspection = carried_out(world, an_inspection(world))
    fine = {"code": "BE-ROOM-OCCUPANTS" if answer["code"] == "BE-LIMOSA" else "BE-LIMOSA"}
    fine["value"] = "3" if fine["code"] == "BE-ROOM-OCCUPANTS" else "FOUND"

    response = post(
        client_as("inspector"),
        f"/api/v1/inspections/{inspection.reference}/screenings",
        _screening(local_answers=[fine, answer]),
    )

    assert response.status_code == 400, response.content
    assert response.json()["error"]["field"] == field
    assert not Screening.objects.exists()
    assert not LocalAnswer.objects.exists()


def test_answering_a_question_twice_saves_nothing(world: World, client_as: ClientAs) -> None:
    _questions(world)
    inspection = carried_out(world, an_inspection(world))
    twice = {"code": "BE-LIMOSA", "value": "FOUND"}

    response = post(
        client_as("inspector"),
        f"/api/v1/inspections/{inspection.reference}/screenings",
        _screening(local_answers=[twice, twice]),
    )

    assert response.status_code == 409
    assert not Screening.objects.exists()
    assert not LocalAnswer.objects.exists()
