"""Legal holds: an open case file, a pending status procedure and an open referral hold a
person's records automatically; a manual hold needs an authorised role and reasons."""

from __future__ import annotations

import pytest

from nrm.access.models import AuditEvent, Purpose
from nrm.care.actions import care_note_create
from nrm.consent.actions import ConsentConfirmation
from nrm.core.errors import DomainError, NotFound, PermissionDenied
from nrm.prosecution.tests.support import decide, named_victim, opened_case, to_provisional_stay
from nrm.referrals.actions import referral_create
from nrm.retention.actions import legal_hold_place, legal_hold_release
from nrm.retention.holds import HoldKind, holds_by_person
from nrm.retention.models import FlagStatus, LegalHold, RetentionFlag
from nrm.retention.tests.support import NOTE, at, cared_person, end_all_involvements, run
from nrm.testing import World

pytestmark = pytest.mark.django_db


def test_an_open_case_holds_the_victims_records_until_it_is_closed(world: World) -> None:
    case = opened_case(world)
    victim = named_victim(world, case)
    person = victim.person
    world.involve(person, "caseworker_a", Purpose.CARE)
    note = care_note_create(actor=world.actor("caseworker_a"), person=person, text=NOTE)
    assert holds_by_person([person.pk]) == {person.pk: {HoldKind.OPEN_CASE}}

    ended = end_all_involvements(world, person)
    first = at(ended, years=30)
    run(first)
    run(at(first, days=60))
    flag = RetentionFlag.objects.get(rule="care.carenote", record_id=note.pk)
    assert flag.status == FlagStatus.HELD
    assert flag.holds == [HoldKind.OPEN_CASE]
    note.refresh_from_db()
    assert note.text == NOTE

    decide(world, "prosecutor", case, "dismiss", reason_code="OTHER", reason="No evidence.")
    assert holds_by_person([person.pk]) == {}
    again = at(first, days=90)
    run(again)
    flag.refresh_from_db()
    assert flag.status == FlagStatus.FLAGGED
    run(at(again, days=30))
    note.refresh_from_db()
    assert note.text == ""


def test_a_pending_status_procedure_holds_the_person(world: World) -> None:
    person = world.person("investigator")
    to_provisional_stay(world, person)
    assert HoldKind.STATUS_PROCEDURE in holds_by_person([person.pk])[person.pk]


def test_an_open_referral_holds_the_person(world: World) -> None:
    person = world.person("inspector")
    referral_create(
        consent=ConsentConfirmation(language="ro"),
        actor=world.actor("inspector"),
        person=person,
        reason="AdditionalServicesRequired",
        centre=world.organisations["PAG-ASA"],
    )
    assert holds_by_person([person.pk]) == {person.pk: {HoldKind.OPEN_REFERRAL}}


def test_a_manual_hold_needs_an_authorised_role_and_reasons(world: World) -> None:
    person, _note = cared_person(world)
    for persona in ("caseworker_a", "inspector", "analyst", "coordinator"):
        with pytest.raises(PermissionDenied):
            legal_hold_place(
                actor=world.actor(persona), person_reference=person.reference, reason="x"
            )
    with pytest.raises(DomainError) as empty:
        legal_hold_place(
            actor=world.actor("director_a"), person_reference=person.reference, reason=" "
        )
    assert empty.value.field == "reason"
    # A head of an organisation never involved with the person: the same answer as no person.
    for reference in (person.reference, "P-NOPE-0000"):
        with pytest.raises(DomainError) as unknown:
            legal_hold_place(
                actor=world.actor("prosecutor"), person_reference=reference, reason="A claim."
            )
        assert unknown.value.field == "person"
    hold = legal_hold_place(
        actor=world.actor("director_a"), person_reference=person.reference, reason="A claim."
    )
    event = AuditEvent.objects.get(action="legal_hold_place", record_id=str(hold.pk))
    assert "A claim." not in str(event.changes)
    assert holds_by_person([person.pk]) == {person.pk: {HoldKind.MANUAL}}

    # The data protection officer places and releases holds too; another centre does not
    # even see this one.
    with pytest.raises(NotFound):
        legal_hold_release(actor=world.actor("caseworker_b"), hold_id=hold.pk)
    legal_hold_release(actor=world.actor("admin"), hold_id=hold.pk)
    assert LegalHold.objects.get(pk=hold.pk).released_at is not None
    assert holds_by_person([person.pk]) == {}
    officer_hold = legal_hold_place(
        actor=world.actor("admin"), person_reference=person.reference, reason="Complaint pending."
    )
    assert officer_hold.organisation == world.organisations["Operator"]
