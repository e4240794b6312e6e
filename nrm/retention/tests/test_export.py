"""The subject-access export (GDPR art. 15): each organisation exports what it holds on the
person, from every app; together they cover the person's records in every app; nobody
exports another organisation's records; every export is audited."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from django.test import Client
from django.utils import timezone

from nrm.access.models import AuditEvent, AuditEventType, Purpose
from nrm.care.actions import care_note_create
from nrm.care.models import CareNote
from nrm.core.errors import NotFound, PermissionDenied
from nrm.inspections.tests.helpers import a_screening, an_inspection, carried_out
from nrm.people.models import Person
from nrm.prosecution.tests.support import named_victim, opened_case
from nrm.referrals.actions import referral_accept, referral_create
from nrm.retention.actions import erasure_request_record, legal_hold_place
from nrm.retention.models import FlagBasis, FlagStatus, RetentionFlag
from nrm.retention.queries import subject_access_export
from nrm.retention.tests.support import NOTE, at, cared_person, end_all_involvements, run
from nrm.testing import World

pytestmark = pytest.mark.django_db
ClientAs = Callable[[str], Client]


def person_known_everywhere(world: World) -> Person:
    """Screened by the inspection team, referred to and accepted by PAG-ASA (care note,
    a hold; its acceptance starts the status pathway), named as a victim in a case file."""
    inspection = carried_out(world, an_inspection(world))
    screening = a_screening(world, inspection)
    person = screening.person
    referral = referral_create(
        actor=world.actor("inspector"),
        person=person,
        reason="AdditionalServicesRequired",
        centre=world.organisations["PAG-ASA"],
    )
    referral_accept(
        actor=world.actor("caseworker_a"), referral=referral, expected_version=referral.version
    )
    care_note_create(actor=world.actor("caseworker_a"), person=person, text=NOTE)
    world.involve(person, "immigration", Purpose.RESIDENCE_DECISION)
    world.involve(person, "investigator", Purpose.INVESTIGATION)
    named_victim(world, opened_case(world), person)
    legal_hold_place(
        actor=world.actor("director_a"),
        person_reference=person.reference,
        reason="Keep for the compensation claim.",
    )
    return person


def sections(persona: str, world: World, person: Person) -> set[str]:
    data = subject_access_export(actor=world.actor(persona), person_reference=person.reference)
    assert data["person"]["reference"] == person.reference
    assert data["involvements"]
    json.dumps(data)  # plain JSON all the way down
    return set(data["records"])


def test_the_exports_cover_the_persons_records_in_every_app(world: World) -> None:
    person = person_known_everywhere(world)
    by_organisation = {
        persona: sections(persona, world, person)
        for persona in ("teamlead", "director_a", "immigration", "prosecutor")
    }
    apps = {key.split(".")[0] for found in by_organisation.values() for key in found}
    assert apps >= {"inspections", "referrals", "care", "protection", "prosecution", "retention"}

    # Each organisation exports its own records and no one else's.
    assert {"inspections.screening", "inspections.observation", "referrals.referral"} <= (
        by_organisation["teamlead"]
    )
    assert {"care.carenote", "referrals.referral", "protection.statusevent"} <= (
        by_organisation["director_a"]
    )
    assert "retention.legalhold" in by_organisation["director_a"]
    assert "prosecution.casevictim" in by_organisation["prosecutor"]
    assert not {
        k for k in by_organisation["director_a"] if k.startswith(("inspections", "prosecution"))
    }
    assert not {k for k in by_organisation["teamlead"] if k.startswith(("care", "prosecution"))}
    assert not {k for k in by_organisation["prosecutor"] if k.startswith(("care", "inspections"))}


def test_the_export_holds_the_content_and_leaves_out_staff_and_secrets(world: World) -> None:
    person = person_known_everywhere(world)
    data = subject_access_export(actor=world.actor("director_a"), person_reference=person.reference)
    assert data["records"]["care.carenote"][0]["text"] == NOTE
    assert data["person"]["given_names"] == "Ion"
    text = json.dumps(data)
    assert "written_by" not in text
    assert "file_key" not in text
    assert data["organisation"]["name"] == "PAG-ASA"
    assert {entry["event"] for entry in data["access_log"]} >= {AuditEventType.CREATE}


def test_the_export_is_audited_with_the_sections_sizes_only(world: World) -> None:
    person = person_known_everywhere(world)
    subject_access_export(actor=world.actor("director_a"), person_reference=person.reference)
    event = AuditEvent.objects.get(action="subject_access_export")
    assert event.event_type == AuditEventType.EXPORT
    assert (event.record_type, event.record_id) == ("people.person", str(person.pk))
    assert event.changes is not None
    assert event.changes["sections"]["care.carenote"] == 1
    assert NOTE not in json.dumps(event.changes)


def test_only_an_answering_role_of_an_involved_organisation_exports(world: World) -> None:
    person = person_known_everywhere(world)
    for persona in ("caseworker_a", "inspector", "analyst", "coordinator", "admin", "judge"):
        with pytest.raises(PermissionDenied):
            subject_access_export(actor=world.actor(persona), person_reference=person.reference)
    stranger = world.person("caseworker_b")
    for reference in (stranger.reference, "P-NONE-0000"):
        with pytest.raises(NotFound):
            subject_access_export(actor=world.actor("director_a"), person_reference=reference)
    assert not AuditEvent.objects.filter(action="subject_access_export").exists()


def test_an_ended_involvement_still_answers_for_the_records_kept(world: World) -> None:
    person = person_known_everywhere(world)
    end_all_involvements(world, person)
    data = subject_access_export(actor=world.actor("director_a"), person_reference=person.reference)
    assert data["records"]["care.carenote"][0]["text"] == NOTE


def test_an_erasure_request_flags_the_organisations_records_now(
    world: World, client_as: ClientAs
) -> None:
    person = person_known_everywhere(world)
    director = client_as("director_a")
    answer = director.post("/retention/erasure/", {"erasure-person": person.reference})
    assert answer.status_code == 302
    flags = RetentionFlag.objects.filter(person=person, basis=FlagBasis.REQUEST)
    assert flags.exists()
    assert set(flags.values_list("organisation_id", flat=True)) == {
        world.organisations["PAG-ASA"].pk
    }
    # The person is in an open case: held, nothing anonymised.
    assert set(flags.values_list("status", flat=True)) == {FlagStatus.HELD}
    assert AuditEvent.objects.filter(action="erasure_request_record").count() == 1
    refused = client_as("caseworker_a").post("/retention/erasure/", {"erasure-person": "x"})
    assert refused.status_code == 403
    unknown = director.post("/retention/erasure/", {"erasure-person": "P-NONE-0000"})
    assert unknown.status_code == 400


def test_an_erasure_request_is_applied_after_the_grace_period(world: World) -> None:
    person, note = cared_person(world)
    now = timezone.now()
    assert (
        erasure_request_record(
            actor=world.actor("director_a"), person_reference=person.reference, now=now
        )
        == 1
    )
    # The centre still works with the person: the request, not the period, makes it due.
    run(at(now, days=29))
    assert CareNote.objects.get(pk=note.pk).text == NOTE
    run(at(now, days=30))
    assert CareNote.objects.get(pk=note.pk).text == ""
    assert RetentionFlag.objects.get(record_id=note.pk).status == FlagStatus.DONE
    assert Person.objects.get(pk=person.pk).given_names == "Maria"
