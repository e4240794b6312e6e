"""The coordination unit's page of local questions: list, add, next version, retire."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from nrm.indicators.models import LocalQuestion, QuestionStatus
from nrm.indicators.tests.helpers import a_question
from nrm.testing import World

ClientAs = Callable[[str], Client]
pytestmark = pytest.mark.urls("nrm.indicators.tests.urls")

NEW = {
    "code": "BE-RECRUITMENT-FEE",
    "kind": "YES_NO",
    "position": "20",
    "text_en": "Did the worker pay a fee to get this job?",
    "text_fr": "Le travailleur a-t-il payé des frais pour obtenir ce travail ?",
}


def test_the_coordinator_lists_the_questions_with_their_missing_languages(
    world: World, client_as: ClientAs
) -> None:
    a_question(world)
    page = client_as("coordinator").get("/indicators/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "BE-LIMOSA" in html
    assert "Local" in html
    assert "nl, de, da" in html  # written in English and French only


@pytest.mark.parametrize("persona", ["inspector", "admin", "caseworker_a", "analyst"])
def test_other_roles_may_not_manage_the_questions(
    world: World, client_as: ClientAs, persona: str
) -> None:
    question = a_question(world)
    client = client_as(persona)
    assert client.get("/indicators/").status_code == 403
    assert client.post("/indicators/new/", NEW).status_code == 403
    assert client.post(f"/indicators/{question.code}/retire/", {"version": "1"}).status_code == 403
    assert LocalQuestion.objects.count() == 1


def test_the_coordinator_adds_a_question_on_the_page(world: World, client_as: ClientAs) -> None:
    response = client_as("coordinator").post("/indicators/new/", NEW)
    assert response.status_code == 302
    question = LocalQuestion.objects.get(code="BE-RECRUITMENT-FEE")
    assert question.current is not None
    assert question.current.texts["fr"].startswith("Le travailleur")


def test_a_bad_question_is_refused_at_its_field_and_nothing_is_kept(
    world: World, client_as: ClientAs
) -> None:
    response = client_as("coordinator").post(
        "/indicators/new/",
        {**NEW, "kind": "CHOICE", "choices_en": "YES = Yes\nnot a line", "code": "ILO-FL-07"},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Write each choice as CODE = label." in html
    assert not LocalQuestion.objects.exists()
    response = client_as("coordinator").post("/indicators/new/", {**NEW, "code": "ILO-FL-07"})
    assert response.status_code == 400
    assert "legal framework" in response.content.decode()


def test_the_page_writes_the_next_version_with_a_reason(world: World, client_as: ClientAs) -> None:
    question = a_question(world)
    client = client_as("coordinator")
    form = {
        "kind": "CHOICE",
        "position": "10",
        "text_en": "Was a Limosa declaration found for this worker?",
        "text_nl": "Werd er een Limosa-melding gevonden voor deze werknemer?",
        "choices_en": "FOUND = Yes, found\nNOT_FOUND = No declaration found",
        "choices_nl": "FOUND = Ja, gevonden",
        "version": str(question.version),
    }
    refused = client.post(f"/indicators/{question.code}/", form)
    assert refused.status_code == 400  # no reason given
    response = client.post(f"/indicators/{question.code}/", {**form, "change_note": "Dutch"})
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.current is not None
    assert question.current.number == 2
    assert question.current.choices[0]["texts"] == {"en": "Yes, found", "nl": "Ja, gevonden"}
    stale = client.post(f"/indicators/{question.code}/", {**form, "change_note": "again"})
    assert stale.status_code == 409


def test_the_coordinator_retires_a_question(world: World, client_as: ClientAs) -> None:
    question = a_question(world)
    response = client_as("coordinator").post(
        f"/indicators/{question.code}/retire/", {"version": str(question.version)}
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.status == QuestionStatus.RETIRED
