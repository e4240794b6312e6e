"""What a centre accompanying a victim reads of the criminal procedure: the case is open, its
decisions with their dates (an opinion only about its own client), the hearing dates. No
reasons, no evidence, no statements; every read audited."""

from __future__ import annotations

from datetime import datetime, time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from nrm.access.models import AuditEvent, Purpose
from nrm.core.errors import NotFound, PermissionDenied
from nrm.prosecution import actions, queries
from nrm.prosecution.tests.support import (
    before_the_court,
    days_ago,
    decide,
    last_audit_id,
    named_victim,
    opened_case,
)
from nrm.testing import World

pytestmark = pytest.mark.django_db


def test_the_centre_sees_decisions_with_dates_and_only_its_clients_opinion(world: World) -> None:
    case = opened_case(world)
    client = named_victim(world, case)
    other = named_victim(world, case)
    world.involve(client.person, "caseworker_a", Purpose.CARE)
    case = decide(world, "prosecutor", case, "open_investigation", decided_on=days_ago(40))
    for victim, positive in ((client, True), (other, False)):
        case = decide(
            world,
            "prosecutor",
            case,
            "give_opinion",
            decided_on=days_ago(39),
            victim=victim,
            positive=positive,
            reason="Reasons that stay with the prosecution.",
        )
    case = before_the_court(world, case)
    starts = timezone.make_aware(datetime.combine(days_ago(-10), time(9)))
    actions.hearing_schedule(actor=world.actor("judge"), case=case, kind="TRIAL", starts_at=starts)
    cancelled = actions.hearing_schedule(
        actor=world.actor("judge"), case=case, kind="INTRODUCTORY", starts_at=starts
    )
    actions.hearing_cancel(actor=world.actor("judge"), hearing=cancelled)

    person, cases = queries.procedural_facts_for_person(
        world.actor("caseworker_a"), client.person.reference
    )
    [facts] = cases
    assert facts.reference == case.reference
    assert [(s.label, s.positive) for s in facts.steps] == [
        ("Open an investigation", None),
        ("Give a victim-status opinion", True),
        ("Bring the case before the court", None),
    ]
    assert [h.kind for h in facts.hearings] == ["Trial hearing"]
    assert "Reasons" not in repr(facts)
    assert person == client.person


def test_a_centre_without_the_client_gets_not_found(world: World) -> None:
    case = opened_case(world)
    victim = named_victim(world, case)
    world.involve(victim.person, "caseworker_a", Purpose.CARE)
    for persona in ("caseworker_b", "prosecutor", "immigration"):
        with pytest.raises(NotFound):
            queries.procedural_facts_for_person(world.actor(persona), victim.person.reference)
    with pytest.raises(PermissionDenied):
        queries.procedural_facts_list(world.actor("prosecutor"))


def test_the_list_of_clients_in_cases_takes_a_fixed_number_of_queries(world: World) -> None:
    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            queries.procedural_facts_list(world.actor("caseworker_a"))
        return len(captured.captured_queries)

    case = opened_case(world)
    victim = named_victim(world, case)
    world.involve(victim.person, "caseworker_a", Purpose.CARE)
    one = count()
    for _ in range(3):
        more = named_victim(world, opened_case(world))
        world.involve(more.person, "caseworker_a", Purpose.CARE)
    assert count() == one
    since = last_audit_id()
    rows = queries.procedural_facts_list(world.actor("caseworker_a"))
    assert len(rows) == 4
    event = AuditEvent.objects.get(pk__gt=since)
    assert (event.action, event.purpose) == ("procedural_facts_list", Purpose.CARE)
