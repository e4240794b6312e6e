from __future__ import annotations

import datetime as dt

import pytest

from nrm.access.models import Purpose
from nrm.core.errors import Conflict, PermissionDenied
from nrm.protection.actions import pathway_event_record
from nrm.protection.models import Deadline, DeadlineStatus
from nrm.protection.queries import pathway_get_for_actor
from nrm.testing import World


def test_the_main_journey_reaches_temporary_stay_with_its_deadline(world: World) -> None:
    person = world.person("inspector")
    world.involve(person, "caseworker_a", Purpose.CARE)
    world.involve(person, "prosecutor", Purpose.INVESTIGATION)
    day = dt.date(2025, 1, 10)
    event = pathway_event_record(
        actor=world.actor("caseworker_a"),
        person=person,
        event_type="REFERRED",
        on=day,
        expected_version=0,
    )
    record = event.record
    with pytest.raises(PermissionDenied):
        pathway_event_record(
            actor=world.actor("caseworker_a"),
            person=person,
            event_type="REFLECTION_DOCUMENT_ISSUED",
            on=day,
            expected_version=1,
        )
    pathway_event_record(
        actor=world.actor("immigration"),
        person=person,
        event_type="REFLECTION_DOCUMENT_ISSUED",
        on=day,
        expected_version=1,
    )
    deadline = Deadline.objects.get(record=record, status=DeadlineStatus.OPEN)
    assert (deadline.kind, deadline.due_on) == ("REFLECTION_END", dt.date(2025, 2, 24))
    assert deadline.organisation == world.organisations["Immigration Office"]
    with pytest.raises(Conflict):
        pathway_event_record(
            actor=world.actor("immigration"),
            person=person,
            event_type="TEMPORARY_PERMIT_ISSUED",
            on=dt.date(2025, 2, 1),
            expected_version=2,
        )
    view = pathway_get_for_actor(world.actor("immigration"), person.reference)
    assert view.state.state == "REFLECTION"
    assert any(
        c.event_type == "PROVISIONAL_DOCUMENT_ISSUED" and not c.allowed for c in view.choices
    )
