"""The journeys in the application: DESIGN.md's main journey from referral to permanent
stay, the minors' path and the Danish path, with the facts that choose the path."""

from __future__ import annotations

from typing import Any

import pytest

from nrm.access.models import InvolvementBasis, Purpose
from nrm.core.errors import Conflict, DomainError, PermissionDenied
from nrm.people.models import Person
from nrm.protection.actions import pathway_facts_update
from nrm.protection.models import Deadline, DeadlineStatus, PathwayRecord
from nrm.protection.queries import pathway_get_for_actor
from nrm.testing import World

from .support import add_denmark, d, record, state_of, version_of


def open_deadlines(person_id: int) -> list[tuple[str, str, str]]:
    return [
        (kind, due.isoformat(), organisation or "")
        for kind, due, organisation in Deadline.objects.filter(
            record__person_id=person_id, status=DeadlineStatus.OPEN
        )
        .order_by("due_on")
        .values_list("kind", "due_on", "organisation__short_name")
    ]


def test_the_main_journey_runs_from_referral_to_permanent_stay(world: World) -> None:
    # Screened at a construction site by the labour inspection, referred to PAG-ASA.
    person = world.person("inspector")
    world.involve(person, "caseworker_a", Purpose.CARE)
    world.involve(person, "investigator", Purpose.INVESTIGATION, InvolvementBasis.CASE_FILE)
    world.involve(person, "prosecutor", Purpose.INVESTIGATION, InvolvementBasis.CASE_FILE)

    record(world, "caseworker_a", person, "REFERRED", "2025-01-10")
    record(world, "immigration", person, "REFLECTION_DOCUMENT_ISSUED", "2025-01-10")
    assert open_deadlines(person.pk) == [("REFLECTION_END", "2025-02-24", "Immigration Office")]

    record(world, "investigator", person, "COMPLAINT_FILED", "2025-02-01")
    record(world, "immigration", person, "PROVISIONAL_DOCUMENT_ISSUED", "2025-02-01")
    assert state_of(person) == "PROVISIONAL_STAY"
    assert open_deadlines(person.pk) == [
        ("PROVISIONAL_DOCUMENT_EXPIRY", "2025-05-01", "Immigration Office")
    ]

    record(world, "prosecutor", person, "PROSECUTOR_OPINION", "2025-04-15", positive=True)
    record(world, "immigration", person, "TEMPORARY_PERMIT_ISSUED", "2025-04-15")
    assert open_deadlines(person.pk) == [
        ("TEMPORARY_PERMIT_EXPIRY", "2025-10-15", "Immigration Office")
    ]

    record(world, "immigration", person, "TEMPORARY_PERMIT_RENEWED", "2025-10-10")
    assert open_deadlines(person.pk) == [
        ("TEMPORARY_PERMIT_EXPIRY", "2026-04-10", "Immigration Office")
    ]

    record(world, "prosecutor", person, "TRAFFICKING_CHARGE_REQUESTED", "2026-03-01")
    assert [kind for kind, _due, _org in open_deadlines(person.pk)] == [
        "PERMANENT_RESIDENCE_DECISION",
        "TEMPORARY_PERMIT_EXPIRY",
    ]
    record(world, "immigration", person, "PERMANENT_RESIDENCE_GRANTED", "2026-03-20")

    assert state_of(person) == "PERMANENT_STAY"
    assert open_deadlines(person.pk) == []  # permanent residence has no expiry
    view = pathway_get_for_actor(world.actor("immigration"), person.reference)
    assert [(h.state, h.start, h.until, h.decided_by) for h in view.state.history] == [
        ("REFERRED", d("2025-01-10"), d("2025-01-10"), "SPECIALISED_CENTRE"),
        ("REFLECTION", d("2025-01-10"), d("2025-02-01"), "IMMIGRATION_OFFICE"),
        ("PROVISIONAL_STAY", d("2025-02-01"), d("2025-04-15"), "IMMIGRATION_OFFICE"),
        ("TEMPORARY_STAY", d("2025-04-15"), d("2026-03-20"), "IMMIGRATION_OFFICE"),
        ("PERMANENT_STAY", d("2026-03-20"), None, "IMMIGRATION_OFFICE"),
    ]
    # The prosecutor sees the status and the cooperation facts it rests on.
    prosecutor_view = pathway_get_for_actor(world.actor("prosecutor"), person.reference)
    assert prosecutor_view.state.state == "PERMANENT_STAY"
    assert [e.type for e in prosecutor_view.events][:3] == [
        "REFERRED",
        "REFLECTION_DOCUMENT_ISSUED",
        "COMPLAINT_FILED",
    ]


def test_an_unaccompanied_minor_goes_straight_to_the_provisional_document(
    world: World,
) -> None:
    person = world.person("caseworker_minors", age_at_first_contact=15)

    record(world, "caseworker_minors", person, "REFERRED", "2025-03-01")

    pathway = PathwayRecord.objects.get(person=person)
    assert (pathway.unaccompanied_minor, pathway.age_at_identification) == (True, 15)
    view = pathway_get_for_actor(world.actor("immigration"), person.reference)
    choices = {c.event_type: c for c in view.choices}
    assert not choices["REFLECTION_DOCUMENT_ISSUED"].allowed
    assert "unaccompanied minor" in choices["REFLECTION_DOCUMENT_ISSUED"].reason
    assert choices["PROVISIONAL_DOCUMENT_ISSUED"].allowed

    record(world, "immigration", person, "PROVISIONAL_DOCUMENT_ISSUED", "2025-03-01")

    assert state_of(person) == "PROVISIONAL_STAY"
    assert open_deadlines(person.pk) == [
        ("PROVISIONAL_DOCUMENT_EXPIRY", "2025-06-01", "Immigration Office")
    ]


def test_the_facts_choose_the_path_and_freeze_at_the_first_event(world: World) -> None:
    person = world.person("caseworker_a", age_at_first_contact=17)
    actor = world.actor("caseworker_a")

    pathway = pathway_facts_update(
        actor=actor,
        person=person,
        expected_version=0,
        unaccompanied_minor=False,  # accompanied by a parent
        has_legal_stay=False,
        age_at_identification=17,
    )
    assert (pathway.version, pathway.unaccompanied_minor) == (1, False)
    with pytest.raises(Conflict, match="changed this pathway meanwhile"):
        pathway_facts_update(
            actor=actor,
            person=person,
            expected_version=0,
            unaccompanied_minor=True,
            has_legal_stay=False,
            age_at_identification=17,
        )
    record(world, "caseworker_a", person, "REFERRED", "2025-03-01")
    record(world, "immigration", person, "REFLECTION_DOCUMENT_ISSUED", "2025-03-01")
    with pytest.raises(Conflict, match="can no longer change"):
        pathway_facts_update(
            actor=actor,
            person=person,
            expected_version=version_of(person),
            unaccompanied_minor=True,
            has_legal_stay=False,
            age_at_identification=17,
        )


@pytest.mark.parametrize(
    ("age", "minor", "field"),
    [(18, True, "unaccompanied_minor"), (121, False, "age_at_identification")],
)
def test_impossible_facts_are_bad_input(world: World, age: int, minor: bool, field: str) -> None:
    person = world.person("caseworker_a")

    with pytest.raises(DomainError) as caught:
        pathway_facts_update(
            actor=world.actor("caseworker_a"),
            person=person,
            expected_version=0,
            unaccompanied_minor=minor,
            has_legal_stay=False,
            age_at_identification=age,
        )

    assert caught.value.field == field
    assert not PathwayRecord.objects.filter(person=person).exists()


def test_a_role_that_may_not_edit_the_person_may_not_set_the_facts(world: World) -> None:
    person = world.person("inspector")
    world.involve(person, "judge", Purpose.INVESTIGATION, InvolvementBasis.CASE_FILE)

    with pytest.raises(PermissionDenied):
        pathway_facts_update(
            actor=world.actor("judge"),
            person=person,
            expected_version=0,
            unaccompanied_minor=False,
            has_legal_stay=False,
            age_at_identification=31,
        )


# Denmark -----------------------------------------------------------------------------------


@pytest.fixture
def danish_installation(settings: Any) -> None:
    """The pathway is the installation's: these persons are in a Danish installation."""
    settings.NRM_JURISDICTION = "DK"


def danish_person(world: World, *, legal_stay: bool) -> Person:
    add_denmark(world)
    person = world.person("caseworker_a")
    world.involve(person, "dk_cmm", Purpose.CARE)
    world.involve(
        person, "dk_immigration", Purpose.RESIDENCE_DECISION, InvolvementBasis.DECISION_REQUIRED
    )
    pathway_facts_update(
        actor=world.actor("caseworker_a"),
        person=person,
        expected_version=0,
        unaccompanied_minor=False,
        has_legal_stay=legal_stay,
        age_at_identification=31,
    )
    return person


@pytest.mark.usefixtures("danish_installation")
def test_the_danish_path_has_a_30_day_reflection_extendable_to_120(world: World) -> None:
    person = danish_person(world, legal_stay=False)
    assert PathwayRecord.objects.get(person=person).jurisdiction == "DK"

    record(world, "dk_immigration", person, "IDENTIFIED", "2025-03-01")
    record(world, "dk_immigration", person, "REFLECTION_STARTED", "2025-03-02")
    assert state_of(person) == "REFLECTION"
    assert open_deadlines(person.pk) == [("REFLECTION_END", "2025-04-01", "Udlændingestyrelsen")]
    due_at = Deadline.objects.get(record__person=person, status=DeadlineStatus.OPEN).due_at
    assert due_at is not None
    assert due_at.isoformat() == "2025-03-31T22:00:00+00:00"  # midnight in Copenhagen

    record(world, "dk_immigration", person, "REFLECTION_EXTENDED", "2025-03-25", days=100)
    assert open_deadlines(person.pk) == [("REFLECTION_END", "2025-06-10", "Udlændingestyrelsen")]
    with pytest.raises(Conflict, match="above the longest reflection period allowed, 120"):
        record(world, "dk_immigration", person, "REFLECTION_EXTENDED", "2025-05-01", days=130)

    record(world, "dk_immigration", person, "INVESTIGATION_PERMIT_ISSUED", "2025-05-01")
    assert state_of(person) == "INVESTIGATION_PERMIT"
    assert open_deadlines(person.pk) == [
        ("INVESTIGATION_PERMIT_EXPIRY", "2025-11-01", "Udlændingestyrelsen")
    ]


@pytest.mark.usefixtures("danish_installation")
def test_in_denmark_a_person_with_legal_stay_is_identified_by_the_cmm(world: World) -> None:
    person = danish_person(world, legal_stay=True)

    with pytest.raises(PermissionDenied):
        record(world, "dk_immigration", person, "IDENTIFIED", "2025-03-01")
    record(world, "dk_cmm", person, "IDENTIFIED", "2025-03-01")
    record(world, "dk_cmm", person, "REFLECTION_STARTED", "2025-03-02")

    assert state_of(person) == "RESTITUTION"
    assert open_deadlines(person.pk) == [("REFLECTION_END", "2025-04-01", "CMM")]


@pytest.mark.usefixtures("danish_installation")
def test_a_belgian_office_does_not_decide_in_the_danish_pathway(world: World) -> None:
    person = danish_person(world, legal_stay=False)
    world.involve(
        person, "immigration", Purpose.RESIDENCE_DECISION, InvolvementBasis.DECISION_REQUIRED
    )
    record(world, "dk_immigration", person, "IDENTIFIED", "2025-03-01")

    with pytest.raises(PermissionDenied, match="DK pathway"):
        record(world, "immigration", person, "REFLECTION_STARTED", "2025-03-02")
    assert pathway_get_for_actor(world.actor("immigration"), person.reference).choices == []
