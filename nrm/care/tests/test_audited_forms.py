"""Every read of care data is audited, the forms included (issue 11 §7): the shelter's edit
form shows the secret address, the plan forms show the plan, the note, service and
placement forms show whose care it is. Each GET leaves one read row naming what was shown,
never its content."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from nrm.access.models import AuditEvent, AuditEventType
from nrm.care.actions import support_plan_create
from nrm.care.queries import CARE_FILE
from nrm.care.tests.setup import ADDRESS, cared_person, house, place, today
from nrm.testing import World

ClientAs = Callable[[str], Client]


def read_rows(action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action, event_type=AuditEventType.READ))


def test_the_shelter_edit_form_audits_the_address_it_shows(
    world: World, client_as: ClientAs
) -> None:
    shelter = house(world)

    page = client_as("director_a").get(f"/care/shelters/{shelter.pk}/edit/")

    assert page.status_code == 200
    assert ADDRESS in page.content.decode()
    [row] = read_rows("shelter_edit_view")
    assert row.actor == world.users["director_a"]
    assert row.record_id == str(shelter.pk)
    assert row.changes == {"fields": ["address"]}


def test_a_caseworker_refused_the_edit_form_leaves_no_address_read(
    world: World, client_as: ClientAs
) -> None:
    shelter = house(world)

    assert client_as("caseworker_a").get(f"/care/shelters/{shelter.pk}/edit/").status_code == 403
    assert read_rows("shelter_edit_view") == []


@pytest.mark.parametrize(
    ("path", "action"),
    [
        ("notes/new/", "care_note_form_view"),
        ("plan/new/", "care_plan_form_view"),
        ("services/new/", "care_service_form_view"),
        ("placements/new/", "care_placement_form_view"),
    ],
)
def test_a_form_about_a_person_audits_the_read(
    world: World, client_as: ClientAs, path: str, action: str
) -> None:
    person = cared_person(world)
    house(world)

    assert client_as("caseworker_a").get(f"/care/{person.reference}/{path}").status_code == 200

    [row] = read_rows(action)
    assert row.record_type == CARE_FILE
    assert row.record_id == str(person.pk)
    assert row.changes["reference"] == person.reference


@pytest.mark.parametrize(
    ("path", "action"), [("edit/", "care_plan_edit_view"), ("close/", "care_plan_close_view")]
)
def test_the_plan_forms_audit_the_plan_they_show(
    world: World, client_as: ClientAs, path: str, action: str
) -> None:
    person = cared_person(world)
    plan = support_plan_create(
        actor=world.actor("caseworker_a"),
        person=person,
        types=["Legal"],
        objectives="Prepare the hearing with the lawyer.",
        started_on=today(),
    )

    page = client_as("caseworker_a").get(f"/care/plans/{plan.pk}/{path}")

    assert page.status_code == 200
    [row] = read_rows(action)
    assert row.changes == {"reference": person.reference, "plans": [plan.pk]}
    assert "Prepare the hearing" not in str(row.changes)


def test_the_departure_form_audits_the_placement_it_shows(
    world: World, client_as: ClientAs
) -> None:
    person = cared_person(world)
    placement = place(world, person, house(world))

    page = client_as("caseworker_a").get(f"/care/placements/{placement.pk}/depart/")

    assert page.status_code == 200
    [row] = read_rows("care_departure_form_view")
    assert row.changes == {"reference": person.reference, "placements": [placement.pk]}


def test_an_outsider_gets_404_and_no_read_is_recorded(world: World, client_as: ClientAs) -> None:
    person = cared_person(world)

    assert client_as("caseworker_b").get(f"/care/{person.reference}/notes/new/").status_code == 404
    assert read_rows("care_note_form_view") == []
