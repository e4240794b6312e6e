"""The prosecutor's and the court's decisions feed the victims' residence pathway through
nrm.protection's own action; when the pathway refuses, the decision stands with a note."""

from __future__ import annotations

from decimal import Decimal

import pytest

from nrm.prosecution.models import CaseDecision, PathwayEffect
from nrm.prosecution.tests.support import (
    before_the_court,
    days_ago,
    decide,
    fresh,
    named_victim,
    opened_case,
    pathway_state,
    record_event,
    to_provisional_stay,
    to_temporary_stay,
)
from nrm.prosecution.vocab import PathwayEffectStatus
from nrm.protection.models import StatusEvent
from nrm.testing import World

pytestmark = pytest.mark.django_db


def test_a_positive_opinion_lets_the_immigration_office_issue_the_temporary_permit(
    world: World,
) -> None:
    case = opened_case(world)
    victim = named_victim(world, case)
    to_temporary_stay(world, case, victim)
    assert pathway_state(victim.person) == "TEMPORARY_STAY"
    opinion = CaseDecision.objects.get(case=case, transition="give_opinion")
    effect = opinion.pathway_effects.get()
    assert effect.status == PathwayEffectStatus.RECORDED
    assert effect.status_event is not None
    assert effect.status_event.type == "PROSECUTOR_OPINION"
    assert effect.status_event.details == {"positive": True}


def test_the_request_for_conviction_brings_every_victim_to_permanent_stay(world: World) -> None:
    case = opened_case(world)
    victims = [named_victim(world, case) for _ in range(2)]
    for victim in victims:
        case = to_temporary_stay(world, case, victim)
    case = before_the_court(world, case)
    case = decide(world, "prosecutor", case, "request_conviction", decided_on=days_ago(20))
    request = CaseDecision.objects.get(case=case, transition="request_conviction")
    assert [e.status for e in request.pathway_effects.all()] == ["RECORDED", "RECORDED"]
    for victim in victims:
        record_event(
            world, "immigration", victim.person, "PERMANENT_RESIDENCE_GRANTED", days_ago(15)
        )
        assert pathway_state(victim.person) == "PERMANENT_STAY"


def test_an_opinion_on_a_person_outside_the_pathway_is_recorded_with_a_visible_note(
    world: World,
) -> None:
    case = opened_case(world)
    victim = named_victim(world, case)
    case = decide(world, "prosecutor", case, "open_investigation")
    case = decide(world, "prosecutor", case, "give_opinion", victim=victim, positive=True)
    assert fresh(case).status == "INVESTIGATION"
    effect = PathwayEffect.objects.get(decision__case=case)
    assert effect.status == PathwayEffectStatus.SKIPPED
    assert effect.reason
    assert not StatusEvent.objects.filter(record__person=victim.person).exists()


def test_a_dismissal_is_recorded_in_the_pathway_of_each_victim_with_a_status(
    world: World,
) -> None:
    case = opened_case(world)
    victim = named_victim(world, case)
    to_provisional_stay(world, victim.person)
    case = decide(world, "prosecutor", case, "open_investigation", decided_on=days_ago(70))
    decide(
        world,
        "prosecutor",
        case,
        "dismiss",
        decided_on=days_ago(60),
        reason_code="INSUFFICIENT_EVIDENCE",
        reason="The employer could not be identified.",
    )
    assert StatusEvent.objects.filter(record__person=victim.person, type="DISMISSAL").exists()


def test_a_conviction_for_trafficking_is_recorded_by_the_judge(world: World) -> None:
    case = opened_case(world)
    victim = named_victim(world, case)
    case = to_temporary_stay(world, case, victim)
    case = before_the_court(world, case)
    from nrm.prosecution.actions import VerdictData
    from nrm.prosecution.models import CaseSuspect

    suspect = CaseSuspect.objects.get(case=case)
    decide(
        world,
        "judge",
        case,
        "record_judgment",
        judged_on=days_ago(5),
        verdicts=[
            VerdictData(
                suspect,
                "CONVICTED",
                convicted_of_trafficking=True,
                prison_months=36,
                confiscation_eur=Decimal("25000.00"),
            )
        ],
    )
    event = StatusEvent.objects.get(record__person=victim.person, type="CONVICTION")
    assert event.organisation == world.organisations["Court Brussels"]


def test_a_reopened_case_is_recorded_in_the_pathway_of_each_victim(world: World) -> None:
    """Issue 9 §3: reopening a dismissed case feeds CASE_REOPENED like DISMISSAL."""
    case = opened_case(world)
    victim = named_victim(world, case)
    case = to_temporary_stay(world, case, victim, on=80)
    case = decide(
        world,
        "prosecutor",
        case,
        "dismiss",
        decided_on=days_ago(40),
        reason_code="INSUFFICIENT_EVIDENCE",
        reason="The employer could not be identified.",
    )
    case = decide(
        world, "prosecutor", case, "reopen", decided_on=days_ago(20), reason="Employer found."
    )
    assert case.status == "INVESTIGATION"
    decision = CaseDecision.objects.get(case=case, transition="reopen")
    effect = PathwayEffect.objects.get(decision=decision)
    assert (effect.person, effect.event_type) == (victim.person, "CASE_REOPENED")
    assert effect.status == PathwayEffectStatus.RECORDED, effect.reason
    assert StatusEvent.objects.filter(record__person=victim.person, type="CASE_REOPENED").exists()


def test_a_reopening_for_a_victim_outside_the_pathway_is_kept_as_a_note(world: World) -> None:
    case = opened_case(world)
    victim = named_victim(world, case)
    case = decide(world, "prosecutor", case, "dismiss", reason_code="AUTHOR_UNKNOWN", reason="x")
    case = decide(world, "prosecutor", case, "reopen", reason="New facts.")
    effect = PathwayEffect.objects.get(decision__transition="reopen")
    assert effect.person == victim.person
    assert effect.status == PathwayEffectStatus.SKIPPED
    assert effect.reason
