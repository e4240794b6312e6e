"""Opening a case file and naming what it is about: assignments and the involvements they
open, victims, suspects, companies with their chain, inspections and evidence, hearings."""

from __future__ import annotations

import io
from datetime import datetime, time

import pytest
from django.utils import timezone

from nrm.access.models import Involvement, InvolvementBasis
from nrm.access.policy import Ability, decide_person
from nrm.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from nrm.inspections.actions import (
    WorksiteData,
    evidence_add,
    inspection_carry_out,
    inspection_plan,
    worksite_create,
)
from nrm.inspections.models import Inspection
from nrm.organisations.models import Region
from nrm.people.actions import PersonData
from nrm.prosecution import actions
from nrm.prosecution.models import CaseAssignment, CaseCompany, CaseSuspect, Hearing
from nrm.prosecution.tests.support import (
    MINIMAL_PDF,
    assign,
    audit_actions,
    before_the_court,
    chain,
    days_ago,
    last_audit_id,
    member,
    named_victim,
    opened_case,
    police_person,
)
from nrm.testing import World

pytestmark = pytest.mark.django_db


def test_a_prosecutor_opens_a_case_file_in_their_office_and_is_assigned(world: World) -> None:
    case = opened_case(world)
    assert case.office == world.organisations["Auditorate Brussels"]
    assert case.judicial_district is not None
    assignment = CaseAssignment.objects.get(case=case)
    assert (assignment.user, assignment.role) == (world.users["prosecutor"], "PROSECUTOR")
    assert "case_file_open" in audit_actions()


@pytest.mark.parametrize("persona", ["investigator", "judge", "inspector", "caseworker_a", "admin"])
def test_only_a_prosecutor_opens_a_case_file(world: World, persona: str) -> None:
    with pytest.raises(PermissionDenied):
        actions.case_file_open(
            actor=world.actor(persona), title="x", exploitation_form="LABOUR", opened_on=days_ago(1)
        )


def test_bad_input_opens_nothing(world: World) -> None:
    for title, form, on, field in [
        ("", "LABOUR", days_ago(1), "title"),
        ("x", "FOOTBALL", days_ago(1), "exploitation_form"),
        ("x", "LABOUR", days_ago(-2), "opened_on"),
    ]:
        with pytest.raises(DomainError) as refused:
            actions.case_file_open(
                actor=world.actor("prosecutor"), title=title, exploitation_form=form, opened_on=on
            )
        assert refused.value.field == field
    assert not CaseAssignment.objects.exists()


def test_naming_a_victim_gives_the_case_team_and_the_court_a_reason_to_see_the_person(
    world: World,
) -> None:
    case = before_the_court(world, opened_case(world))
    victim = named_victim(world, case)
    person = victim.person
    office = Involvement.objects.get(
        person=person, organisation=world.organisations["Auditorate Brussels"]
    )
    assert office.basis == InvolvementBasis.CASE_FILE
    assert list(office.assigned_users.all()) == [world.users["prosecutor"]]
    court = Involvement.objects.get(
        person=person, organisation=world.organisations["Court Brussels"]
    )
    assert not court.assigned_users.exists()
    for persona in ("prosecutor", "judge", "investigator"):
        assert decide_person(world.actor(persona), person.pk, Ability.PERSON_VIEW).allowed


def test_naming_a_person_that_the_case_does_not_know_answers_like_a_missing_reference(
    world: World,
) -> None:
    case = opened_case(world)
    stranger = world.person("caseworker_b")
    for reference in (stranger.reference, "P-ZZZZ-ZZZZ"):
        with pytest.raises(DomainError) as refused:
            actions.case_victim_add(
                actor=world.actor("prosecutor"), case=case, person_reference=reference
            )
        assert refused.value.message == "No such person among those known to this case."


def test_a_victim_is_named_once(world: World) -> None:
    case = opened_case(world)
    victim = named_victim(world, case)
    with pytest.raises(Conflict):
        named_victim(world, case, victim.person)


def test_an_existing_involvement_open_to_the_whole_unit_stays_open_to_it(world: World) -> None:
    case = opened_case(world)
    person = police_person(world)  # the unit met the person: everyone in it sees them
    colleague = member(world, "investigator2", "FJP Brussels", "INVESTIGATOR")
    named_victim(world, case, person)
    unit = Involvement.objects.get(person=person, organisation=world.organisations["FJP Brussels"])
    assert not unit.assigned_users.exists()
    assert decide_person(colleague, person.pk, Ability.PERSON_VIEW).allowed


def test_a_suspect_is_a_known_person_a_new_person_or_a_linked_company(world: World) -> None:
    case = opened_case(world)
    named_victim(world, case)
    known = actions.case_suspect_add(
        actor=world.actor("prosecutor"), case=case, person_reference=police_person(world).reference
    )
    new = actions.case_suspect_add(
        actor=world.actor("prosecutor"),
        case=case,
        new_person=PersonData(given_names="Marius", family_name="Dobre", nationalities=["RO"]),
    )
    assert new.person is not None
    assert decide_person(world.actor("prosecutor"), new.person.pk, Ability.PERSON_VIEW).allowed
    _site, _principal, _contractor, employer = chain(world)
    with pytest.raises(DomainError):
        actions.case_suspect_add(actor=world.actor("prosecutor"), case=case, company=employer)
    actions.case_company_link(
        actor=world.actor("prosecutor"), case=case, company=employer, role="EMPLOYER"
    )
    company = actions.case_suspect_add(actor=world.actor("prosecutor"), case=case, company=employer)
    assert company.label == "Renov SRL"
    assert known.person is not None
    assert known.label == known.person.reference  # never a name
    with pytest.raises(DomainError):
        actions.case_suspect_add(actor=world.actor("prosecutor"), case=case)
    assert CaseSuspect.objects.filter(case=case).count() == 3


def test_a_company_is_linked_with_the_site_whose_chain_it_belongs_to(world: World) -> None:
    case = opened_case(world)
    site, principal, contractor, employer = chain(world)
    other_site = worksite_create(
        actor=world.actor("inspector"),
        data=WorksiteData(
            name="Elsewhere", kind="SHOP", address="x", region=Region.objects.get(code="BRU")
        ),
    )
    with pytest.raises(DomainError) as refused:
        actions.case_company_link(
            actor=world.actor("prosecutor"),
            case=case,
            company=employer,
            role="EMPLOYER",
            worksite=other_site,
        )
    assert refused.value.field == "worksite"
    link = actions.case_company_link(
        actor=world.actor("prosecutor"), case=case, company=employer, role="EMPLOYER", worksite=site
    )
    assert link.worksite == site
    with pytest.raises(Conflict):
        actions.case_company_link(
            actor=world.actor("prosecutor"), case=case, company=employer, role="OTHER"
        )
    from nrm.prosecution.queries import case_view

    view = case_view(world.actor("prosecutor"), case)
    assert view.companies[0].chain_above == ["Bouw BV", "Immo NV"]
    assert CaseCompany.objects.count() == 1
    del principal, contractor


def test_an_investigator_is_assigned_from_police_or_inspection_only(world: World) -> None:
    case = opened_case(world)
    assign(world, case, world.actor("inspector"))
    with pytest.raises(DomainError):
        assign(world, case, world.actor("caseworker_a"))
    with pytest.raises(DomainError):
        assign(world, case, world.actor("investigator"), role="PROSECUTOR")
    with pytest.raises(Conflict):
        assign(world, case, world.actor("inspector"))


def test_only_an_assigned_prosecutor_assigns(world: World) -> None:
    case = opened_case(world)
    assign(world, case, world.actor("investigator"))
    with pytest.raises(PermissionDenied):
        actions.case_assignment_add(
            actor=world.actor("investigator"),
            case=case,
            user=world.users["inspector"],
            organisation=world.organisations["ECOSOC Brussels"],
            role="INVESTIGATOR",
        )


def test_ending_an_assignment_ends_the_access_it_gave(world: World) -> None:
    case = opened_case(world)
    victim = named_victim(world, case)
    inspector = world.actor("inspector")
    assign(world, case, inspector)
    assert decide_person(inspector, victim.person.pk, Ability.PERSON_VIEW).allowed
    assignment = CaseAssignment.objects.get(case=case, user=inspector.user)
    actions.case_assignment_end(actor=world.actor("prosecutor"), assignment=assignment)
    assert not decide_person(inspector, victim.person.pk, Ability.PERSON_VIEW).allowed
    with pytest.raises(Conflict):
        actions.case_assignment_end(actor=world.actor("prosecutor"), assignment=assignment)


def test_a_case_keeps_at_least_one_prosecutor(world: World) -> None:
    case = opened_case(world)
    only = CaseAssignment.objects.get(case=case)
    with pytest.raises(Conflict):
        actions.case_assignment_end(actor=world.actor("prosecutor"), assignment=only)


def _inspection(world: World) -> Inspection:
    inspector = world.actor("inspector")
    planned = inspection_plan(actor=inspector, planned_on=days_ago(40), sector="F")
    return inspection_carry_out(
        actor=inspector, inspection=planned, expected_version=1, carried_out_on=days_ago(40)
    )


def test_an_assigned_inspector_links_the_inspection_and_its_evidence(world: World) -> None:
    case = opened_case(world)
    inspector = world.actor("inspector")
    assign(world, case, inspector)
    inspection = _inspection(world)
    evidence = evidence_add(
        actor=inspector, inspection=inspection, kind="PAY_SLIP", upload=io.BytesIO(MINIMAL_PDF)
    )
    actions.case_evidence_link(actor=inspector, case=case, evidence=evidence)
    assert case.inspection_links.get().inspection == inspection  # linked with its evidence
    with pytest.raises(Conflict):
        actions.case_inspection_link(actor=inspector, case=case, inspection=inspection)
    with pytest.raises(Conflict):
        actions.case_evidence_link(actor=inspector, case=case, evidence=evidence)


def test_a_prosecutor_cannot_link_an_inspection_they_do_not_see(world: World) -> None:
    case = opened_case(world)
    with pytest.raises(DomainError) as refused:
        actions.case_inspection_link(
            actor=world.actor("prosecutor"), case=case, inspection=_inspection(world)
        )
    assert refused.value.field == "inspection"


def test_a_hearing_is_scheduled_once_a_court_is_seised(world: World) -> None:
    case = opened_case(world)
    starts = timezone.make_aware(datetime.combine(days_ago(-20), time(9, 30)))
    with pytest.raises(Conflict):
        actions.hearing_schedule(
            actor=world.actor("prosecutor"), case=case, kind="TRIAL", starts_at=starts
        )
    case = before_the_court(world, case)
    hearing = actions.hearing_schedule(
        actor=world.actor("judge"), case=case, kind="TRIAL", starts_at=starts, room="Room 4"
    )
    assert hearing.court == world.organisations["Court Brussels"]
    actions.hearing_cancel(actor=world.actor("prosecutor"), hearing=hearing)
    with pytest.raises(Conflict):
        actions.hearing_cancel(actor=world.actor("prosecutor"), hearing=hearing)
    assert Hearing.objects.get().cancelled_at is not None


def test_outsiders_cannot_write_on_a_case_file(world: World) -> None:
    case = opened_case(world)
    since = last_audit_id()
    for persona in ("investigator", "judge", "caseworker_a", "analyst"):
        with pytest.raises(NotFound):
            actions.case_victim_add(
                actor=world.actor(persona), case=case, person_reference="P-AAAA-AAAA"
            )
    assert audit_actions(since) == []
