"""Create, accept, decline, withdraw: every guard, the involvements, the pathway step, audit."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from nrm.access.models import AuditEvent, AuditEventType, Involvement, InvolvementBasis, Purpose
from nrm.access.policy import Ability, decide_person
from nrm.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from nrm.people.queries import person_get_for_actor
from nrm.protection.actions import pathway_event_record
from nrm.protection.models import PathwayRecord, StatusEvent
from nrm.referrals.actions import referral_accept, referral_decline, referral_withdraw
from nrm.referrals.models import Referral, ReferralEvent, ReferralSource, ReferralStatus
from nrm.referrals.tests.builders import refer
from nrm.referrals.workflow import available_transitions
from nrm.testing import World


def sees(world: World, persona: str, person_id: int) -> bool:
    return decide_person(world.actor(persona), person_id, Ability.PERSON_VIEW).allowed


def centre_care(world: World, centre: str, person_id: int) -> list[Involvement]:
    return list(
        Involvement.objects.filter(
            person_id=person_id, organisation=world.organisations[centre], purpose=Purpose.CARE
        ).order_by("pk")
    )


# Creating ------------------------------------------------------------------------------


def test_a_referral_lets_the_centre_see_the_person_to_decide(world: World) -> None:
    person = world.person("inspector")
    assert not sees(world, "caseworker_a", person.pk)

    referral = refer(world, person=person, details="Sleeps on the building site.")

    assert referral.status == ReferralStatus.PENDING
    assert referral.source == ReferralSource.INSPECTION
    assert referral.referring_organisation == world.organisations["ECOSOC Brussels"]
    assert referral.referring_caseworker == world.users["inspector"]
    assert referral.referred_on == timezone.localdate()
    assert referral.version == 1
    [involvement] = centre_care(world, "PAG-ASA", person.pk)
    assert involvement.basis == InvolvementBasis.REFERRAL_RECEIVED
    assert referral.received_involvement == involvement
    assert sees(world, "caseworker_a", person.pk)
    assert sees(world, "director_a", person.pk)
    assert not sees(world, "caseworker_b", person.pk)


def test_creating_a_referral_is_audited_with_its_history_row(world: World) -> None:
    referral = refer(world, details="Sleeps on the building site.")

    row = AuditEvent.objects.get(action="referral_create")
    assert row.event_type == AuditEventType.CREATE
    assert (row.record_type, row.record_id) == ("referrals.referral", str(referral.pk))
    assert row.actor == world.users["inspector"]
    assert row.purpose == Purpose.INVESTIGATION
    assert row.changes is not None
    # Free text about the person stays in the referral: the trail says it was given.
    assert row.changes["details"] == "set"
    assert row.changes["referred_organisation"] == world.organisations["PAG-ASA"].pk
    [event] = ReferralEvent.objects.filter(referral=referral)
    assert (event.from_status, event.to_status) == ("", ReferralStatus.PENDING)


def test_the_details_are_encrypted_at_rest(world: World) -> None:
    referral = refer(world, details="Sleeps on the building site.")

    with connection.cursor() as cursor:
        cursor.execute("SELECT details FROM referrals_referral WHERE id = %s", [referral.pk])
        (stored,) = cursor.fetchone()
    assert stored.startswith("fernet:")
    assert "building" not in stored


def test_an_organisation_cannot_refer_a_person_it_does_not_see(world: World) -> None:
    person = world.person("caseworker_b")

    with pytest.raises(NotFound):
        refer(world, "inspector", person=person)
    assert not Referral.objects.exists()


@pytest.mark.parametrize("persona", ["prosecutor", "judge", "immigration"])
def test_roles_that_do_not_refer_are_refused_even_when_they_see_the_person(
    world: World, persona: str
) -> None:
    person = world.person("inspector")
    world.involve(
        person, persona, "INVESTIGATION" if persona != "immigration" else "RESIDENCE_DECISION"
    )

    with pytest.raises(PermissionDenied):
        refer(world, persona, person=person)
    assert not Referral.objects.exists()


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"source": ReferralSource.POLICE}, "source"),
        ({"source": "TELEPATHY"}, "source"),
        ({"reason": "BecauseWeCan"}, "reason"),
        ({"details": "x" * 4001}, "details"),
        ({"referred_on": timezone.localdate() + dt.timedelta(days=1)}, "referred_on"),
    ],
)
def test_bad_input_is_refused_with_its_field_and_nothing_is_saved(
    world: World, options: dict[str, Any], field: str
) -> None:
    person = world.person("inspector")
    involvements = Involvement.objects.count()

    with pytest.raises(DomainError) as raised:
        refer(world, person=person, **options)

    assert raised.value.field == field
    assert not Referral.objects.exists()
    assert Involvement.objects.count() == involvements


def test_a_second_pending_referral_to_the_same_centre_is_a_conflict(world: World) -> None:
    person = world.person("inspector")
    refer(world, person=person)

    with pytest.raises(Conflict, match="already has a referral awaiting the decision of PAG-ASA"):
        refer(world, person=person)
    assert Referral.objects.count() == 1


def test_a_centre_may_refer_on_to_another_centre(world: World) -> None:
    person = world.person("caseworker_a")

    referral = refer(
        world, "caseworker_a", person=person, region=world.organisations["Payoke"].region
    )

    assert referral.source == ReferralSource.NGO
    assert referral.referred_organisation == world.organisations["Payoke"]
    assert sees(world, "caseworker_b", person.pk)


# Accepting -----------------------------------------------------------------------------


def test_accepting_turns_the_centres_reason_into_an_accepted_referral(world: World) -> None:
    referral = refer(world)
    person = referral.person

    accepted = referral_accept(
        actor=world.actor("caseworker_a"), referral=referral, expected_version=1
    )

    assert accepted.status == ReferralStatus.ACCEPTED
    assert accepted.version == 2
    assert accepted.referred_caseworker == world.users["caseworker_a"]
    assert accepted.decided_by == world.users["caseworker_a"]
    received, current = centre_care(world, "PAG-ASA", person.pk)
    assert received.basis == InvolvementBasis.REFERRAL_RECEIVED
    assert received.until is not None
    assert current.basis == InvolvementBasis.REFERRAL_ACCEPTED
    assert current.until is None
    assert sees(world, "caseworker_a", person.pk)


def test_accepting_records_the_referred_step_of_the_pathway(world: World) -> None:
    referral = refer(world)

    accepted = referral_accept(
        actor=world.actor("caseworker_a"), referral=referral, expected_version=1
    )

    record = PathwayRecord.objects.get(person=referral.person)
    assert record.state == "REFERRED"
    [event] = StatusEvent.objects.filter(record=record)
    assert event.type == "REFERRED"
    assert event.organisation == world.organisations["PAG-ASA"]
    assert event.recorded_by == world.users["caseworker_a"]
    assert accepted.referred_event_recorded


def test_accepting_still_stands_when_the_pathway_is_already_further_along(
    world: World,
) -> None:
    person = world.person("inspector")
    world.involve(person, "caseworker_b", Purpose.CARE)
    pathway_event_record(
        actor=world.actor("caseworker_b"),
        person=person,
        event_type="REFERRED",
        on=timezone.localdate(),
        expected_version=0,
    )
    referral = refer(world, person=person)

    accepted = referral_accept(
        actor=world.actor("caseworker_a"), referral=referral, expected_version=1
    )

    assert accepted.status == ReferralStatus.ACCEPTED
    assert not accepted.referred_event_recorded
    assert StatusEvent.objects.filter(record__person=person).count() == 1
    assert AuditEvent.objects.filter(action="pathway_event_record").count() == 1


def test_the_acceptance_is_audited(world: World) -> None:
    referral = refer(world)

    referral_accept(actor=world.actor("director_a"), referral=referral, expected_version=1)

    row = AuditEvent.objects.get(action="referral_accept")
    assert row.event_type == AuditEventType.UPDATE
    assert row.actor == world.users["director_a"]
    assert row.purpose == Purpose.CARE
    assert row.changes is not None
    assert row.changes["status"] == {"old": "PENDING", "new": "ACCEPTED"}
    assert row.changes["pathway_event"] == "REFERRED"


@pytest.mark.parametrize("persona", ["inspector", "teamlead", "caseworker_b"])
def test_only_the_receiving_centre_accepts(world: World, persona: str) -> None:
    referral = refer(world)

    with pytest.raises((PermissionDenied, NotFound)):
        referral_accept(actor=world.actor(persona), referral=referral, expected_version=1)
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.PENDING


def test_the_referrer_is_told_why_it_cannot_accept(world: World) -> None:
    referral = refer(world)

    with pytest.raises(PermissionDenied, match="Only the centre the person was referred to"):
        referral_accept(actor=world.actor("inspector"), referral=referral, expected_version=1)


def test_an_outsider_is_told_the_referral_does_not_exist(world: World) -> None:
    referral = refer(world)

    with pytest.raises(NotFound):
        referral_accept(actor=world.actor("caseworker_b"), referral=referral, expected_version=1)


def test_a_decided_referral_cannot_be_decided_again(world: World) -> None:
    referral = refer(world)
    referral_accept(actor=world.actor("caseworker_a"), referral=referral, expected_version=1)

    with pytest.raises(Conflict, match="already been accepted"):
        referral_decline(
            actor=world.actor("director_a"), referral=referral, expected_version=2, reason="No."
        )
    with pytest.raises(Conflict, match="already been accepted"):
        referral_withdraw(actor=world.actor("inspector"), referral=referral, expected_version=2)


def test_when_two_people_decide_at_once_the_second_gets_a_conflict(world: World) -> None:
    referral = refer(world)
    seen_by_both = referral.version
    referral_accept(
        actor=world.actor("caseworker_a"), referral=referral, expected_version=seen_by_both
    )

    with pytest.raises(Conflict, match="Someone else acted on this referral meanwhile"):
        referral_decline(
            actor=world.actor("director_a"),
            referral=referral,
            expected_version=seen_by_both,
            reason="No place.",
        )
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ACCEPTED
    assert referral.events.count() == 2


# Declining and withdrawing -------------------------------------------------------------


def test_declining_needs_a_reason(world: World) -> None:
    referral = refer(world)

    with pytest.raises(DomainError) as raised:
        referral_decline(
            actor=world.actor("caseworker_a"), referral=referral, expected_version=1, reason="  "
        )

    assert raised.value.field == "reason"
    assert raised.value.message == "Say why your centre declines this referral."
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.PENDING
    assert centre_care(world, "PAG-ASA", referral.person_id)[0].until is None


def test_declining_ends_the_centres_access_and_keeps_the_reason(world: World) -> None:
    referral = refer(world)

    declined = referral_decline(
        actor=world.actor("caseworker_a"),
        referral=referral,
        expected_version=1,
        reason="No place for men this week.",
    )

    assert declined.status == ReferralStatus.DECLINED
    assert declined.decision_reason == "No place for men this week."
    [involvement] = centre_care(world, "PAG-ASA", referral.person_id)
    assert involvement.until is not None
    assert not sees(world, "caseworker_a", referral.person_id)
    with pytest.raises(NotFound):
        person_get_for_actor(world.actor("caseworker_a"), referral.person.reference, action="t")
    # The referrer still sees its person, and the decline is on record for both parties.
    assert sees(world, "inspector", referral.person_id)
    row = AuditEvent.objects.get(action="referral_decline")
    assert row.changes is not None
    assert row.changes["reason"] == "set"
    assert row.changes["received_involvement_ended"] is True


def test_declining_keeps_the_access_a_centre_had_for_another_reason(world: World) -> None:
    person = world.person("inspector")
    world.involve(person, "caseworker_a", Purpose.CARE, InvolvementBasis.FIRST_CONTACT)
    referral = refer(world, person=person)
    assert referral.received_involvement is None

    referral_decline(
        actor=world.actor("caseworker_a"), referral=referral, expected_version=1, reason="Known."
    )

    [involvement] = centre_care(world, "PAG-ASA", person.pk)
    assert involvement.basis == InvolvementBasis.FIRST_CONTACT
    assert involvement.until is None
    assert sees(world, "caseworker_a", person.pk)


def test_the_referrer_may_withdraw_before_the_centre_decides(world: World) -> None:
    referral = refer(world)

    withdrawn = referral_withdraw(
        actor=world.actor("teamlead"), referral=referral, expected_version=1, reason="Duplicate."
    )

    assert withdrawn.status == ReferralStatus.WITHDRAWN
    assert withdrawn.decision_reason == "Duplicate."
    assert not sees(world, "caseworker_a", referral.person_id)
    assert AuditEvent.objects.filter(action="referral_withdraw").count() == 1


def test_the_centre_cannot_withdraw_a_referral_made_to_it(world: World) -> None:
    referral = refer(world)

    with pytest.raises(PermissionDenied, match="Only the organisation that made the referral"):
        referral_withdraw(actor=world.actor("caseworker_a"), referral=referral, expected_version=1)


def test_a_withdrawn_referral_cannot_be_accepted(world: World) -> None:
    referral = refer(world)
    referral_withdraw(actor=world.actor("inspector"), referral=referral, expected_version=1)

    with pytest.raises(Conflict, match="has been withdrawn"):
        referral_accept(actor=world.actor("caseworker_a"), referral=referral, expected_version=2)


def test_after_a_decline_the_person_can_be_referred_again(world: World) -> None:
    referral = refer(world)
    referral_decline(
        actor=world.actor("caseworker_a"), referral=referral, expected_version=1, reason="Full."
    )

    again = refer(world, person=referral.person)

    assert again.status == ReferralStatus.PENDING
    assert sees(world, "caseworker_a", referral.person_id)


# Available transitions -----------------------------------------------------------------


def test_each_party_is_told_which_transitions_it_may_take_and_why(world: World) -> None:
    referral = refer(world)

    centre = {a.name: a for a in available_transitions(referral, world.actor("caseworker_a"))}
    referrer = {a.name: a for a in available_transitions(referral, world.actor("inspector"))}

    assert [centre["accept"].allowed, centre["decline"].allowed, centre["withdraw"].allowed] == [
        True,
        True,
        False,
    ]
    assert centre["accept"].reason == (
        "Your centre received this referral and has not decided yet."
    )
    assert centre["withdraw"].reason == (
        "Only the organisation that made the referral can withdraw it."
    )
    assert [referrer["accept"].allowed, referrer["withdraw"].allowed] == [False, True]
    assert referrer["accept"].reason == (
        "Only the centre the person was referred to decides on a referral."
    )


def test_after_the_decision_every_transition_says_why_it_is_closed(world: World) -> None:
    referral = refer(world)
    referral_decline(
        actor=world.actor("caseworker_a"), referral=referral, expected_version=1, reason="Full."
    )
    referral.refresh_from_db()

    choices = available_transitions(referral, world.actor("caseworker_a"))

    assert not any(a.allowed for a in choices)
    assert {a.reason for a in choices if a.name != "withdraw"} == {
        "This referral has already been declined."
    }
