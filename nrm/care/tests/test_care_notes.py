"""Care notes: a centre's notes on a person, visible to that centre only.

Prosecutors, police, immigration, other centres, the rapporteur and the administrator never
see them; a second centre caring for the same person sees its own notes, not the first's.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client

from nrm.access.actions import involvement_end, involvement_open
from nrm.access.models import AuditEvent, AuditEventType, Involvement, InvolvementBasis, Purpose
from nrm.care.models import CareNote
from nrm.care.tests.setup import NOTE_TEXT, cared_person, note
from nrm.core.errors import DomainError, NotFound
from nrm.people.models import Person
from nrm.testing import PERSONAS, World

ClientAs = Callable[[str], Client]
PAYOKE_NOTE = "Payoke met her at the station; prefers Tagalog."


def person_of_several_organisations(world: World) -> Person:
    """Cared for by PAG-ASA and by Payoke, named in a case file, awaiting a residence
    decision: everyone who could want to read a care note is involved."""
    person = cared_person(world)
    world.involve(person, "caseworker_b", Purpose.CARE)
    world.involve(person, "prosecutor", Purpose.INVESTIGATION, InvolvementBasis.CASE_FILE)
    world.involve(person, "investigator", Purpose.INVESTIGATION, InvolvementBasis.CASE_FILE)
    world.involve(
        person, "immigration", Purpose.RESIDENCE_DECISION, InvolvementBasis.DECISION_REQUIRED
    )
    note(world, person)
    note(world, person, "caseworker_b", PAYOKE_NOTE)
    return person


# fmt: off
SEES = {
    # persona:            (care page, PAG-ASA's note, Payoke's note)
    "caseworker_a":       (200, True,  False),
    "director_a":         (200, True,  False),
    "caseworker_b":       (200, False, True),
    "caseworker_minors":  (404, False, False),
    "inspector":          (404, False, False),
    "teamlead":           (404, False, False),
    "investigator":       (404, False, False),
    "prosecutor":         (404, False, False),
    "judge":              (404, False, False),
    "immigration":        (404, False, False),
    "coordinator":        (404, False, False),
    "analyst":            (404, False, False),
    "admin":              (404, False, False),
}
# fmt: on


def test_the_table_covers_every_persona() -> None:
    assert set(SEES) == set(PERSONAS)


@pytest.mark.parametrize("persona", sorted(SEES))
def test_care_notes_are_visible_to_their_centre_only(
    world: World, client_as: ClientAs, persona: str
) -> None:
    person = person_of_several_organisations(world)
    status, sees_pagasa, sees_payoke = SEES[persona]
    client = client_as(persona)

    page = client.get(f"/care/{person.reference}/")

    assert page.status_code == status
    body = page.content.decode()
    assert (NOTE_TEXT in body) is sees_pagasa
    assert (PAYOKE_NOTE in body) is sees_payoke
    # Nor through the person's record or its history, for those who may open them.
    for url in (f"/people/{person.reference}/", f"/people/{person.reference}/history/"):
        other = client.get(url).content.decode()
        assert NOTE_TEXT not in other, url
        assert PAYOKE_NOTE not in other, url


def test_a_note_is_encrypted_at_rest_and_audited_without_its_text(world: World) -> None:
    person = cared_person(world)

    written = note(world, person)

    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM care_carenote WHERE id = %s", [written.pk])
        (stored,) = cursor.fetchone()
    assert NOTE_TEXT not in stored
    row = AuditEvent.objects.get(action="care_note_create")
    assert (row.event_type, row.purpose) == (AuditEventType.CREATE, Purpose.CARE)
    assert (row.record_type, row.record_id) == ("care.carenote", str(written.pk))
    assert row.changes == {"person": person.reference}


def test_reading_the_care_page_is_audited_with_the_notes_shown(
    world: World, client_as: ClientAs
) -> None:
    person = cared_person(world)
    first, second = note(world, person), note(world, person, text="Second.")

    client_as("director_a").get(f"/care/{person.reference}/")

    row = AuditEvent.objects.get(action="care_file_view")
    assert row.event_type == AuditEventType.READ
    assert row.actor == world.users["director_a"]
    assert (row.record_type, row.record_id) == ("care.carefile", str(person.pk))
    assert row.changes is not None
    assert sorted(row.changes["notes"]) == sorted([first.pk, second.pk])
    assert row.changes["own"] is True


def test_a_caseworker_not_assigned_to_the_person_does_not_see_the_notes(
    world: World, client_as: ClientAs
) -> None:
    person = world.person("inspector")
    director = world.actor("director_a")
    assert director.organisation is not None
    # Only the director is assigned: other caseworkers of the centre lose access.
    involvement_open(
        actor=director,
        person=person,
        organisation=director.organisation,
        purpose=Purpose.CARE,
        basis=InvolvementBasis.REFERRAL_ACCEPTED,
        assigned=[world.users["director_a"]],
    )
    note(world, person, "director_a")

    assert client_as("caseworker_a").get(f"/care/{person.reference}/").status_code == 404
    assert client_as("director_a").get(f"/care/{person.reference}/").status_code == 200


def test_when_the_centre_closes_its_file_its_notes_are_out_of_reach(
    world: World, client_as: ClientAs
) -> None:
    person = cared_person(world)
    note(world, person)
    involvement = Involvement.objects.get(person=person, organisation__short_name="PAG-ASA")

    involvement_end(actor=world.actor("director_a"), involvement=involvement)

    assert client_as("director_a").get(f"/care/{person.reference}/").status_code == 404
    with pytest.raises(NotFound):
        note(world, person)


# The note page --------------------------------------------------------------------------


def test_a_caseworker_writes_a_note_through_the_page(world: World, client_as: ClientAs) -> None:
    person = cared_person(world)

    response = client_as("caseworker_a").post(
        f"/care/{person.reference}/notes/new/", {"text": "  Slept well.  "}
    )

    assert response.status_code == 302
    assert response["Location"] == f"/care/{person.reference}/"
    written = CareNote.objects.get()
    assert (written.text, written.written_by) == ("Slept well.", world.users["caseworker_a"])
    assert AuditEvent.objects.filter(action="care_note_create").count() == 1


def test_an_empty_note_gets_400(world: World, client_as: ClientAs) -> None:
    person = cared_person(world)

    response = client_as("caseworker_a").post(
        f"/care/{person.reference}/notes/new/", {"text": "   "}
    )

    assert response.status_code == 400
    assert not CareNote.objects.exists()
    with pytest.raises(DomainError, match="Write the note"):
        note(world, person, text=" \n ")


@pytest.mark.parametrize("persona", ["caseworker_b", "prosecutor", "immigration", "admin"])
def test_outsiders_cannot_write_a_note_and_learn_nothing(
    world: World, client_as: ClientAs, persona: str
) -> None:
    person = person_of_several_organisations(world) if persona != "caseworker_b" else None
    target = person or cared_person(world)

    for method in ("get", "post"):
        response = getattr(client_as(persona), method)(
            f"/care/{target.reference}/notes/new/", {"text": "Mine now."}
        )
        assert response.status_code == 404, method
    assert not CareNote.objects.filter(text="Mine now.").exists()
    # The same answer as for a person who does not exist.
    assert client_as(persona).get("/care/P-ZZZZ-ZZZZ/notes/new/").status_code == 404
