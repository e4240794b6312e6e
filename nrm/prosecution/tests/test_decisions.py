"""Every decision of the table: its sources and target, its guards, who takes it, the
version it was taken on, and that a refused decision leaves nothing behind."""

from __future__ import annotations

from decimal import Decimal

import pytest

from nrm.core.errors import Conflict, DomainError, PermissionDenied
from nrm.prosecution import actions, workflow
from nrm.prosecution.actions import VerdictData
from nrm.prosecution.models import CaseDecision, CaseSuspect, Judgment, Verdict
from nrm.prosecution.tests.support import (
    assign,
    audit_actions,
    before_the_court,
    charged_suspect,
    days_ago,
    decide,
    fresh,
    last_audit_id,
    member,
    named_victim,
    opened_case,
)
from nrm.prosecution.vocab import CaseStatus
from nrm.testing import World

pytestmark = pytest.mark.django_db
S = CaseStatus


def _judged(world: World, *, trafficking: bool = True):  # type: ignore[no-untyped-def]
    case = before_the_court(world, opened_case(world))
    suspect = CaseSuspect.objects.get(case=case)
    case = decide(
        world,
        "judge",
        case,
        "record_judgment",
        verdicts=[VerdictData(suspect, "CONVICTED", convicted_of_trafficking=trafficking)],
    )
    return case


def test_the_table_names_every_transition_with_who_takes_it_and_its_legal_basis() -> None:
    assert list(workflow.TRANSITIONS) == [
        "open_investigation",
        "give_opinion",
        "dismiss",
        "reopen",
        "indict",
        "request_conviction",
        "record_judgment",
        "appeal",
        "finalise",
    ]
    for transition in workflow.TRANSITIONS.values():
        assert transition.sources
        assert workflow.taken_by(transition)
        assert transition.legal_basis is not None
        assert transition.legal_basis.sources
        assert set(transition.sources) <= set(S.values)
    assert workflow.taken_by(workflow.RECORD_JUDGMENT) == [("COURT", "JUDGE")]
    assert workflow.taken_by(workflow.INDICT) == [("PROSECUTION_OFFICE", "PROSECUTOR")]


def test_a_new_case_file_is_registered_and_its_prosecutor_may_open_an_investigation(
    world: World,
) -> None:
    case = opened_case(world)
    assert case.status == S.REGISTERED
    available = {a.name: a for a in workflow.available_transitions(case, world.actor("prosecutor"))}
    assert available["open_investigation"].allowed
    assert available["dismiss"].allowed
    assert not available["indict"].allowed
    assert available["indict"].refusal is Conflict
    assert not available["give_opinion"].allowed
    assert "victims" in available["give_opinion"].reason
    case = decide(world, "prosecutor", case, "open_investigation")
    assert case.status == S.INVESTIGATION
    assert case.version == 2


def test_the_court_sees_why_it_cannot_take_the_prosecutions_decisions(world: World) -> None:
    case = before_the_court(world, opened_case(world))
    available = {a.name: a for a in workflow.available_transitions(case, world.actor("judge"))}
    assert available["indict"].refusal is PermissionDenied
    assert "prosecutors" in available["indict"].reason
    assert available["record_judgment"].allowed


def test_an_investigator_takes_no_decision(world: World) -> None:
    case = opened_case(world)
    assign(world, case, world.actor("investigator"))
    with pytest.raises(PermissionDenied):
        decide(world, "investigator", case, "open_investigation")
    assert fresh(case).status == S.REGISTERED


def test_the_judge_cannot_open_an_investigation(world: World) -> None:
    case = before_the_court(world, opened_case(world))
    with pytest.raises(PermissionDenied):
        decide(world, "judge", case, "dismiss", reason_code="OTHER", reason="x")


def test_a_positive_opinion_needs_the_investigation_opened_first(world: World) -> None:
    case = opened_case(world)
    victim = named_victim(world, case)
    with pytest.raises(Conflict):
        decide(world, "prosecutor", case, "give_opinion", victim=victim, positive=True)
    case = decide(world, "prosecutor", case, "give_opinion", victim=victim, positive=False)
    assert case.status == S.REGISTERED
    assert CaseDecision.objects.get(case=case).positive is False


def test_an_opinion_concerns_a_victim_of_this_case(world: World) -> None:
    case = opened_case(world)
    named_victim(world, case)
    other = named_victim(world, opened_case(world))
    case = decide(world, "prosecutor", case, "open_investigation")
    with pytest.raises(DomainError) as refused:
        decide(world, "prosecutor", case, "give_opinion", victim=other, positive=True)
    assert refused.value.field == "victim"


def test_a_dismissal_needs_a_ground_and_reasons(world: World) -> None:
    case = opened_case(world)
    with pytest.raises(DomainError) as no_reason:
        decide(world, "prosecutor", case, "dismiss", reason_code="NO_OFFENCE", reason=" ")
    assert no_reason.value.field == "reason"
    with pytest.raises(DomainError) as bad_code:
        decide(world, "prosecutor", case, "dismiss", reason_code="BORED", reason="x")
    assert bad_code.value.field == "reason_code"
    case = decide(
        world, "prosecutor", case, "dismiss", reason_code="NO_OFFENCE", reason="No exploitation."
    )
    assert case.status == S.DISMISSED
    decision = CaseDecision.objects.get(case=case)
    assert (decision.reason_code, decision.reason) == ("NO_OFFENCE", "No exploitation.")


def test_a_dismissed_case_can_be_reopened_with_reasons(world: World) -> None:
    case = opened_case(world)
    case = decide(world, "prosecutor", case, "dismiss", reason_code="AUTHOR_UNKNOWN", reason="x")
    with pytest.raises(Conflict):
        decide(world, "prosecutor", case, "open_investigation")
    with pytest.raises(DomainError):
        decide(world, "prosecutor", case, "reopen", reason="")
    case = decide(world, "prosecutor", case, "reopen", reason="The employer was found.")
    assert case.status == S.INVESTIGATION


def test_an_indictment_needs_a_charged_suspect_and_a_court(world: World) -> None:
    case = decide(world, "prosecutor", opened_case(world), "open_investigation")
    with pytest.raises(Conflict) as guard:
        decide(world, "prosecutor", case, "indict", court=world.organisations["Court Brussels"])
    assert "Charge" in guard.value.message
    charged_suspect(world, case)
    with pytest.raises(DomainError) as no_court:
        decide(world, "prosecutor", case, "indict")
    assert no_court.value.field == "court"
    with pytest.raises(DomainError):
        decide(world, "prosecutor", case, "indict", court=world.organisations["PAG-ASA"])
    case = decide(world, "prosecutor", case, "indict", court=world.organisations["Court Brussels"])
    assert (case.status, case.court) == (S.INDICTED, world.organisations["Court Brussels"])


def test_a_conviction_for_trafficking_is_requested_only_against_a_trafficking_charge(
    world: World,
) -> None:
    case = decide(world, "prosecutor", opened_case(world), "open_investigation")
    charged_suspect(world, case, provision="BE-SPC-175")
    case = decide(world, "prosecutor", case, "indict", court=world.organisations["Court Brussels"])
    with pytest.raises(Conflict) as guard:
        decide(world, "prosecutor", case, "request_conviction")
    assert "trafficking" in guard.value.message
    assert fresh(case).status == S.INDICTED


def test_the_request_names_the_defendants_charged_with_trafficking(world: World) -> None:
    case = before_the_court(world, opened_case(world))
    trafficker = CaseSuspect.objects.get(case=case)
    case = decide(world, "prosecutor", case, "request_conviction", defendants=[trafficker])
    assert case.status == S.CONVICTION_REQUESTED
    assert CaseDecision.objects.get(case=case, transition="request_conviction").details == {
        "defendants": [trafficker.pk]
    }


def test_a_judgment_gives_a_verdict_for_every_charged_defendant(world: World) -> None:
    case = before_the_court(world, opened_case(world))
    first = CaseSuspect.objects.get(case=case)
    second = charged_suspect(world, case, provision="BE-SPC-175")
    with pytest.raises(DomainError) as missing:
        decide(world, "judge", case, "record_judgment", verdicts=[VerdictData(first, "ACQUITTED")])
    assert "missing" in missing.value.message
    assert not Judgment.objects.exists()
    with pytest.raises(DomainError):
        decide(
            world,
            "judge",
            case,
            "record_judgment",
            verdicts=[
                VerdictData(first, "CONVICTED"),
                VerdictData(second, "CONVICTED", convicted_of_trafficking=True),
            ],
        )
    with pytest.raises(DomainError):
        decide(
            world,
            "judge",
            case,
            "record_judgment",
            verdicts=[
                VerdictData(first, "ACQUITTED", prison_months=12),
                VerdictData(second, "ACQUITTED"),
            ],
        )
    case = decide(
        world,
        "judge",
        case,
        "record_judgment",
        verdicts=[
            VerdictData(
                first,
                "CONVICTED",
                convicted_of_trafficking=True,
                prison_months=48,
                suspension="PARTLY",
                fine_eur="8000.00",
                confiscation_eur=Decimal("120000.50"),
            ),
            VerdictData(second, "ACQUITTED"),
        ],
    )
    assert case.status == S.JUDGED
    judgment = Judgment.objects.get(case=case)
    assert judgment.instance == "FIRST"
    convicted = Verdict.objects.get(suspect=first)
    assert convicted.fine_eur == Decimal("8000.00")
    assert convicted.confiscation_eur == Decimal("120000.50")


def test_the_prosecution_appeals_and_the_court_judges_again_on_appeal(world: World) -> None:
    case = _judged(world)
    with pytest.raises(PermissionDenied):
        decide(world, "prosecutor", case, "appeal", appellant="DEFENDANT")
    case = decide(world, "prosecutor", case, "appeal", appellant="PROSECUTION")
    assert case.status == S.APPEALED
    suspect = CaseSuspect.objects.get(case=case)
    case = decide(
        world,
        "judge",
        case,
        "record_judgment",
        verdicts=[VerdictData(suspect, "CONVICTED", convicted_of_trafficking=True)],
    )
    assert case.status == S.JUDGED
    assert list(Judgment.objects.filter(case=case).values_list("instance", flat=True)) == [
        "FIRST",
        "APPEAL",
    ]


def test_the_court_records_a_defendants_appeal(world: World) -> None:
    case = decide(world, "judge", _judged(world), "appeal", appellant="DEFENDANT")
    assert case.status == S.APPEALED


def test_a_final_judgment_closes_the_case(world: World) -> None:
    case = decide(world, "prosecutor", _judged(world), "finalise")
    assert case.status == S.FINAL
    available = workflow.available_transitions(case, world.actor("prosecutor"))
    assert not any(a.allowed for a in available)


def test_two_people_deciding_at_once_the_second_gets_a_conflict(world: World) -> None:
    case = opened_case(world)
    colleague = member(world, "prosecutor2", "Auditorate Brussels", "PROSECUTOR")
    assign(world, case, colleague, role="PROSECUTOR")
    stale = fresh(case)
    actions.case_investigation_open(
        actor=world.actor("prosecutor"),
        case=stale,
        expected_version=stale.version,
        decided_on=days_ago(3),
    )
    since = last_audit_id()
    with pytest.raises(Conflict):
        actions.case_dismiss(
            actor=colleague,
            case=stale,
            expected_version=stale.version,
            decided_on=days_ago(3),
            reason_code="OTHER",
            reason="x",
        )
    assert fresh(case).status == S.INVESTIGATION
    assert CaseDecision.objects.filter(case=case).count() == 1
    assert audit_actions(since) == []


def test_a_decision_dated_in_the_future_or_before_the_file_is_refused(world: World) -> None:
    case = opened_case(world, opened_days_ago=20)
    with pytest.raises(DomainError):
        decide(world, "prosecutor", case, "open_investigation", decided_on=days_ago(-1))
    with pytest.raises(DomainError):
        decide(world, "prosecutor", case, "open_investigation", decided_on=days_ago(30))
    assert fresh(case).version == 1


def test_every_decision_is_audited_with_the_status_change(world: World) -> None:
    case = opened_case(world)
    since = last_audit_id()
    decide(world, "prosecutor", case, "open_investigation")
    assert audit_actions(since) == ["case_open_investigation"]


def test_an_outsider_prosecutor_of_the_same_office_gets_not_found(world: World) -> None:
    from nrm.core.errors import NotFound

    case = opened_case(world)
    colleague = member(world, "prosecutor2", "Auditorate Brussels", "PROSECUTOR")
    with pytest.raises(NotFound):
        decide(world, colleague, case, "open_investigation")
