"""The installation's local questions on the screening form and page (issue 18 item 8), and
the receiving centre named before the inspector refers (issue 16 item 2)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from nrm.access.models import AuditEvent
from nrm.core.errors import DomainError, NotFound
from nrm.indicators.actions import (
    LocalAnswerData,
    local_answers_record,
    local_question_retire,
    local_question_revise,
)
from nrm.indicators.models import LocalAnswer
from nrm.indicators.tests.helpers import FEE, LIMOSA, ROOM, a_question
from nrm.inspections.actions import facts_of
from nrm.inspections.models import Screening
from nrm.inspections.queries import observed_pairs_of
from nrm.inspections.suggestion import suggest
from nrm.inspections.tests.helpers import (
    TODAY,
    a_screening,
    a_worksite,
    an_inspection,
    carried_out,
)
from nrm.testing import World

ClientAs = Callable[[str], Client]


def _questions(world: World) -> None:
    for definition in (LIMOSA, FEE, ROOM):
        a_question(world, definition)


def _form(**extra: Any) -> dict[str, Any]:
    return {
        "person_mode": "new",
        "given_names": "Ana",
        "gender": "Feminine",
        "age": "29",
        "nationality": "MD",
        "language": "ro",
        "screened_on": TODAY.isoformat(),
        "ilo_fl": ["ILO-FL-07"],
        "consent": "NOT_ASKED",
        **extra,
    }


def test_the_form_asks_the_local_questions_after_the_legal_indicators_marked_local(
    world: World, client_as: ClientAs
) -> None:
    _questions(world)
    inspection = carried_out(world, an_inspection(world))
    html = (
        client_as("inspector").get(f"/inspections/{inspection.reference}/screen/").content.decode()
    )
    assert "Questions of this installation" in html
    assert html.index('value="DEGRADING_HOUSING"') < html.index("Was a Limosa declaration found")
    assert html.index("Limosa") < html.index("pay a fee") < html.index("sleep in the worker")
    assert 'name="local-BE-LIMOSA-version" value="1"' in html
    assert "do not count in the suggestion" in html


def test_a_question_not_written_in_the_readers_language_is_shown_in_the_installations(
    world: World, client_as: ClientAs
) -> None:
    a_question(world, LIMOSA)  # English and French only
    inspection = carried_out(world, an_inspection(world))
    client = client_as("inspector")
    url = f"/inspections/{inspection.reference}/screen/"
    french = client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Une déclaration Limosa a-t-elle été trouvée" in french
    dutch = client.get(url, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Was a Limosa declaration found for this worker?" in dutch
    assert 'data-fallback-language="en"' in dutch
    assert "data-fallback-language" not in french


def test_answers_are_stored_with_the_screening_and_their_version_audited_without_values(
    world: World, client_as: ClientAs
) -> None:
    _questions(world)
    inspection = carried_out(world, an_inspection(world))
    client = client_as("inspector")
    response = client.post(
        f"/inspections/{inspection.reference}/screen/",
        _form(
            **{
                "local-BE-LIMOSA": "NOT_FOUND",
                "local-BE-LIMOSA-version": "1",
                "local-BE-RECRUITMENT-FEE": "yes",
                "local-BE-ROOM-OCCUPANTS": "",
            }
        ),
    )
    assert response.status_code == 302
    screening = Screening.objects.get()
    answers = {
        a.question.code: (a.value, a.question_version.number) for a in screening.local_answers.all()
    }
    assert answers == {"BE-LIMOSA": ("NOT_FOUND", 1), "BE-RECRUITMENT-FEE": ("yes", 1)}
    event = AuditEvent.objects.get(action="local_answers_record", record_id=str(screening.pk))
    assert event.changes == {
        "local_answers": {
            "BE-LIMOSA": {"version": 1, "answer": "set"},
            "BE-RECRUITMENT-FEE": {"version": 1, "answer": "set"},
        }
    }
    assert "NOT_FOUND" not in json.dumps(event.changes)
    page = client.get(f"/inspections/screenings/{screening.reference}/").content.decode()
    assert "No declaration found" in page
    assert "not counted in the suggestion" in page


def test_local_answers_never_feed_the_suggestion(world: World) -> None:
    _questions(world)
    inspection = carried_out(world, an_inspection(world))
    screening = a_screening(world, inspection, observations=[])
    before = suggest(facts_of(screening, observed_pairs_of(screening)))
    local_answers_record(
        actor=world.actor("inspector"),
        screening=screening,
        answers=[
            LocalAnswerData("BE-LIMOSA", "NOT_FOUND"),
            LocalAnswerData("BE-RECRUITMENT-FEE", "yes"),
            LocalAnswerData("BE-ROOM-OCCUPANTS", "12"),
        ],
    )
    after = suggest(facts_of(screening, observed_pairs_of(screening)))
    assert (after.level, after.indicator_count) == (before.level, before.indicator_count)
    screening.refresh_from_db()
    assert screening.indicator_count == 0
    assert not screening.suggests_potential_victim


def test_a_refused_local_answer_saves_nothing(world: World, client_as: ClientAs) -> None:
    _questions(world)
    inspection = carried_out(world, an_inspection(world))
    response = client_as("inspector").post(
        f"/inspections/{inspection.reference}/screen/",
        _form(**{"local-BE-ROOM-OCCUPANTS": "900"}),
    )
    assert response.status_code == 400
    assert "Give a number from 0 to 50." in response.content.decode()
    assert not Screening.objects.exists()
    assert not LocalAnswer.objects.exists()


def test_an_answer_keeps_the_version_it_answered(world: World, client_as: ClientAs) -> None:
    question = a_question(world, FEE)
    inspection = carried_out(world, an_inspection(world))
    screening = a_screening(world, inspection)
    local_answers_record(
        actor=world.actor("inspector"),
        screening=screening,
        answers=[LocalAnswerData("BE-RECRUITMENT-FEE", "no", version=1)],
    )
    local_question_revise(
        actor=world.actor("coordinator"),
        question=question,
        expected_version=question.version,
        definition={**FEE, "texts": {"en": "Did the worker pay anyone for this job?"}},
        change_note="Wider",
    )
    page = client_as("inspector").get(f"/inspections/screenings/{screening.reference}/")
    html = page.content.decode()
    assert "Did the worker pay a fee to get this job?" in html
    assert "version 1" in html
    assert "pay anyone" not in html
    api = client_as("inspector").get(f"/api/v1/screenings/{screening.reference}").json()
    assert api["local_answers"] == [
        {
            "code": "BE-RECRUITMENT-FEE",
            "version": 1,
            "kind": "YES_NO",
            "question": "Did the worker pay a fee to get this job?",
            "question_language": "en",
            "question_fallback": False,
            "value": "no",
            "answer": "No",
        }
    ]


def test_only_the_screening_team_answers_and_retired_questions_are_not_asked(
    world: World,
) -> None:
    question = a_question(world, FEE)
    inspection = carried_out(world, an_inspection(world))
    screening = a_screening(world, inspection)
    with pytest.raises(NotFound):  # the police do not see this team's inspection
        local_answers_record(
            actor=world.actor("investigator"),
            screening=screening,
            answers=[LocalAnswerData("BE-RECRUITMENT-FEE", "yes")],
        )
    local_question_retire(
        actor=world.actor("coordinator"), question=question, expected_version=question.version
    )
    with pytest.raises(DomainError, match="no longer asked"):
        local_answers_record(
            actor=world.actor("inspector"),
            screening=screening,
            answers=[LocalAnswerData("BE-RECRUITMENT-FEE", "yes")],
        )


# The receiving centre ------------------------------------------------------------------


def test_the_screening_page_names_the_receiving_centre_before_the_referral(
    world: World, client_as: ClientAs
) -> None:
    inspection = carried_out(world, an_inspection(world, worksite=a_worksite(world)))
    adult = a_screening(world, inspection, consent="NOT_ASKED")
    html = (
        client_as("inspector").get(f"/inspections/screenings/{adult.reference}/").content.decode()
    )
    assert "The referral will go to PAG-ASA." in html
    minor = a_screening(world, inspection, presumed_minor=True, given_names="Mihai", age=None)
    html = (
        client_as("inspector").get(f"/inspections/screenings/{minor.reference}/").content.decode()
    )
    assert "The referral will go to Minor-Ndako." in html


def test_where_no_centre_serves_the_region_the_page_says_so(
    world: World, client_as: ClientAs
) -> None:
    # Flanders has an adults' centre (Payoke) but no centre for minors in the test world.
    inspection = carried_out(world, an_inspection(world, worksite=a_worksite(world, region="VLG")))
    minor = a_screening(world, inspection, presumed_minor=True, age=None)
    html = (
        client_as("inspector").get(f"/inspections/screenings/{minor.reference}/").content.decode()
    )
    assert "No specialised centre for minors serves Flanders" in html
    assert "The referral will go to" not in html
