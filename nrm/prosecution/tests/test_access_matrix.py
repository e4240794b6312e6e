"""Who sees a case file, persona by persona: the office's assigned prosecutors, the assigned
investigators, the court seised; centres see only the procedural facts of their clients;
everyone else gets 404, as for what does not exist. Every read is audited."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import Client

from nrm.access.models import AuditEvent, Purpose
from nrm.prosecution import actions
from nrm.prosecution.tests.support import (
    before_the_court,
    days_ago,
    last_audit_id,
    member,
    named_victim,
    opened_case,
)
from nrm.testing import World

ClientAs = Callable[[str], Client]


@dataclass
class Records:
    case: str
    person: str
    statement: str


@pytest.fixture
def records(world: World) -> Records:
    case = before_the_court(world, opened_case(world))
    victim = named_victim(world, case)
    world.involve(victim.person, "caseworker_a", Purpose.CARE)
    statement = actions.statement_record(
        actor=world.actor("prosecutor"),
        case=case,
        victim=victim,
        taken_on=days_ago(30),
        text="What happened on the site.",
    )
    member(world, "investigator2", "FJP Brussels", "INVESTIGATOR")
    member(world, "prosecutor2", "Auditorate Brussels", "PROSECUTOR")
    return Records(case.reference, victim.person.reference, statement.reference)


# persona: (case page, case API, procedural facts page, procedural facts API, statement page)
EXPECTED: dict[str, tuple[int, int, int, int, int]] = {
    "prosecutor": (200, 200, 404, 404, 200),
    "investigator": (200, 200, 404, 404, 404),
    "judge": (200, 200, 404, 404, 200),
    "investigator2": (404, 404, 404, 404, 404),
    "prosecutor2": (404, 404, 404, 404, 404),
    "inspector": (404, 404, 404, 404, 404),
    "teamlead": (404, 404, 404, 404, 404),
    "caseworker_a": (404, 404, 200, 200, 404),
    "director_a": (404, 404, 200, 200, 404),
    "caseworker_b": (404, 404, 404, 404, 404),
    "caseworker_minors": (404, 404, 404, 404, 404),
    "immigration": (404, 404, 404, 404, 404),
    "coordinator": (404, 404, 404, 404, 404),
    "analyst": (404, 404, 404, 404, 404),
    "admin": (404, 404, 404, 404, 404),
}


@pytest.mark.parametrize("persona", sorted(EXPECTED))
def test_each_persona_sees_exactly_what_its_part_allows(
    persona: str, records: Records, client_as: ClientAs
) -> None:
    client = client_as(persona)
    answers = (
        client.get(f"/prosecution/{records.case}/").status_code,
        client.get(f"/api/v1/cases/{records.case}").status_code,
        client.get(f"/prosecution/procedural-facts/{records.person}/").status_code,
        client.get(f"/api/v1/persons/{records.person}/procedural-facts").status_code,
        client.get(f"/prosecution/statements/{records.statement}/").status_code,
    )
    assert answers == EXPECTED[persona]


@pytest.mark.parametrize("persona", ["prosecutor", "investigator", "judge"])
def test_every_read_of_the_case_file_is_audited_with_the_persons_it_names(
    persona: str, records: Records, client_as: ClientAs
) -> None:
    since = last_audit_id()
    assert client_as(persona).get(f"/prosecution/{records.case}/").status_code == 200
    event = AuditEvent.objects.get(pk__gt=since, action="case_view")
    assert event.event_type == "READ"
    assert records.person in event.changes["persons"]


def test_a_centre_reads_the_procedural_facts_of_its_client_only_and_it_is_audited(
    records: Records, client_as: ClientAs, world: World
) -> None:
    since = last_audit_id()
    response = client_as("caseworker_a").get(f"/prosecution/procedural-facts/{records.person}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert records.case in page
    assert "Bring the case before the court" in page
    assert "What happened" not in page  # no statements
    event = AuditEvent.objects.get(pk__gt=since, action="procedural_facts_view")
    assert event.purpose == Purpose.CARE
    listed = client_as("caseworker_a").get("/prosecution/procedural-facts/")
    assert records.person in listed.content.decode()
    assert (
        client_as("caseworker_b")
        .get("/prosecution/procedural-facts/")
        .content.count(records.person.encode())
        == 0
    )


def test_the_case_list_shows_each_persona_its_own_files(
    records: Records, client_as: ClientAs
) -> None:
    for persona, listed in [("prosecutor", True), ("judge", True), ("investigator2", False)]:
        response = client_as(persona).get("/prosecution/")
        assert (records.case in response.content.decode()) is listed
    assert client_as("analyst").get("/prosecution/").status_code == 403
    assert client_as("caseworker_a").get("/prosecution/").status_code == 302
