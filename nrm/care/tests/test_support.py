"""Support: one active plan per person and centre, typed with HTCDS `spl_Type` values,
and the services delivered."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client

from nrm.access.models import AuditEvent, AuditEventType, Purpose
from nrm.care.actions import (
    service_record,
    support_plan_close,
    support_plan_create,
    support_plan_update,
)
from nrm.care.models import (
    SERVICE_PLAN_TYPE,
    ServiceDelivery,
    SupportPlan,
    SupportPlanStatus,
    SupportPlanType,
)
from nrm.care.tests.setup import cared_person, days_ago, today
from nrm.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from nrm.people.models import Person
from nrm.testing import World

ClientAs = Callable[[str], Client]

# HTCDS 2.0, row 83 (`spl_Type`), value names as in the Field Standards sheet.
HTCDS_PLAN_TYPES = [
    "Education",
    "Financial",
    "Health",
    "LabourExploitationRehabilitation",
    "Legal",
    "Livelihood",
    "RightsBasedTraining",
    "SexualExploitationRehabilitation",
    "SocialCare",
]


def open_plan(
    world: World, person: Person, persona: str = "caseworker_a", **fields: Any
) -> SupportPlan:
    values: dict[str, Any] = {
        "types": ["Legal", "LabourExploitationRehabilitation"],
        "objectives": "Decide on a complaint with legal advice.",
        "action_plan": "Meet the lawyer; weekly check-in.",
        "started_on": days_ago(20),
        "planned_end_on": today() + timedelta(days=160),
    }
    values.update(fields)
    return support_plan_create(actor=world.actor(persona), person=person, **values)


def test_plan_types_are_exactly_the_htcds_support_plan_types() -> None:
    assert SupportPlanType.values == HTCDS_PLAN_TYPES
    for plan_type in SERVICE_PLAN_TYPE.values():
        assert plan_type is None or plan_type in HTCDS_PLAN_TYPES


def test_a_caseworker_opens_a_plan_and_it_is_audited(world: World) -> None:
    person = cared_person(world)

    plan = open_plan(world, person, types=["Legal", "Health", "Legal"])

    assert plan.status == SupportPlanStatus.ACTIVE
    assert plan.types == ["Health", "Legal"]  # HTCDS order, once each
    assert plan.organisation == world.organisations["PAG-ASA"]
    row = AuditEvent.objects.get(action="support_plan_create")
    assert (row.event_type, row.purpose) == (AuditEventType.CREATE, Purpose.CARE)
    assert row.changes is not None
    assert row.changes["types"] == ["Health", "Legal"]
    assert "legal advice" not in str(row.changes)  # the objectives stay out of the trail


def test_one_active_plan_per_person_and_centre(world: World) -> None:
    person = cared_person(world)
    world.involve(person, "caseworker_b", Purpose.CARE)
    open_plan(world, person)

    with pytest.raises(Conflict, match="already has an active support plan"):
        open_plan(world, person, "director_a")
    # Another centre caring for the same person keeps a plan of its own.
    theirs = open_plan(world, person, "caseworker_b", types=["SocialCare"])
    assert theirs.organisation == world.organisations["Payoke"]


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"types": []}, "types"),
        ({"types": ["Shelter"]}, "types"),
        ({"objectives": " "}, "objectives"),
        ({"planned_end_on": days_ago(30)}, "planned_end_on"),
    ],
)
def test_bad_plans_are_refused_naming_the_field(
    world: World, fields: dict[str, Any], field: str
) -> None:
    with pytest.raises(DomainError) as refused:
        open_plan(world, cared_person(world), **fields)
    assert (refused.value.status, refused.value.field) == (400, field)
    assert not SupportPlan.objects.exists()


def test_a_plan_is_changed_on_the_version_it_was_read_at(world: World) -> None:
    plan = open_plan(world, cared_person(world))
    change = {
        "plan_id": plan.pk,
        "expected_version": 1,
        "types": ["Legal", "Livelihood"],
        "objectives": "Work with the permit.",
        "action_plan": "",
        "planned_end_on": None,
    }

    changed = support_plan_update(actor=world.actor("caseworker_a"), **change)  # type: ignore[arg-type]

    assert (changed.version, changed.types) == (2, ["Legal", "Livelihood"])
    row = AuditEvent.objects.get(action="support_plan_update")
    assert row.changes is not None
    assert row.changes["types"] == {
        "old": ["LabourExploitationRehabilitation", "Legal"],
        "new": ["Legal", "Livelihood"],
    }
    assert row.changes["texts_changed"] == ["objectives", "action_plan"]
    with pytest.raises(Conflict, match="Someone else changed this plan"):
        support_plan_update(actor=world.actor("director_a"), **change)  # type: ignore[arg-type]


def test_a_plan_closes_completed_or_discontinued_and_then_a_new_one_may_open(
    world: World,
) -> None:
    person = cared_person(world)
    plan = open_plan(world, person)

    with pytest.raises(DomainError, match="completed or discontinued"):
        support_plan_close(
            actor=world.actor("caseworker_a"),
            plan_id=plan.pk,
            expected_version=1,
            status=SupportPlanStatus.ACTIVE,
            actual_end_on=today(),
        )
    with pytest.raises(DomainError, match="cannot be before the start"):
        support_plan_close(
            actor=world.actor("caseworker_a"),
            plan_id=plan.pk,
            expected_version=1,
            status=SupportPlanStatus.COMPLETED,
            actual_end_on=days_ago(40),
        )
    closed = support_plan_close(
        actor=world.actor("caseworker_a"),
        plan_id=plan.pk,
        expected_version=1,
        status=SupportPlanStatus.COMPLETED,
        actual_end_on=today(),
    )

    assert (closed.status, closed.actual_end_on) == (SupportPlanStatus.COMPLETED, today())
    assert AuditEvent.objects.get(action="support_plan_close").event_type == AuditEventType.END
    with pytest.raises(Conflict, match="closed"):
        support_plan_close(
            actor=world.actor("caseworker_a"),
            plan_id=plan.pk,
            expected_version=closed.version,
            status=SupportPlanStatus.DISCONTINUED,
            actual_end_on=today(),
        )
    assert open_plan(world, person, started_on=today()).status == SupportPlanStatus.ACTIVE


def test_another_centre_cannot_touch_a_plan(world: World) -> None:
    plan = open_plan(world, cared_person(world))

    with pytest.raises(NotFound):
        support_plan_close(
            actor=world.actor("caseworker_b"),
            plan_id=plan.pk,
            expected_version=1,
            status=SupportPlanStatus.DISCONTINUED,
            actual_end_on=today(),
        )
    with pytest.raises(NotFound):
        open_plan(world, world.person("inspector"))


# Services -------------------------------------------------------------------------------


def test_a_service_counts_under_the_plan_active_at_the_time(world: World) -> None:
    person = cared_person(world)
    before = service_record(
        actor=world.actor("caseworker_a"),
        person=person,
        service_type="Interpreting",
        delivered_on=days_ago(30),
    )
    plan = open_plan(world, person)

    service = service_record(
        actor=world.actor("caseworker_a"),
        person=person,
        service_type="Lawyer",
        delivered_on=days_ago(1),
        provider="  Bar legal aid office ",
        note="First meeting.",
    )

    assert before.plan is None
    assert (service.plan, service.provider) == (plan, "Bar legal aid office")
    assert SERVICE_PLAN_TYPE[service.service_type] == "Legal"
    row = AuditEvent.objects.filter(action="service_record").last()
    assert row is not None
    assert row.changes is not None
    assert (row.changes["service_type"], row.changes["plan"]) == ("Lawyer", plan.pk)
    assert "First meeting" not in str(row.changes)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"service_type": "Massage"}, "service_type"),
        ({"delivered_on": today() + timedelta(days=1)}, "delivered_on"),
        ({"provider": "x" * 201}, "provider"),
    ],
)
def test_bad_services_are_refused_naming_the_field(
    world: World, fields: dict[str, Any], field: str
) -> None:
    values: dict[str, Any] = {"service_type": "Health", "delivered_on": today()}
    values.update(fields)

    with pytest.raises(DomainError) as refused:
        service_record(actor=world.actor("caseworker_a"), person=cared_person(world), **values)
    assert (refused.value.status, refused.value.field) == (400, field)


@pytest.mark.parametrize("persona", ["caseworker_b", "prosecutor", "analyst"])
def test_outsiders_cannot_record_services(world: World, persona: str) -> None:
    person = cared_person(world)
    world.involve(person, "prosecutor", Purpose.INVESTIGATION)

    with pytest.raises((NotFound, PermissionDenied)) as refused:
        service_record(
            actor=world.actor(persona), person=person, service_type="Health", delivered_on=today()
        )
    assert isinstance(refused.value, NotFound)
    assert not ServiceDelivery.objects.exists()


# Pages ----------------------------------------------------------------------------------


def test_the_plan_pages_open_change_and_close_a_plan(world: World, client_as: ClientAs) -> None:
    person = cared_person(world)
    client = client_as("caseworker_a")

    opened = client.post(
        f"/care/{person.reference}/plan/new/",
        {"types": ["Legal", "Health"], "objectives": "Rest and advice.", "started_on": today()},
    )
    plan = SupportPlan.objects.get()
    changed = client.post(
        f"/care/plans/{plan.pk}/edit/",
        {"types": ["Legal"], "objectives": "Advice.", "version": "1"},
    )
    stale = client.post(
        f"/care/plans/{plan.pk}/edit/",
        {"types": ["Legal"], "objectives": "Again.", "version": "1"},
    )
    closed = client.post(
        f"/care/plans/{plan.pk}/close/",
        {"status": "DISCONTINUED", "actual_end_on": today(), "version": "2"},
    )
    after = client.get(f"/care/plans/{plan.pk}/edit/")

    assert [opened.status_code, changed.status_code, stale.status_code] == [302, 302, 409]
    assert closed.status_code == 302
    assert after.status_code == 409
    assert "This plan is closed" in after.content.decode()
    plan.refresh_from_db()
    assert (plan.status, plan.types, plan.objectives) == ("DISCONTINUED", ["Legal"], "Advice.")


def test_the_plan_page_refuses_bad_input_and_a_second_plan(
    world: World, client_as: ClientAs
) -> None:
    person = cared_person(world)
    open_plan(world, person)
    client = client_as("caseworker_a")
    url = f"/care/{person.reference}/plan/new/"

    bad = client.post(url, {"types": ["Nonsense"], "objectives": "x", "started_on": today()})
    second = client.post(url, {"types": ["Legal"], "objectives": "x", "started_on": today()})

    assert bad.status_code == 400
    assert second.status_code == 409
    assert "already has an active support plan" in second.content.decode()
    page = client.get(f"/care/{person.reference}/").content.decode()
    assert "Change the plan" in page


def test_the_service_page_records_a_service(world: World, client_as: ClientAs) -> None:
    person = cared_person(world)
    url = f"/care/{person.reference}/services/new/"

    bad = client_as("caseworker_a").post(url, {"service_type": "Health", "delivered_on": "soon"})
    done = client_as("caseworker_a").post(
        url, {"service_type": "PsychoSocial", "delivered_on": today(), "provider": "Centre"}
    )
    outsider = client_as("caseworker_b").post(
        url, {"service_type": "Health", "delivered_on": today()}
    )

    assert (bad.status_code, done.status_code, outsider.status_code) == (400, 302, 404)
    assert ServiceDelivery.objects.get().service_type == "PsychoSocial"
    assert (
        "Psycho-social support"
        in client_as("director_a").get(f"/care/{person.reference}/").content.decode()
    )


@pytest.mark.parametrize("persona", ["caseworker_b", "prosecutor", "admin"])
def test_outsiders_get_404_on_the_plan_pages(
    world: World, client_as: ClientAs, persona: str
) -> None:
    person = cared_person(world)
    world.involve(person, "prosecutor", Purpose.INVESTIGATION)
    plan = open_plan(world, person)
    client = client_as(persona)

    assert client.get(f"/care/{person.reference}/plan/new/").status_code == 404
    assert client.get(f"/care/plans/{plan.pk}/edit/").status_code == 404
    closing = client.post(
        f"/care/plans/{plan.pk}/close/",
        {"status": "DISCONTINUED", "actual_end_on": today(), "version": "1"},
    )
    assert closing.status_code == 404
    plan.refresh_from_db()
    assert plan.status == SupportPlanStatus.ACTIVE
