"""Local operational meetings: the prosecutor with labour inspectors and local police, agenda
items about concrete case files, decisions and follow-ups with due dates."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from nrm.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from nrm.prosecution import actions, queries
from nrm.prosecution.models import FollowUp, OperationalMeeting
from nrm.prosecution.tests.support import days_ago, last_audit_id, member, opened_case
from nrm.testing import World

pytestmark = pytest.mark.django_db
ClientAs = Callable[[str], Client]


def meeting(world: World) -> OperationalMeeting:
    return actions.meeting_create(
        actor=world.actor("prosecutor"),
        held_on=days_ago(7),
        title="Monthly meeting, Brussels-South",
        location="Labour auditorate, room 2",
        participants=[world.organisations["ECOSOC Brussels"], world.organisations["FJP Brussels"]],
        notes="The site's new subcontractor was discussed.",
    )


def test_a_prosecutor_records_a_meeting_with_inspection_and_police(world: World) -> None:
    found = meeting(world)
    assert found.office == world.organisations["Auditorate Brussels"]
    with pytest.raises(DomainError):
        actions.meeting_create(
            actor=world.actor("prosecutor"),
            held_on=days_ago(1),
            title="x",
            participants=[world.organisations["PAG-ASA"]],
        )
    with pytest.raises(DomainError):
        actions.meeting_create(
            actor=world.actor("prosecutor"), held_on=days_ago(1), title="x", participants=[]
        )
    with pytest.raises(PermissionDenied):
        actions.meeting_create(
            actor=world.actor("inspector"),
            held_on=days_ago(1),
            title="x",
            participants=[world.organisations["FJP Brussels"]],
        )


def test_agenda_items_link_case_files_of_the_office(world: World) -> None:
    found = meeting(world)
    case = opened_case(world)
    item = actions.agenda_item_add(
        actor=world.actor("prosecutor"),
        meeting=found,
        topic="Evidence of the housing conditions",
        case=case,
        discussion="Photos of the containers are still missing.",
        decision="The inspection returns with the police.",
    )
    assert item.position == 1
    outsider = member(world, "prosecutor2", "Auditorate Brussels", "PROSECUTOR")
    with pytest.raises(PermissionDenied):
        actions.agenda_item_add(actor=world.actor("inspector"), meeting=found, topic="x")
    other_case = actions.case_file_open(
        actor=outsider, title="Other", exploitation_form="LABOUR", opened_on=days_ago(5)
    )
    with pytest.raises(DomainError) as refused:
        actions.agenda_item_add(
            actor=world.actor("prosecutor"), meeting=found, topic="x", case=other_case
        )
    assert refused.value.field == "case"


def test_follow_ups_are_due_and_done_by_the_responsible_organisation(world: World) -> None:
    found = meeting(world)
    item = actions.agenda_item_add(actor=world.actor("prosecutor"), meeting=found, topic="Photos")
    follow_up = actions.follow_up_add(
        actor=world.actor("prosecutor"),
        agenda_item=item,
        description="Photograph the containers.",
        responsible=world.organisations["ECOSOC Brussels"],
        due_on=days_ago(-14),
    )
    with pytest.raises(DomainError):
        actions.follow_up_add(
            actor=world.actor("prosecutor"),
            agenda_item=item,
            description="x",
            responsible=world.organisations["PAG-ASA"],
            due_on=days_ago(-14),
        )
    with pytest.raises(DomainError):
        actions.follow_up_add(
            actor=world.actor("prosecutor"),
            agenda_item=item,
            description="x",
            responsible=world.organisations["FJP Brussels"],
            due_on=days_ago(30),
        )
    assert list(queries.follow_ups_due(world.actor("inspector"))) == [follow_up]
    assert list(queries.follow_ups_due(world.actor("investigator"))) == []
    with pytest.raises(PermissionDenied):
        actions.follow_up_complete(actor=world.actor("investigator"), follow_up=follow_up)
    with pytest.raises(NotFound):
        actions.follow_up_complete(actor=world.actor("caseworker_a"), follow_up=follow_up)
    actions.follow_up_complete(actor=world.actor("inspector"), follow_up=follow_up)
    with pytest.raises(Conflict):
        actions.follow_up_complete(actor=world.actor("inspector"), follow_up=follow_up)
    assert FollowUp.objects.get().done_by == world.users["inspector"]


def test_participants_see_the_meeting_and_a_case_reference_only_if_they_see_the_case(
    world: World, client_as: ClientAs
) -> None:
    found = meeting(world)
    case = opened_case(world)
    actions.agenda_item_add(
        actor=world.actor("prosecutor"), meeting=found, topic="Site B", case=case
    )
    since = last_audit_id()
    page = client_as("inspector").get(f"/prosecution/meetings/{found.pk}/")
    assert page.status_code == 200
    assert case.reference not in page.content.decode()
    assert "a case file you are not assigned to" in page.content.decode()
    assert client_as("prosecutor").get(f"/prosecution/meetings/{found.pk}/").status_code == 200
    from nrm.access.models import AuditEvent

    assert AuditEvent.objects.filter(pk__gt=since, action="meeting_view").count() == 2
    for persona in ("caseworker_a", "judge", "analyst"):
        assert client_as(persona).get(f"/prosecution/meetings/{found.pk}/").status_code in {
            403,
            404,
        }
    assert client_as("caseworker_a").get("/prosecution/meetings/").status_code == 403


def test_the_record_is_kept_by_the_office_only(world: World, client_as: ClientAs) -> None:
    found = meeting(world)
    response = client_as("inspector").post(
        f"/prosecution/meetings/{found.pk}/", {"form": "item", "item-topic": "x"}
    )
    assert response.status_code == 403
    response = client_as("prosecutor").post(
        f"/prosecution/meetings/{found.pk}/", {"form": "item", "item-topic": ""}
    )
    assert response.status_code == 400
    response = client_as("prosecutor").post(
        f"/prosecution/meetings/{found.pk}/", {"form": "item", "item-topic": "Payslips"}
    )
    assert response.status_code == 302


def test_the_meeting_list_takes_a_fixed_number_of_queries(world: World) -> None:
    for _ in range(3):
        found = meeting(world)
        actions.agenda_item_add(actor=world.actor("prosecutor"), meeting=found, topic="x")
    with CaptureQueriesContext(connection) as captured:
        rows = list(queries.meetings_listed(world.actor("prosecutor")))
    assert len(rows) == 3
    assert len(captured.captured_queries) == 1
