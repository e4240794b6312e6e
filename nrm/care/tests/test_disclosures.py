"""Disclosure: the director lets one named organisation read exactly one note or plan.

Only with the person's consent or a recorded legal basis; only the director decides;
the recipient reads exactly what was disclosed, until the disclosure ends; recording,
ending and every read are audited.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client

from nrm.access.models import AuditEvent, AuditEventType, InvolvementBasis, Purpose
from nrm.care.actions import care_disclosure_create, care_disclosure_end, support_plan_create
from nrm.care.models import CareDisclosure, CareNote, DisclosureBasis
from nrm.care.tests.setup import NOTE_TEXT, cared_person, note, sharing_consent, today
from nrm.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from nrm.people.models import Person
from nrm.testing import World

ClientAs = Callable[[str], Client]
SECRET_NOTE = "Told us about her sister; not for anyone else."
LATER_NOTE = "Written after the disclosure."


def disclose(
    world: World, person: Person, persona: str = "director_a", **fields: Any
) -> CareDisclosure:
    values: dict[str, Any] = {
        "recipient_id": world.organisations["Auditorate Brussels"].pk,
        "basis": DisclosureBasis.LEGAL_BASIS,
        "basis_reference": "Court order 2025/117 of the investigating judge",
        "scope": "For the investigation of the employer only.",
        "decided_on": today(),
    }
    values.update(fields)
    return care_disclosure_create(actor=world.actor(persona), person=person, **values)


def case_with_notes(world: World) -> tuple[Person, CareNote, CareNote]:
    person = cared_person(world)
    world.involve(person, "prosecutor", Purpose.INVESTIGATION, InvolvementBasis.CASE_FILE)
    shared = note(world, person)
    kept = note(world, person, text=SECRET_NOTE)
    return person, shared, kept


def test_the_named_recipient_reads_exactly_the_disclosed_note(
    world: World, client_as: ClientAs
) -> None:
    person, shared, _kept = case_with_notes(world)
    disclose(world, person, note_id=shared.pk)
    note(world, person, text=LATER_NOTE)

    page = client_as("prosecutor").get(f"/care/{person.reference}/")

    assert page.status_code == 200
    body = page.content.decode()
    assert NOTE_TEXT in body
    assert SECRET_NOTE not in body
    assert LATER_NOTE not in body
    assert "Court order 2025/117" in body
    assert "For the investigation of the employer only." in body


@pytest.mark.parametrize(
    "persona", ["investigator", "judge", "immigration", "caseworker_b", "inspector", "analyst"]
)
def test_nobody_but_the_recipient_reads_a_disclosed_note(
    world: World, client_as: ClientAs, persona: str
) -> None:
    person, shared, _kept = case_with_notes(world)
    world.involve(person, "investigator", Purpose.INVESTIGATION, InvolvementBasis.CASE_FILE)
    disclose(world, person, note_id=shared.pk)

    page = client_as(persona).get(f"/care/{person.reference}/")

    assert page.status_code == 404
    assert NOTE_TEXT not in page.content.decode()


def test_every_read_by_the_recipient_is_audited(world: World, client_as: ClientAs) -> None:
    person, shared, _kept = case_with_notes(world)
    disclosure = disclose(world, person, note_id=shared.pk)

    client_as("prosecutor").get(f"/care/{person.reference}/")
    client_as("prosecutor").get(f"/care/{person.reference}/")

    rows = AuditEvent.objects.filter(action="care_file_view", actor=world.users["prosecutor"])
    assert rows.count() == 2
    for row in rows:
        assert row.event_type == AuditEventType.READ
        assert row.purpose == Purpose.INVESTIGATION
        assert row.changes is not None
        assert row.changes["shared"] == [disclosure.pk]
        assert row.changes["own"] is False
        assert row.changes["notes"] == []


def test_recording_a_disclosure_is_audited_with_its_basis(world: World) -> None:
    person, shared, _kept = case_with_notes(world)

    disclosure = disclose(world, person, note_id=shared.pk)

    row = AuditEvent.objects.get(action="care_disclosure_create")
    assert (row.event_type, row.purpose) == (AuditEventType.CREATE, Purpose.CARE)
    assert (row.record_type, row.record_id) == ("care.caredisclosure", str(disclosure.pk))
    assert row.actor == world.users["director_a"]
    assert row.changes is not None
    assert row.changes["basis"] == "LEGAL_BASIS"
    assert row.changes["basis_reference"] == "Court order 2025/117 of the investigating judge"
    assert row.changes["note"] == shared.pk
    assert row.changes["recipient"] == world.organisations["Auditorate Brussels"].pk
    assert NOTE_TEXT not in str(row.changes)


def test_an_ended_disclosure_stops_the_reading(world: World, client_as: ClientAs) -> None:
    person, shared, _kept = case_with_notes(world)
    disclosure = disclose(world, person, note_id=shared.pk)
    assert client_as("prosecutor").get(f"/care/{person.reference}/").status_code == 200

    response = client_as("director_a").post(f"/care/disclosures/{disclosure.pk}/end/")

    assert response.status_code == 302
    page = client_as("prosecutor").get(f"/care/{person.reference}/")
    assert page.status_code == 404
    assert NOTE_TEXT not in page.content.decode()
    row = AuditEvent.objects.get(action="care_disclosure_end")
    assert row.event_type == AuditEventType.END
    assert row.actor == world.users["director_a"]


def test_a_disclosed_plan_shows_the_plan_and_no_note(world: World, client_as: ClientAs) -> None:
    person, _shared, _kept = case_with_notes(world)
    plan = support_plan_create(
        actor=world.actor("caseworker_a"),
        person=person,
        types=["Legal"],
        objectives="Prepare the hearing with the lawyer.",
        started_on=today(),
    )
    disclose(
        world,
        person,
        plan_id=plan.pk,
        recipient_id=world.organisations["Immigration Office"].pk,
        basis=DisclosureBasis.CONSENT,
        basis_reference="Signed consent form in the paper file",
    )

    body = client_as("immigration").get(f"/care/{person.reference}/").content.decode()

    assert "Prepare the hearing with the lawyer." in body
    assert NOTE_TEXT not in body
    assert SECRET_NOTE not in body


def test_the_recipient_lists_what_was_shared_with_it(world: World, client_as: ClientAs) -> None:
    person, shared, _kept = case_with_notes(world)
    disclose(world, person, note_id=shared.pk)

    listing = client_as("prosecutor").get("/care/shared/")
    elsewhere = client_as("immigration").get("/care/shared/")

    assert listing.status_code == 200
    assert person.reference in listing.content.decode()
    assert NOTE_TEXT not in listing.content.decode()  # the text only on the care page
    assert person.reference not in elsewhere.content.decode()
    assert AuditEvent.objects.filter(action="care_disclosures_received_list").count() == 1


# Who may disclose -----------------------------------------------------------------------


def test_a_caseworker_may_not_disclose_and_is_told_why(world: World, client_as: ClientAs) -> None:
    person, shared, _kept = case_with_notes(world)

    with pytest.raises(PermissionDenied):
        disclose(world, person, "caseworker_a", note_id=shared.pk)
    page = client_as("caseworker_a").get(f"/care/{person.reference}/").content.decode()
    assert "Only the centre&#x27;s director can share care data." in page
    response = client_as("caseworker_a").post(
        f"/care/{person.reference}/disclosures/new/", {"item": f"note:{shared.pk}"}
    )
    assert response.status_code == 403
    assert not CareDisclosure.objects.exists()


def test_a_caseworker_may_not_end_a_disclosure(world: World, client_as: ClientAs) -> None:
    person, shared, _kept = case_with_notes(world)
    disclosure = disclose(world, person, note_id=shared.pk)

    response = client_as("caseworker_a").post(f"/care/disclosures/{disclosure.pk}/end/")

    assert response.status_code == 403
    disclosure.refresh_from_db()
    assert disclosure.ended_at is None


@pytest.mark.parametrize("persona", ["caseworker_b", "prosecutor", "admin"])
def test_outsiders_cannot_disclose_or_end_and_learn_nothing(
    world: World, client_as: ClientAs, persona: str
) -> None:
    person, shared, _kept = case_with_notes(world)
    disclosure = disclose(world, person, note_id=shared.pk)

    with pytest.raises(NotFound):
        disclose(world, person, persona, note_id=shared.pk)
    with pytest.raises(NotFound):
        care_disclosure_end(actor=world.actor(persona), disclosure_id=disclosure.pk)
    client = client_as(persona)
    assert client.get(f"/care/{person.reference}/disclosures/new/").status_code == 404
    assert client.post(f"/care/disclosures/{disclosure.pk}/end/").status_code == 404


# Bad input and conflicts ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"basis_reference": ""}, "basis_reference"),
        ({"basis": "HUNCH"}, "basis"),
        ({"scope": "  "}, "scope"),
        ({"decided_on": today() + timedelta(days=1)}, "decided_on"),
        ({"recipient_id": 0}, "recipient"),
    ],
)
def test_bad_disclosures_are_refused_naming_the_field(
    world: World, fields: dict[str, Any], field: str
) -> None:
    person, shared, _kept = case_with_notes(world)

    with pytest.raises(DomainError) as refused:
        disclose(world, person, note_id=shared.pk, **fields)

    assert (refused.value.status, refused.value.field) == (400, field)
    assert not CareDisclosure.objects.exists()


@pytest.mark.parametrize("organisation", ["Myria", "Coordination unit", "Operator", "PAG-ASA"])
def test_care_data_is_never_disclosed_to_statistics_coordination_or_oneself(
    world: World, organisation: str
) -> None:
    person, shared, _kept = case_with_notes(world)

    with pytest.raises(DomainError) as refused:
        disclose(
            world, person, note_id=shared.pk, recipient_id=world.organisations[organisation].pk
        )
    assert refused.value.field == "recipient"


def test_one_note_or_one_plan_exactly(world: World) -> None:
    person, shared, _kept = case_with_notes(world)
    plan = support_plan_create(
        actor=world.actor("caseworker_a"),
        person=person,
        types=["Health"],
        objectives="Rest.",
        started_on=today(),
    )

    with pytest.raises(DomainError, match="one note or one plan"):
        disclose(world, person)
    with pytest.raises(DomainError, match="one note or one plan"):
        disclose(world, person, note_id=shared.pk, plan_id=plan.pk)


def test_another_centres_note_cannot_be_disclosed(world: World) -> None:
    person, _shared, _kept = case_with_notes(world)
    world.involve(person, "caseworker_b", Purpose.CARE)
    theirs = note(world, person, "caseworker_b", "Payoke's own note.")

    with pytest.raises(DomainError) as refused:
        disclose(world, person, note_id=theirs.pk)
    assert refused.value.field == "item"


def test_the_same_note_cannot_be_disclosed_twice_to_the_same_organisation(
    world: World, client_as: ClientAs
) -> None:
    person, shared, _kept = case_with_notes(world)
    disclose(world, person, note_id=shared.pk)

    with pytest.raises(Conflict):
        disclose(world, person, note_id=shared.pk)
    sharing_consent(world, person)
    response = client_as("director_a").post(
        f"/care/{person.reference}/disclosures/new/",
        {
            "item": f"note:{shared.pk}",
            "recipient": world.organisations["Auditorate Brussels"].pk,
            "basis": "CONSENT",
            "scope": "Again",
            "decided_on": today().isoformat(),
        },
    )
    assert response.status_code == 409
    assert "already disclosed" in response.content.decode()


def test_a_disclosure_ends_once(world: World, client_as: ClientAs) -> None:
    person, shared, _kept = case_with_notes(world)
    disclosure = disclose(world, person, note_id=shared.pk)
    care_disclosure_end(actor=world.actor("director_a"), disclosure_id=disclosure.pk)

    with pytest.raises(Conflict):
        care_disclosure_end(actor=world.actor("director_a"), disclosure_id=disclosure.pk)
    response = client_as("director_a").post(f"/care/disclosures/{disclosure.pk}/end/")
    assert response.status_code == 409
    assert "already ended" in response.content.decode()
    assert client_as("director_a").get(f"/care/disclosures/{disclosure.pk}/end/").status_code == 405


def test_the_director_discloses_through_the_page(world: World, client_as: ClientAs) -> None:
    person, shared, _kept = case_with_notes(world)
    url = f"/care/{person.reference}/disclosures/new/"
    client = client_as("director_a")
    data = {
        "item": f"note:{shared.pk}",
        "recipient": str(world.organisations["Auditorate Brussels"].pk),
        "basis": "LEGAL_BASIS",
        "basis_reference": "",
        "scope": "Hearing of 3 March",
        "decided_on": today().isoformat(),
    }

    missing = client.post(url, data)
    done = client.post(url, {**data, "basis_reference": "Art. 46 Code of Criminal Procedure"})

    assert missing.status_code == 400
    assert "Name the legal basis" in missing.content.decode()
    assert done.status_code == 302
    disclosure = CareDisclosure.objects.get()
    assert (disclosure.note, disclosure.decided_by) == (shared, world.users["director_a"])
