"""Local questions as installation data: the coordination unit creates, revises (a new
version each time), retires and reactivates them; the legal frameworks stay untouched."""

from __future__ import annotations

import pytest
from django.utils import translation

from nrm.access.models import AuditEvent
from nrm.core.errors import Conflict, DomainError, PermissionDenied
from nrm.indicators.actions import (
    local_question_create,
    local_question_reactivate,
    local_question_retire,
    local_question_revise,
)
from nrm.indicators.definitions import text_in
from nrm.indicators.models import LocalQuestionVersion, QuestionStatus
from nrm.indicators.tests.helpers import FEE, LIMOSA, a_question
from nrm.testing import World


def test_a_coordinator_creates_a_question_at_version_1_audited(world: World) -> None:
    question = a_question(world)
    assert question.status == QuestionStatus.ACTIVE
    assert question.current is not None
    assert question.current.number == 1
    assert question.current.choices[0] == {
        "code": "FOUND",
        "texts": {"en": "Yes, found", "fr": "Oui, trouvée"},
    }
    event = AuditEvent.objects.get(action="local_question_create", record_id=str(question.pk))
    assert event.changes == {"code": "BE-LIMOSA", "version": 1, "kind": "CHOICE"}


@pytest.mark.parametrize("persona", ["inspector", "teamlead", "admin", "analyst", "prosecutor"])
def test_only_the_coordination_unit_manages_questions(world: World, persona: str) -> None:
    with pytest.raises(PermissionDenied):
        local_question_create(actor=world.actor(persona), definition=dict(FEE))


def test_a_change_writes_a_new_version_and_keeps_the_old_one(world: World) -> None:
    question = a_question(world)
    changed = {**LIMOSA, "texts": {**LIMOSA["texts"], "nl": "Werd er een Limosa-melding gevonden?"}}
    local_question_revise(
        actor=world.actor("coordinator"),
        question=question,
        expected_version=question.version,
        definition=changed,
        change_note="Dutch added",
    )
    question.refresh_from_db()
    assert question.current is not None
    assert question.current.number == 2
    first = LocalQuestionVersion.objects.get(question=question, number=1)
    assert "nl" not in first.texts
    assert question.current.change_note == "Dutch added"
    event = AuditEvent.objects.get(action="local_question_revise", record_id=str(question.pk))
    assert event.changes == {"code": "BE-LIMOSA", "version": 2, "changed": ["texts"]}


def test_a_revision_that_changes_nothing_writes_no_version(world: World) -> None:
    question = a_question(world)
    with pytest.raises(DomainError, match="Nothing changed"):
        local_question_revise(
            actor=world.actor("coordinator"),
            question=question,
            expected_version=question.version,
            definition=dict(LIMOSA),
            change_note="none",
        )
    assert question.versions.count() == 1


def test_a_revision_on_a_stale_page_is_refused(world: World) -> None:
    question = a_question(world)
    with pytest.raises(Conflict):
        local_question_revise(
            actor=world.actor("coordinator"),
            question=question,
            expected_version=question.version - 1,
            definition={**LIMOSA, "position": 5},
            change_note="",
        )


@pytest.mark.parametrize(
    ("definition", "field"),
    [
        ({**FEE, "code": "ILO-FL-07"}, "code"),
        ({**FEE, "code": "DOCUMENTS_WITHHELD"}, "code"),
        ({**FEE, "code": "ILOEC-AL-1.01"}, "code"),
        ({**FEE, "code": "lower case"}, "code"),
        ({**FEE, "kind": "DATE"}, "kind"),
        ({**FEE, "texts": {"fr": "Seulement en français"}}, "texts.en"),
        ({**FEE, "texts": {"en": "Q", "xx": "?"}}, "texts.xx"),
        ({**LIMOSA, "choices": [{"code": "ONLY", "texts": {"en": "One"}}]}, "choices"),
        (
            {
                **LIMOSA,
                "choices": [
                    {"code": "A", "texts": {"en": "a"}},
                    {"code": "A", "texts": {"en": "b"}},
                ],
            },
            "choices[1].code",
        ),
        ({**FEE, "choices": [{"code": "A", "texts": {"en": "a"}}]}, "choices"),
        ({**FEE, "kind": "NUMBER", "minimum": "10", "maximum": "1"}, "maximum"),
    ],
)
def test_bad_definitions_are_refused_with_the_field_and_nothing_is_kept(
    world: World, definition: dict[str, object], field: str
) -> None:
    with pytest.raises(DomainError) as refused:
        local_question_create(actor=world.actor("coordinator"), definition=definition)
    assert refused.value.field == field
    assert not LocalQuestionVersion.objects.exists()


def test_retired_and_reactivated_without_a_new_version(world: World) -> None:
    question = a_question(world)
    coordinator = world.actor("coordinator")
    local_question_retire(actor=coordinator, question=question, expected_version=question.version)
    question.refresh_from_db()
    assert question.status == QuestionStatus.RETIRED
    with pytest.raises(Conflict):
        local_question_retire(
            actor=coordinator, question=question, expected_version=question.version
        )
    local_question_reactivate(
        actor=coordinator, question=question, expected_version=question.version
    )
    question.refresh_from_db()
    assert question.status == QuestionStatus.ACTIVE
    assert question.versions.count() == 1
    assert AuditEvent.objects.filter(
        action="local_question_retire", record_id=str(question.pk)
    ).exists()


def test_a_missing_language_falls_back_to_the_installation_default_shown_as_such() -> None:
    texts = {"en": "Was a Limosa declaration found?", "fr": "Déclaration Limosa trouvée ?"}
    assert text_in(texts, "fr").fallback is False
    shown = text_in(texts, "nl")
    assert (shown.text, shown.language, shown.fallback) == (texts["en"], "en", True)
    with translation.override("da"):
        assert text_in(texts).fallback is True
