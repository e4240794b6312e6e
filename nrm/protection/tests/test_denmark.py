"""The Danish chain in use, with the Danish authorities: each event is recorded only by the
organisation that takes it (RULES.md §6), deadlines go to the responsible authority, and the
calendar and reminders work as in Belgium."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from nrm.access.models import InvolvementBasis, Purpose
from nrm.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from nrm.identification.actions import identification_decide
from nrm.people.models import Person
from nrm.protection.actions import pathway_event_record, pathway_facts_update
from nrm.protection.models import Deadline, DeadlineStatus, PathwayRecord
from nrm.testing import World
from nrm.testing_dk import add_danish_world, danish_installation


@pytest.fixture
def dk(world: World, settings: Any) -> World:
    danish_installation(settings)
    add_danish_world(world)
    return world


def identified(world: World, *, legal_stay: bool = False) -> Person:
    person = world.person("at")
    world.involve(person, "cmm", Purpose.CARE)
    world.involve(person, "udlst", Purpose.RESIDENCE_DECISION, InvolvementBasis.DECISION_REQUIRED)
    world.involve(person, "politi", Purpose.INVESTIGATION, InvolvementBasis.CASE_FILE)
    world.involve(person, "anklager", Purpose.INVESTIGATION, InvolvementBasis.CASE_FILE)
    if legal_stay:
        pathway_facts_update(
            actor=world.actor("cmm"),
            person=person,
            expected_version=0,
            unaccompanied_minor=False,
            has_legal_stay=True,
            age_at_identification=30,
        )
    identification_decide(
        actor=world.actor("cmm" if legal_stay else "udlst"),
        person=person,
        outcome="POSITIVE",
        reasons="Indicators of forced labour.",
        on=date(2025, 3, 1),
    )
    return person


def record(world: World, persona: str, person: Person, event: str, on: str, **kw: Any) -> None:
    pathway_event_record(
        actor=world.actor(persona),
        person=person,
        event_type=event,
        on=date.fromisoformat(on),
        expected_version=PathwayRecord.objects.get(person=person).version,
        **kw,
    )


def open_deadlines(person: Person) -> list[tuple[str, str, str]]:
    return [
        (d.kind, d.due_on.isoformat(), d.organisation.short_name if d.organisation else "")
        for d in Deadline.objects.filter(record__person=person, status=DeadlineStatus.OPEN)
    ]


def test_each_danish_authority_records_only_its_own_events(dk: World) -> None:
    person = identified(dk)
    for persona in ("cmm", "politi", "anklager", "at"):
        with pytest.raises(PermissionDenied):
            record(dk, persona, person, "REFLECTION_STARTED", "2025-03-02")
    # Authorities with no involvement do not even learn that the person exists.
    for persona in ("skat", "kommune", "reden", "nsk"):
        with pytest.raises(NotFound):
            record(dk, persona, person, "REFLECTION_STARTED", "2025-03-02")
    record(dk, "udlst", person, "REFLECTION_STARTED", "2025-03-02")

    # The police request the investigation permit; the Immigration Service issues it.
    for persona in ("udlst", "cmm", "anklager"):
        with pytest.raises(PermissionDenied):
            record(dk, persona, person, "INVESTIGATION_PERMIT_REQUESTED", "2025-03-10")
    with pytest.raises(PermissionDenied):
        record(dk, "politi", person, "INVESTIGATION_PERMIT_ISSUED", "2025-03-10")
    record(dk, "politi", person, "INVESTIGATION_PERMIT_REQUESTED", "2025-03-10")
    record(dk, "udlst", person, "INVESTIGATION_PERMIT_ISSUED", "2025-03-12")
    assert open_deadlines(person) == [
        ("INVESTIGATION_PERMIT_EXPIRY", "2025-09-12", "Udlændingestyrelsen")
    ]
    # The prepared return is the CMM's.
    with pytest.raises(PermissionDenied):
        record(dk, "udlst", person, "PREPARED_RETURN", "2025-04-01")


def test_the_permit_is_issued_only_at_the_polices_request_and_renewed_within_the_investigation(
    dk: World,
) -> None:
    person = identified(dk)
    with pytest.raises(Conflict, match="police have not requested"):
        record(dk, "udlst", person, "INVESTIGATION_PERMIT_ISSUED", "2025-03-10")
    record(dk, "politi", person, "INVESTIGATION_PERMIT_REQUESTED", "2025-03-10")
    record(dk, "udlst", person, "INVESTIGATION_PERMIT_ISSUED", "2025-03-12")
    record(dk, "politi", person, "INVESTIGATION_PERMIT_REQUESTED", "2025-09-01")
    record(dk, "udlst", person, "INVESTIGATION_PERMIT_RENEWED", "2025-09-05")
    assert open_deadlines(person) == [
        ("INVESTIGATION_PERMIT_EXPIRY", "2026-03-05", "Udlændingestyrelsen")
    ]
    record(dk, "anklager", person, "INVESTIGATION_ENDED", "2025-10-01")
    with pytest.raises(Conflict, match="cannot be renewed beyond it"):
        record(dk, "politi", person, "INVESTIGATION_PERMIT_REQUESTED", "2026-02-01")
    with pytest.raises(Conflict, match="cannot be renewed beyond it"):
        record(dk, "udlst", person, "INVESTIGATION_PERMIT_RENEWED", "2026-02-10")
    record(dk, "udlst", person, "STATUS_END_DECIDED", "2026-02-10")
    assert PathwayRecord.objects.get(person=person).state == "STATUS_ENDED"
    assert open_deadlines(person) == []


def test_the_restitution_period_is_the_cmms_to_start_extend_and_end(dk: World) -> None:
    person = identified(dk, legal_stay=True)
    with pytest.raises(PermissionDenied):
        record(dk, "udlst", person, "REFLECTION_STARTED", "2025-03-02")
    record(dk, "cmm", person, "REFLECTION_STARTED", "2025-03-02")
    record(dk, "cmm", person, "REFLECTION_EXTENDED", "2025-03-20", days=120)
    assert open_deadlines(person) == [("REFLECTION_END", "2025-06-30", "CMM")]
    with pytest.raises(Conflict, match="longest allowed"):
        record(dk, "cmm", person, "REFLECTION_EXTENDED", "2025-04-01", days=121)
    with pytest.raises(Conflict, match="legal stay"):
        record(dk, "politi", person, "INVESTIGATION_PERMIT_REQUESTED", "2025-04-01")
    record(dk, "cmm", person, "STATUS_END_DECIDED", "2025-06-30")


def test_the_immediate_departure_needs_public_order_reasons(dk: World) -> None:
    person = identified(dk)
    with pytest.raises(DomainError, match="public-order reasons") as missing:
        record(dk, "udlst", person, "IMMEDIATE_DEPARTURE_SET", "2025-03-02")
    assert missing.value.field == "note"
    record(
        dk, "udlst", person, "IMMEDIATE_DEPARTURE_SET", "2025-03-02", note="Expelled by judgment."
    )
    assert PathwayRecord.objects.get(person=person).state == "STATUS_ENDED"


def test_the_danish_deadlines_reach_the_calendar_and_the_authoritys_list(
    dk: World, client_as: Any
) -> None:
    person = identified(dk)
    record(dk, "udlst", person, "REFLECTION_STARTED", "2025-03-02")

    deadlines = client_as("udlst").get("/protection/deadlines/?within=366")
    assert deadlines.status_code == 200
    assert person.reference in deadlines.text
    assert person.reference not in client_as("politi").get("/protection/deadlines/").text


def post_event(client: Any, person: Person, event_type: str, **fields: object) -> Any:
    prefix = event_type.lower()
    version = PathwayRecord.objects.get(person=person).version
    data = {"event_type": event_type, f"{prefix}-expected_version": version}
    data.update({f"{prefix}-{name}": value for name, value in fields.items()})
    return client.post(f"/protection/{person.reference}/events/", data)


def test_each_authority_carries_its_part_through_the_status_page(dk: World, client_as: Any) -> None:
    person = identified(dk)
    udlst, politi, anklager = client_as("udlst"), client_as("politi"), client_as("anklager")

    assert 'value="REFLECTION_STARTED"' in udlst.get(f"/protection/{person.reference}/").text
    assert post_event(udlst, person, "REFLECTION_STARTED", on="2025-03-02").status_code == 302
    extended = post_event(udlst, person, "REFLECTION_EXTENDED", on="2025-03-20", days="121")
    assert extended.status_code == 409
    assert "120" in extended.text
    assert (
        post_event(udlst, person, "REFLECTION_EXTENDED", on="2025-03-20", days="90").status_code
        == 302
    )
    assert (
        'value="INVESTIGATION_PERMIT_REQUESTED"'
        in politi.get(f"/protection/{person.reference}/").text
    )
    assert (
        post_event(politi, person, "INVESTIGATION_PERMIT_REQUESTED", on="2025-03-25").status_code
        == 302
    )
    assert (
        post_event(udlst, person, "INVESTIGATION_PERMIT_ISSUED", on="2025-03-28").status_code == 302
    )
    assert post_event(anklager, person, "INVESTIGATION_ENDED", on="2025-06-01").status_code == 302
    page = udlst.get(f"/protection/{person.reference}/").text
    assert "Expiry of the residence permit for the investigation" in page
    assert PathwayRecord.objects.get(person=person).state == "INVESTIGATION_PERMIT"


def test_the_immigration_services_calendar_lists_the_danish_deadlines(dk: World) -> None:
    from django.test import Client

    from nrm.protection.actions import calendar_feed_rotate

    person = identified(dk)
    record(dk, "politi", person, "INVESTIGATION_PERMIT_REQUESTED", "2025-03-10")
    record(dk, "udlst", person, "INVESTIGATION_PERMIT_ISSUED", "2025-03-12")
    _feed, token = calendar_feed_rotate(actor=dk.actor("udlst"))

    body = Client().get(f"/protection/calendar/{token}.ics").content.decode()

    assert "BEGIN:VCALENDAR" in body
    assert person.reference in body
    assert "20250912" in body  # the permit's expiry
