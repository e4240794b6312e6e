"""Two people deciding on the same status at once: one wins, the other gets a conflict
(409) and nothing of their decision is applied."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from nrm.access.models import AuditEvent
from nrm.accounts.actions import api_token_create
from nrm.core.errors import Conflict
from nrm.protection.actions import pathway_event_record
from nrm.protection.models import Deadline, DeadlineStatus, PathwayRecord, StatusEvent
from nrm.testing import World

from .support import TEMPORARY, d, involved_person, version_of, walk


def test_the_second_decision_on_the_same_version_gets_a_conflict(world: World) -> None:
    person = involved_person(world)
    walk(world, person, TEMPORARY)
    seen = version_of(person)  # both officers opened the page at this version
    officer = world.actor("immigration")

    pathway_event_record(
        actor=officer,
        person=person,
        event_type="TEMPORARY_PERMIT_RENEWED",
        on=d("2024-10-10"),
        expected_version=seen,
    )
    audit_rows = AuditEvent.objects.count()
    with pytest.raises(Conflict, match="Someone else recorded a decision meanwhile"):
        pathway_event_record(
            actor=officer,
            person=person,
            event_type="STATUS_END_DECIDED",
            on=d("2024-10-10"),
            expected_version=seen,
        )

    pathway = PathwayRecord.objects.get(person=person)
    assert (pathway.state, pathway.version) == ("TEMPORARY_STAY", seen + 1)
    assert not StatusEvent.objects.filter(type="STATUS_END_DECIDED").exists()
    assert list(
        Deadline.objects.filter(record=pathway, status=DeadlineStatus.OPEN).values_list(
            "kind", "due_on"
        )
    ) == [("TEMPORARY_PERMIT_EXPIRY", d("2025-04-10"))]
    assert AuditEvent.objects.count() == audit_rows


def test_a_version_from_the_future_is_a_conflict_too(world: World) -> None:
    person = involved_person(world)

    with pytest.raises(Conflict):
        pathway_event_record(
            actor=world.actor("caseworker_a"),
            person=person,
            event_type="REFERRED",
            on=d("2024-01-10"),
            expected_version=5,
        )

    assert not PathwayRecord.objects.filter(person=person).exists()


def test_over_the_api_the_second_caller_gets_409_with_the_reason(world: World) -> None:
    person = involved_person(world)
    walk(world, person, TEMPORARY)
    seen = version_of(person)
    _token, plaintext = api_token_create(actor=world.actor("immigration"), label="x", days=1)
    client = Client(headers={"Authorization": f"Bearer {plaintext}"})

    def post(body: dict[str, Any]) -> Any:
        return client.post(
            f"/api/v1/persons/{person.reference}/pathway/events",
            json.dumps(body),
            content_type="application/json",
        )

    first = post(
        {"type": "TEMPORARY_PERMIT_RENEWED", "date": "2024-10-10", "expected_version": seen}
    )
    second = post({"type": "STATUS_END_DECIDED", "date": "2024-10-10", "expected_version": seen})

    assert first.status_code == 201
    assert second.status_code == 409
    assert second.json() == {
        "error": {
            "code": "conflict",
            "message": "Someone else recorded a decision meanwhile. Reload and try again.",
        }
    }
    assert version_of(person) == seen + 1
