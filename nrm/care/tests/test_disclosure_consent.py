"""Care disclosures on the person's consent rest on the consent recorded in nrm/consent
(issue 18 item 1): without it in force no new disclosure; once it is withdrawn the
recipient no longer reads what was shared, and the disclosure stays recorded as made."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from nrm.access.models import AuditEvent, InvolvementBasis, Purpose
from nrm.care.actions import care_disclosure_create
from nrm.care.models import CareDisclosure, DisclosureBasis
from nrm.care.queries import disclosures_to_actor
from nrm.care.tests.setup import NOTE_TEXT, cared_person, note, sharing_consent, today
from nrm.consent.actions import ConsentAnswer, consent_record, consent_withdraw
from nrm.core.errors import DomainError
from nrm.people.models import Person
from nrm.testing import World

ClientAs = Callable[[str], Client]


def disclose(world: World, person: Person, **fields: Any) -> CareDisclosure:
    values: dict[str, Any] = {
        "recipient_id": world.organisations["Auditorate Brussels"].pk,
        "basis": DisclosureBasis.CONSENT,
        "basis_reference": "",
        "scope": "For the hearing only.",
        "decided_on": today(),
        "note_id": note(world, person).pk,
    }
    values.update(fields)
    return care_disclosure_create(actor=world.actor("director_a"), person=person, **values)


def prosecuted(world: World, **fields: Any) -> Person:
    person = cared_person(world, **fields)
    world.involve(person, "prosecutor", Purpose.INVESTIGATION, InvolvementBasis.CASE_FILE)
    return person


@pytest.mark.parametrize("answer", [None, False])
def test_no_disclosure_to_the_prosecution_without_the_sharing_consent(
    world: World, answer: bool | None
) -> None:
    person = prosecuted(world)
    if answer is not None:
        sharing_consent(world, person, given=answer)

    with pytest.raises(DomainError, match="consent to share with the police") as refused:
        disclose(world, person)

    assert (refused.value.status, refused.value.field) == (400, "basis")
    assert not CareDisclosure.objects.exists()


def test_with_the_consent_in_force_the_disclosure_names_it(world: World) -> None:
    person = prosecuted(world)
    consent = sharing_consent(world, person)

    disclosure = disclose(world, person)

    assert disclosure.consent == consent
    assert AuditEvent.objects.get(action="care_disclosure_create").changes["consent"] == consent.pk


def test_a_legal_basis_needs_no_consent(world: World) -> None:
    person = prosecuted(world)

    disclosure = disclose(
        world, person, basis=DisclosureBasis.LEGAL_BASIS, basis_reference="Court order 12/2025"
    )

    assert disclosure.consent is None


def test_another_recipient_without_a_consent_purpose_needs_where_the_consent_is_kept(
    world: World,
) -> None:
    person = cared_person(world)
    immigration = world.organisations["Immigration Office"].pk

    with pytest.raises(DomainError) as refused:
        disclose(world, person, recipient_id=immigration)
    assert refused.value.field == "basis_reference"

    kept = disclose(world, person, recipient_id=immigration, basis_reference="Signed form, file 7")
    assert kept.consent is None


def test_a_childs_best_interests_decision_stands_for_the_consent(world: World) -> None:
    child = prosecuted(world, age_at_first_contact=15, first_contact_on=today())
    consent_record(
        actor=world.actor("caseworker_a"),
        person=child,
        answer=ConsentAnswer(
            purpose="SHARE_WITH_LAW_ENFORCEMENT",
            given=True,
            on=today(),
            language="ro",
            basis="CHILD_BEST_INTERESTS",
            guardian_informed=True,
        ),
    )

    assert disclose(world, child).consent is not None


def test_after_withdrawal_no_new_disclosure_and_the_recipient_no_longer_reads(
    world: World, client_as: ClientAs
) -> None:
    person = prosecuted(world)
    consent = sharing_consent(world, person)
    disclosure = disclose(world, person)
    prosecutor = client_as("prosecutor")
    assert NOTE_TEXT in prosecutor.get(f"/care/{person.reference}/").content.decode()

    consent_withdraw(actor=world.actor("caseworker_a"), consent_id=consent.pk)

    # Sharing stops: nothing left to read, so the same 404 as for anyone else.
    assert prosecutor.get(f"/care/{person.reference}/").status_code == 404
    assert disclosures_to_actor(world.actor("prosecutor")) == []
    # What was shared stays recorded as shared, and the centre sees why it stopped.
    disclosure.refresh_from_db()
    assert disclosure.ended_at is None
    centre_page = client_as("director_a").get(f"/care/{person.reference}/").content.decode()
    assert "stopped: consent withdrawn" in centre_page
    with pytest.raises(DomainError, match="withdrawn"):
        disclose(world, person)


def test_a_new_consent_does_not_revive_a_disclosure_on_the_withdrawn_one(world: World) -> None:
    person = prosecuted(world)
    first = sharing_consent(world, person)
    disclose(world, person)
    consent_withdraw(actor=world.actor("caseworker_a"), consent_id=first.pk)

    sharing_consent(world, person)

    # The person agreed again: a new decision of the director is needed to share again.
    assert disclosures_to_actor(world.actor("prosecutor")) == []


def test_a_later_refusal_stops_the_reading_as_well(world: World) -> None:
    person = prosecuted(world)
    sharing_consent(world, person)
    disclose(world, person)

    sharing_consent(world, person, given=False)

    assert disclosures_to_actor(world.actor("prosecutor")) == []


def test_a_withdrawal_leaves_legal_basis_disclosures_readable(world: World) -> None:
    person = prosecuted(world)
    consent = sharing_consent(world, person)
    disclose(world, person, basis=DisclosureBasis.LEGAL_BASIS, basis_reference="Court order")

    consent_withdraw(actor=world.actor("caseworker_a"), consent_id=consent.pk)

    assert len(disclosures_to_actor(world.actor("prosecutor"))) == 1
