"""Every Belgian transition and guard, through the action: each state reached by the
organisations that decide, each event recordable only by the organisation that takes it,
each guard refusing with its reason, and a refusal applying nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction
from django.test import override_settings

from nrm.access.models import AuditEvent, Involvement, Purpose
from nrm.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from nrm.pathway import Event, PathwayConfig, rules_for
from nrm.people.models import Person
from nrm.protection.models import Deadline, PathwayRecord
from nrm.testing import World

from .support import (
    BE_PATHS,
    CHARGED,
    COMPLAINED,
    DISMISSED,
    OPINION,
    PROVISIONAL,
    RECORDER,
    REFERRED,
    REFLECTION,
    TEMPORARY,
    ev,
    involved_person,
    record,
    state_of,
    version_of,
    walk,
)

# Personas whose organisation is involved with the person, and those who are not.
INVOLVED = [
    "inspector",
    "teamlead",
    "investigator",
    "prosecutor",
    "judge",
    "caseworker_a",
    "director_a",
    "immigration",
]
OUTSIDERS = ["caseworker_b", "caseworker_minors", "coordinator", "analyst", "admin"]

CENTRE = {"caseworker_a", "director_a"}
IMMIGRATION = {"immigration"}
FLAGGERS = {*CENTRE, "prosecutor", "investigator"}
# Who records each event: CONTRACTS.md §2 "Taken by", through nrm/protection/rules.py.
DECIDERS: dict[str, set[str]] = {
    "DETECTED": {"inspector", "teamlead", "investigator", *CENTRE},
    "REFERRED": CENTRE,
    "REFLECTION_DOCUMENT_ISSUED": IMMIGRATION,
    "COMPLAINT_FILED": {"investigator", "prosecutor"},
    "PROVISIONAL_DOCUMENT_ISSUED": IMMIGRATION,
    "PROVISIONAL_DOCUMENT_EXTENDED": IMMIGRATION,
    "PROSECUTOR_OPINION": {"prosecutor"},
    "TEMPORARY_PERMIT_ISSUED": IMMIGRATION,
    "TEMPORARY_PERMIT_RENEWED": IMMIGRATION,
    "TRAFFICKING_CHARGE_REQUESTED": {"prosecutor"},
    "CONVICTION": {"judge"},
    "PERMANENT_RESIDENCE_GRANTED": IMMIGRATION,
    "DISMISSAL": {"prosecutor"},
    "HUMANITARIAN_RESIDENCE_GRANTED": IMMIGRATION,
    "RECONTACT_WITH_EXPLOITER": FLAGGERS,
    "COOPERATION_WITHDRAWN": FLAGGERS,
    "PUBLIC_ORDER_FLAG": FLAGGERS,
    "STATUS_END_DECIDED": IMMIGRATION,
    "VOLUNTARY_RETURN": CENTRE,
    "CASE_REOPENED": {"prosecutor"},
    "DOCUMENT_REQUESTED": CENTRE,
    "DOCUMENT_REFUSED": IMMIGRATION,
    # The minors' centre records it; for an adult it is refused whoever records it.
    "GUARDIAN_APPOINTED": CENTRE,
}
# For each event: the events before it, its date and its parameters, so that it is allowed.
READY: dict[str, tuple[tuple[Event, ...], str, dict[str, Any]]] = {
    "DETECTED": ((), "2024-01-09", {}),
    "REFERRED": ((), "2024-01-10", {}),
    "REFLECTION_DOCUMENT_ISSUED": (REFERRED, "2024-01-10", {}),
    "COMPLAINT_FILED": (REFLECTION, "2024-02-01", {}),
    "PROVISIONAL_DOCUMENT_ISSUED": (COMPLAINED, "2024-02-01", {}),
    "PROVISIONAL_DOCUMENT_EXTENDED": (PROVISIONAL, "2024-04-20", {}),
    "PROSECUTOR_OPINION": (PROVISIONAL, "2024-04-15", {"positive": True}),
    "TEMPORARY_PERMIT_ISSUED": (OPINION, "2024-04-15", {}),
    "TEMPORARY_PERMIT_RENEWED": (TEMPORARY, "2024-10-10", {}),
    "TRAFFICKING_CHARGE_REQUESTED": (TEMPORARY, "2024-09-01", {}),
    "CONVICTION": (TEMPORARY, "2024-09-01", {}),
    "PERMANENT_RESIDENCE_GRANTED": (CHARGED, "2024-09-20", {}),
    "DISMISSAL": (TEMPORARY, "2024-09-01", {}),
    "HUMANITARIAN_RESIDENCE_GRANTED": (DISMISSED, "2026-03-01", {}),
    "RECONTACT_WITH_EXPLOITER": (REFLECTION, "2024-01-20", {}),
    "COOPERATION_WITHDRAWN": (REFLECTION, "2024-01-20", {}),
    "PUBLIC_ORDER_FLAG": (REFLECTION, "2024-01-20", {}),
    "STATUS_END_DECIDED": (REFLECTION, "2024-02-25", {}),
    "VOLUNTARY_RETURN": (REFERRED, "2024-01-12", {}),
    "CASE_REOPENED": (DISMISSED, "2025-09-10", {}),
    "GUARDIAN_APPOINTED": (REFERRED, "2024-01-11", {"guardian_name": "A. Janssens"}),
    "DOCUMENT_REQUESTED": (REFERRED, "2024-01-10", {"document": "ANNEX_15"}),
    "DOCUMENT_REFUSED": (
        (*REFERRED, ev("2024-01-10", "DOCUMENT_REQUESTED", document="ANNEX_15")),
        "2024-01-15",
        {"note": "The identity papers are missing."},
    ),
}


def snapshot(person: Person) -> tuple[Any, ...]:
    """Everything a refused event must leave as it was."""
    record = PathwayRecord.objects.filter(person=person).first()
    return (
        record.version if record else None,
        record.state if record else None,
        list(record.events.values_list("type", "on")) if record else [],
        sorted(Deadline.objects.filter(record=record).values_list("kind", "due_on", "status")),
        AuditEvent.objects.count(),
        Involvement.objects.filter(person=person).count(),
    )


def refused(world: World, persona: str, person: Person, event_type: str, on: str, **kw: Any) -> str:
    """Record an event the rules refuse: 409 with the reason, and nothing applied."""
    before = snapshot(person)
    with pytest.raises(Conflict) as caught:
        record(world, persona, person, event_type, on, **kw)
    assert snapshot(person) == before
    return caught.value.message


def test_the_tables_cover_every_belgian_event() -> None:
    assert set(DECIDERS) == set(READY) == set(rules_for("BE").event_types)
    assert set(RECORDER) == set(DECIDERS)
    assert all(RECORDER[event] in DECIDERS[event] for event in DECIDERS)


@pytest.mark.parametrize("state", list(BE_PATHS))
def test_each_state_is_reached_through_the_action_by_the_organisations_that_decide(
    world: World, state: str
) -> None:
    person = involved_person(world)

    walk(world, person, BE_PATHS[state])

    pathway = PathwayRecord.objects.get(person=person)
    assert pathway.state == state
    assert pathway.version == len(BE_PATHS[state])
    events = list(pathway.events.select_related("organisation"))
    assert [e.type for e in events] == [e.type for e in BE_PATHS[state]]
    assert [e.sequence for e in events] == list(range(1, len(events) + 1))
    for event in events:
        assert event.organisation == world.actor(RECORDER[event.type]).organisation


@pytest.mark.parametrize("event_type", sorted(READY))
def test_only_the_organisation_that_takes_an_event_may_record_it(
    world: World, event_type: str
) -> None:
    # A guardian is appointed only for an unaccompanied minor.
    minor = {"age_at_first_contact": 15} if event_type == "GUARDIAN_APPOINTED" else {}
    person = involved_person(world, **minor)
    before, on, parameters = READY[event_type]
    walk(world, person, before)
    version = version_of(person)

    for persona in INVOLVED:
        if persona in DECIDERS[event_type]:
            # Accepted; rolled back so that the next persona tries on the same state.
            with transaction.atomic():
                record(world, persona, person, event_type, on, **parameters)
                assert version_of(person) == version + 1
                transaction.set_rollback(True)
        else:
            with pytest.raises(PermissionDenied, match="does not take this decision"):
                record(world, persona, person, event_type, on, **parameters)
    for persona in OUTSIDERS:
        # Not involved: the same answer as for a person who does not exist.
        with pytest.raises(NotFound):
            record(world, persona, person, event_type, on, **parameters)
    assert version_of(person) == version


# Guards -------------------------------------------------------------------------------------


def test_an_unaccompanied_minor_gets_no_reflection_document(world: World) -> None:
    person = involved_person(world, age_at_first_contact=15)
    walk(world, person, REFERRED)

    reason = refused(world, "immigration", person, "REFLECTION_DOCUMENT_ISSUED", "2024-01-10")

    assert "unaccompanied minor gets no reflection period" in reason


def test_a_complaint_after_the_last_day_of_the_reflection_period_is_refused(
    world: World,
) -> None:
    person = involved_person(world)
    walk(world, person, REFLECTION)  # 2024-01-10 + 45 days = 2024-02-24, included

    reason = refused(world, "investigator", person, "COMPLAINT_FILED", "2024-02-25")

    assert reason.startswith("The reflection period's last day was 2024-02-24")
    record(world, "investigator", person, "COMPLAINT_FILED", "2024-02-24")


def test_a_complaint_at_once_skips_the_reflection_period(world: World) -> None:
    person = involved_person(world)
    walk(world, person, REFERRED)

    record(world, "investigator", person, "COMPLAINT_FILED", "2024-01-11")
    record(world, "immigration", person, "PROVISIONAL_DOCUMENT_ISSUED", "2024-01-11")

    assert state_of(person) == "PROVISIONAL_STAY"


def test_the_provisional_document_needs_a_complaint(world: World) -> None:
    person = involved_person(world)
    walk(world, person, REFLECTION)

    reason = refused(world, "immigration", person, "PROVISIONAL_DOCUMENT_ISSUED", "2024-02-01")

    assert "needs a complaint or statements made in time" in reason


def test_the_provisional_document_is_extended_once(world: World) -> None:
    person = involved_person(world)
    walk(world, person, PROVISIONAL)
    record(world, "immigration", person, "PROVISIONAL_DOCUMENT_EXTENDED", "2024-04-20")

    reason = refused(world, "immigration", person, "PROVISIONAL_DOCUMENT_EXTENDED", "2024-06-01")

    assert "already been extended as often as allowed (1)" in reason


def test_the_temporary_permit_needs_a_positive_opinion(world: World) -> None:
    person = involved_person(world)
    walk(world, person, PROVISIONAL)

    assert "No opinion" in refused(
        world, "immigration", person, "TEMPORARY_PERMIT_ISSUED", "2024-04-15"
    )
    record(world, "prosecutor", person, "PROSECUTOR_OPINION", "2024-04-15", positive=False)
    assert "given on 2024-04-15, is negative" in refused(
        world, "immigration", person, "TEMPORARY_PERMIT_ISSUED", "2024-04-15"
    )


@pytest.mark.parametrize(
    ("flag", "persona"),
    [
        ("RECONTACT_WITH_EXPLOITER", "caseworker_a"),
        ("COOPERATION_WITHDRAWN", "prosecutor"),
        ("PUBLIC_ORDER_FLAG", "investigator"),
    ],
)
def test_a_renewal_waits_for_a_new_positive_opinion_after_a_flag(
    world: World, flag: str, persona: str
) -> None:
    person = involved_person(world)
    walk(world, person, TEMPORARY)
    record(world, persona, person, flag, "2024-08-01")

    reason = refused(world, "immigration", person, "TEMPORARY_PERMIT_RENEWED", "2024-10-10")

    assert "was recorded on 2024-08-01" in reason
    record(world, "prosecutor", person, "PROSECUTOR_OPINION", "2024-10-01", positive=True)
    record(world, "immigration", person, "TEMPORARY_PERMIT_RENEWED", "2024-10-10")


def test_permanent_residence_needs_a_charge_request_or_a_conviction(world: World) -> None:
    person = involved_person(world)
    walk(world, person, TEMPORARY)

    reason = refused(world, "immigration", person, "PERMANENT_RESIDENCE_GRANTED", "2024-09-20")

    assert "needs a conviction for trafficking or the prosecutor's request" in reason
    record(world, "judge", person, "CONVICTION", "2024-09-01")
    record(world, "immigration", person, "PERMANENT_RESIDENCE_GRANTED", "2024-09-20")
    assert state_of(person) == "PERMANENT_STAY"


def test_humanitarian_residence_needs_a_dismissal_and_two_years_since_the_complaint(
    world: World,
) -> None:
    person = involved_person(world)
    walk(world, person, TEMPORARY)

    assert "needs a dismissal of the case in force" in refused(
        world, "immigration", person, "HUMANITARIAN_RESIDENCE_GRANTED", "2024-09-01"
    )
    record(world, "prosecutor", person, "DISMISSAL", "2024-09-01")
    assert "runs until 2026-02-01" in refused(
        world, "immigration", person, "HUMANITARIAN_RESIDENCE_GRANTED", "2024-09-02"
    )


@override_settings(NRM_PATHWAY_SETTINGS={"be_humanitarian_route_enabled": False})
def test_the_unverified_humanitarian_route_can_be_switched_off(world: World) -> None:
    person = involved_person(world)
    walk(world, person, DISMISSED)

    reason = refused(world, "immigration", person, "HUMANITARIAN_RESIDENCE_GRANTED", "2026-03-01")

    assert "switched off in this installation" in reason


def test_an_event_out_of_order_is_refused_with_the_state(world: World) -> None:
    person = involved_person(world)
    walk(world, person, REFLECTION)

    reason = refused(world, "immigration", person, "TEMPORARY_PERMIT_ISSUED", "2024-02-01")

    assert reason == (
        "Temporary permit issued: not possible at this step of the pathway (reflection period)."
    )


def test_a_later_step_cannot_be_the_first_event(world: World) -> None:
    person = involved_person(world)

    reason = refused(world, "immigration", person, "REFLECTION_DOCUMENT_ISSUED", "2024-01-10")

    assert "cannot be the first event" in reason
    assert not PathwayRecord.objects.filter(person=person).exists()


def test_a_status_end_is_final_and_a_voluntary_return_still_possible(world: World) -> None:
    person = involved_person(world)
    walk(world, person, BE_PATHS["STATUS_ENDED"])

    refused(world, "investigator", person, "COMPLAINT_FILED", "2024-03-01")
    record(world, "caseworker_a", person, "VOLUNTARY_RETURN", "2024-03-01")

    assert state_of(person) == "VOLUNTARY_RETURN"


# Bad input (400) ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("event_type", "parameters", "field"),
    [
        ("PROSECUTOR_OPINION", {}, "positive"),
        ("COMPLAINT_FILED", {"positive": True}, "positive"),
        ("COMPLAINT_FILED", {"days": 60}, "days"),
        ("NOT_AN_EVENT", {}, "event_type"),
        ("REFLECTION_EXTENDED", {"days": 60}, "event_type"),  # Danish, not Belgian
    ],
)
def test_a_parameter_missing_or_out_of_place_is_bad_input(
    world: World, event_type: str, parameters: dict[str, Any], field: str
) -> None:
    person = involved_person(world)
    walk(world, person, PROVISIONAL)
    persona = RECORDER.get(event_type, "immigration")
    before = snapshot(person)

    with pytest.raises(DomainError) as caught:
        record(world, persona, person, event_type, "2024-04-15", **parameters)

    assert (caught.value.status, caught.value.field) == (400, field)
    assert snapshot(person) == before


def test_a_decision_cannot_be_dated_in_the_future_or_before_the_last_event(world: World) -> None:
    person = involved_person(world)
    walk(world, person, REFLECTION)

    with pytest.raises(DomainError, match="cannot be dated in the future") as future:
        record(world, "investigator", person, "COMPLAINT_FILED", "2999-01-01")
    with pytest.raises(DomainError, match="the last one is dated 2024-01-10") as earlier:
        record(world, "investigator", person, "COMPLAINT_FILED", "2024-01-09")

    assert future.value.field == earlier.value.field == "on"


def test_the_evidence_note_has_a_limit(world: World) -> None:
    person = involved_person(world)

    with pytest.raises(DomainError) as caught:
        record(world, "caseworker_a", person, "REFERRED", "2024-01-10", note="x" * 4001)

    assert caught.value.field == "note"


# Side effects -------------------------------------------------------------------------------


def test_each_event_writes_one_audit_row_with_the_change_of_state(world: World) -> None:
    person = involved_person(world)

    event = record(world, "caseworker_a", person, "REFERRED", "2024-01-10", note="intake")

    row = AuditEvent.objects.get(action="pathway_event_record")
    assert (row.record_type, row.record_id) == ("protection.statusevent", str(event.pk))
    assert row.actor == world.users["caseworker_a"]
    assert row.purpose == Purpose.CARE
    assert row.changes == {
        "person": person.pk,
        "event": "REFERRED",
        "on": "2024-01-10",
        "details": {},
        "state": {"old": "", "new": "REFERRED"},
    }
    # The evidence stays out of the audit trail and is encrypted at rest.
    assert "intake" not in str(row.changes)
    assert event.note == "intake"


def test_the_immigration_office_is_involved_when_it_has_a_decision_to_take(
    world: World,
) -> None:
    person = world.person("inspector")
    world.involve(person, "caseworker_a", Purpose.CARE)
    with pytest.raises(NotFound):
        record(world, "immigration", person, "REFLECTION_DOCUMENT_ISSUED", "2024-01-10")

    record(world, "caseworker_a", person, "REFERRED", "2024-01-10")

    involvement = Involvement.objects.get(
        person=person, organisation=world.organisations["Immigration Office"]
    )
    assert involvement.purpose == Purpose.RESIDENCE_DECISION
    record(world, "immigration", person, "REFLECTION_DOCUMENT_ISSUED", "2024-01-10")


def test_the_engine_settings_come_from_the_django_settings(world: World) -> None:
    from nrm.protection.engine import config

    with override_settings(NRM_PATHWAY_SETTINGS={"reflection_end_reminder_days": 10}):
        assert config() == PathwayConfig(reflection_end_reminder_days=10)
    assert config() == PathwayConfig()
