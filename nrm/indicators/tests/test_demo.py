"""The demo's local questions: valid, idempotent, not repeating a legal indicator."""

from __future__ import annotations

from nrm.indicators.definitions import LEGAL_IDS
from nrm.indicators.demo import QUESTIONS, build_demo
from nrm.indicators.models import LocalAnswer, LocalQuestion
from nrm.inspections.tests.helpers import a_screening, an_inspection, carried_out
from nrm.testing import World


def test_the_demo_questions_load_once_and_are_answered_at_the_screenings_given(
    world: World,
) -> None:
    inspection = carried_out(world, an_inspection(world))
    screening = a_screening(world, inspection)
    built = build_demo(world.actors, screenings=[screening])
    assert {q.code for q in built} == {q["code"] for q in QUESTIONS}
    assert not {q.code for q in built} & LEGAL_IDS
    build_demo(world.actors, screenings=[screening])
    assert LocalQuestion.objects.count() == 3
    assert all(q.versions.count() == 1 for q in LocalQuestion.objects.all())
    answers = {a.question.code: a.value for a in LocalAnswer.objects.filter(screening=screening)}
    assert answers == {
        "BE-LIMOSA": "NOT_FOUND",
        "BE-RECRUITMENT-FEE": "yes",
        "BE-ROOM-OCCUPANTS": "6",
    }
