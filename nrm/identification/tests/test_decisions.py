"""Identification decisions in a Danish installation: the competent authority decides with
reasons, the person is informed, a negative decision can be reconsidered, a positive one
opens the victim's rights. Through the real actions and pages, with the Danish personas."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.test import Client

from nrm.access.models import AuditEvent, Involvement, InvolvementBasis, Purpose
from nrm.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from nrm.identification.actions import (
    identification_decide,
    identification_inform,
    identification_reconsider,
    identification_reconsideration_request,
)
from nrm.identification.models import DecisionStatus, Outcome
from nrm.people.models import Person
from nrm.protection.actions import pathway_event_record, pathway_facts_update
from nrm.protection.models import PathwayRecord
from nrm.testing import World
from nrm.testing_dk import add_danish_world, danish_installation

ClientAs = Callable[[str], Client]
ON = date(2025, 3, 3)


@pytest.fixture
def dk(world: World, settings: Any) -> World:
    danish_installation(settings)
    add_danish_world(world)
    return world


def met_at_inspection(world: World, *, legal_stay: bool = False) -> Person:
    """A worker met by Arbejdstilsynet; the CMM and the Immigration Service are involved."""
    person = world.person("at", nationalities=["UA"], languages=["uk"])
    world.involve(person, "cmm", Purpose.CARE)
    world.involve(person, "udlst", Purpose.RESIDENCE_DECISION, InvolvementBasis.DECISION_REQUIRED)
    if legal_stay:
        pathway_facts_update(
            actor=world.actor("cmm"),
            person=person,
            expected_version=0,
            unaccompanied_minor=False,
            has_legal_stay=True,
            age_at_identification=31,
        )
    return person


def decide(world: World, persona: str, person: Person, outcome: str = Outcome.POSITIVE) -> Any:
    return identification_decide(
        actor=world.actor(persona),
        person=person,
        outcome=outcome,
        reasons="Forced labour indicators: passport withheld, debt, no pay for four months.",
        on=ON,
    )


def test_the_immigration_service_identifies_a_person_without_legal_stay(dk: World) -> None:
    person = met_at_inspection(dk)

    decision = decide(dk, "udlst", person)

    assert decision.status == DecisionStatus.DECIDED
    assert decision.body.short_name == "Udlændingestyrelsen"
    record = PathwayRecord.objects.get(person=person)
    assert (record.jurisdiction, record.state) == ("DK", "IDENTIFICATION")
    assert decision.status_event is not None
    assert decision.status_event.type == "IDENTIFIED"
    # The right to support: the CMM is involved for care.
    assert Involvement.objects.filter(
        person=person, organisation__short_name="CMM", purpose=Purpose.CARE, until__isnull=True
    ).exists()
    audit = AuditEvent.objects.filter(action="identification_decide").latest("pk")
    assert audit.changes["outcome"] == "POSITIVE"
    assert "passport" not in str(audit.changes)  # the reasons stay encrypted, out of the trail


def test_who_identifies_depends_on_the_persons_stay(dk: World) -> None:
    without = met_at_inspection(dk)
    with_stay = met_at_inspection(dk, legal_stay=True)

    with pytest.raises(PermissionDenied, match="Danish Immigration Service"):
        decide(dk, "cmm", without)
    with pytest.raises(PermissionDenied, match="Center mod Menneskehandel"):
        decide(dk, "udlst", with_stay)
    decision = decide(dk, "cmm", with_stay)

    assert decision.body.short_name == "CMM"
    assert PathwayRecord.objects.get(person=with_stay).state == "IDENTIFICATION"


def test_police_prosecution_and_ngos_do_not_identify(dk: World) -> None:
    person = met_at_inspection(dk)
    for persona in ("politi", "anklager", "reden"):
        dk.involve(person, persona, Purpose.INVESTIGATION if persona != "reden" else Purpose.CARE)
        with pytest.raises(PermissionDenied):
            decide(dk, persona, person)


def test_an_organisation_without_involvement_gets_not_found(dk: World) -> None:
    person = met_at_inspection(dk)
    with pytest.raises(NotFound):
        decide(dk, "nsk", person)


def test_one_current_decision_and_reasons_are_required(dk: World) -> None:
    person = met_at_inspection(dk)
    with pytest.raises(DomainError) as missing:
        identification_decide(
            actor=dk.actor("udlst"), person=person, outcome="NEGATIVE", reasons=" ", on=ON
        )
    assert missing.value.field == "reasons"
    decide(dk, "udlst", person, Outcome.NEGATIVE)
    with pytest.raises(Conflict, match="request for reconsideration"):
        decide(dk, "udlst", person)


def test_a_negative_decision_is_reconsidered_and_the_new_one_opens_the_rights(
    dk: World,
) -> None:
    person = met_at_inspection(dk)
    negative = decide(dk, "udlst", person, Outcome.NEGATIVE)
    assert not PathwayRecord.objects.filter(person=person, events__isnull=False).exists()

    informed = identification_inform(
        actor=dk.actor("udlst"),
        decision=negative,
        expected_version=0,
        on=date(2025, 3, 4),
        how="WITH_INTERPRETER",
    )
    # The person's NGO shelter records the request on their behalf.
    dk.involve(person, "reden", Purpose.CARE)
    requested = identification_reconsideration_request(
        actor=dk.actor("reden"),
        decision=informed,
        expected_version=1,
        on=date(2025, 3, 10),
        grounds="New statement: the employer kept the passport.",
    )
    assert requested.status == DecisionStatus.RECONSIDERATION_REQUESTED
    with pytest.raises(PermissionDenied):
        identification_reconsider(
            actor=dk.actor("reden"),
            decision=requested,
            expected_version=2,
            outcome=Outcome.POSITIVE,
            reasons="x",
            on=date(2025, 3, 12),
        )
    # The first decider does not reconsider their own decision.
    with pytest.raises(PermissionDenied, match="not the one who made it"):
        identification_reconsider(
            actor=dk.actor("udlst"),
            decision=requested,
            expected_version=2,
            outcome=Outcome.POSITIVE,
            reasons="x",
            on=date(2025, 3, 12),
        )
    new = identification_reconsider(
        actor=dk.actor("udlst_2"),
        decision=requested,
        expected_version=2,
        outcome=Outcome.POSITIVE,
        reasons="The new statement is consistent with the inspection's findings.",
        on=date(2025, 3, 12),
    )

    negative.refresh_from_db()
    assert negative.status == DecisionStatus.RECONSIDERED
    assert new.reconsiders == negative
    assert new.is_positive
    assert PathwayRecord.objects.get(person=person).state == "IDENTIFICATION"
    assert list(negative.events.values_list("transition", flat=True)) == [
        "decide",
        "inform",
        "request_reconsideration",
        "reconsider",
    ]


def test_a_positive_decision_is_not_reconsidered_and_stale_versions_conflict(dk: World) -> None:
    person = met_at_inspection(dk)
    positive = decide(dk, "udlst", person)
    informed = identification_inform(
        actor=dk.actor("udlst"), decision=positive, expected_version=0, on=ON, how="IN_PERSON"
    )
    with pytest.raises(Conflict, match="positive decision is not reconsidered"):
        identification_reconsideration_request(
            actor=dk.actor("cmm"), decision=informed, expected_version=1, on=ON, grounds="x"
        )
    with pytest.raises(Conflict, match="meanwhile"):
        identification_inform(
            actor=dk.actor("udlst"), decision=informed, expected_version=0, on=ON, how="IN_PERSON"
        )


def test_after_a_positive_decision_the_reflection_period_follows(dk: World) -> None:
    person = met_at_inspection(dk)
    decide(dk, "udlst", person)
    record = PathwayRecord.objects.get(person=person)

    pathway_event_record(
        actor=dk.actor("udlst"),
        person=person,
        event_type="REFLECTION_STARTED",
        on=date(2025, 3, 4),
        expected_version=record.version,
    )

    record.refresh_from_db()
    assert record.state == "REFLECTION"
    deadline = record.deadlines.get(status="OPEN")
    assert (deadline.kind, deadline.due_on) == ("REFLECTION_END", date(2025, 4, 3))
    assert deadline.organisation is not None
    assert deadline.organisation.short_name == "Udlændingestyrelsen"


# Pages -------------------------------------------------------------------------------------


def test_the_page_offers_the_decision_to_the_competent_authority_only(
    dk: World, client_as: ClientAs
) -> None:
    person = met_at_inspection(dk)
    url = f"/identification/{person.reference}/"

    competent = client_as("udlst").get(url)
    other = client_as("cmm").get(url)

    assert competent.status_code == 200
    assert 'id="decide-form"' in competent.text
    assert 'id="decide-form"' not in other.text
    assert "identified by the Danish Immigration Service" in other.text
    assert client_as("nsk").get(url).status_code == 404


def test_deciding_through_the_page(dk: World, client_as: ClientAs) -> None:
    person = met_at_inspection(dk)
    client = client_as("udlst")
    url = f"/identification/{person.reference}/decide/"

    bad = client.post(url, {"outcome": "POSITIVE", "reasons": "", "on": "2025-03-03"})
    forbidden = client_as("cmm").post(
        url, {"outcome": "POSITIVE", "reasons": "r", "on": "2025-03-03"}
    )
    good = client.post(url, {"outcome": "POSITIVE", "reasons": "Indicators.", "on": "2025-03-03"})

    assert bad.status_code == 400
    assert forbidden.status_code == 403
    assert good.status_code == 302
    page = client.get(f"/identification/{person.reference}/").text
    assert 'id="rights"' in page
    assert "Indicators." in page


def test_the_police_see_the_outcome_but_not_the_reasons(dk: World, client_as: ClientAs) -> None:
    person = met_at_inspection(dk)
    decide(dk, "udlst", person)
    dk.involve(person, "politi", Purpose.INVESTIGATION)

    page = client_as("politi").get(f"/identification/{person.reference}/").text

    assert "Identified as a victim" in page
    assert "passport withheld" not in page
    assert "Read by the deciding authority and the CMM only." in page


def test_a_step_through_the_page_and_its_refusals(dk: World, client_as: ClientAs) -> None:
    person = met_at_inspection(dk)
    decision = decide(dk, "udlst", person, Outcome.NEGATIVE)
    url = f"/identification/decisions/{decision.pk}/inform/"
    data = {"inform-version": "0", "inform-on": "2025-03-04", "inform-how": "IN_PERSON"}

    assert client_as("cmm").post(url, data).status_code == 403
    assert client_as("udlst").post(url, data).status_code == 302
    stale = client_as("udlst").post(url, data)
    assert stale.status_code == 409
    assert client_as("nsk").post(url, data).status_code == 404


def test_a_belgian_installation_has_no_identification_pages(
    world: World, client_as: ClientAs
) -> None:
    person = world.person("caseworker_a")
    assert client_as("caseworker_a").get(f"/identification/{person.reference}/").status_code == 404


def test_the_danish_pages_lead_to_identification_and_the_belgian_ones_do_not(
    dk: World, client_as: ClientAs, settings: Any
) -> None:
    person = met_at_inspection(dk)
    link = f'href="/identification/{person.reference}/"'

    assert 'href="/identification/"' in client_as("udlst").get("/").text
    assert 'href="/identification/"' not in client_as("politi").get("/").text
    assert link in client_as("udlst").get(f"/people/{person.reference}/").text
    assert link in client_as("cmm").get(f"/protection/{person.reference}/").text

    settings.NRM_JURISDICTION = "BE"
    assert link not in client_as("udlst").get(f"/people/{person.reference}/").text


def test_the_worklist_shows_what_awaits_the_authority(dk: World, client_as: ClientAs) -> None:
    person = met_at_inspection(dk)
    decide(dk, "udlst", person, Outcome.NEGATIVE)

    page = client_as("udlst").get("/identification/")

    assert page.status_code == 200
    assert person.reference in page.text
    assert person.reference not in client_as("cmm").get("/identification/").text
