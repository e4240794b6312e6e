"""A screening's answer to being referred is the worker's consent by purpose (nrm.consent,
issue 18 item 1), and the referral from the screening reads the person's consent, not the
screening's answer alone: a withdrawal recorded later stops it, an agreement confirmed now
is recorded, a (presumed) minor goes under the child exemption, and what was sent stays."""

from __future__ import annotations

import pytest
from django.utils import timezone

from nrm.access.models import AuditEvent, Involvement, InvolvementBasis
from nrm.consent.actions import consent_withdraw
from nrm.consent.models import ConsentRecord
from nrm.core.errors import DomainError
from nrm.inspections.actions import ScreeningData, screening_create
from nrm.inspections.models import Screening
from nrm.inspections.tests.helpers import a_worksite, an_inspection, carried_out
from nrm.inspections.tests.test_referral import refer, screened
from nrm.inspections.vocab import Consent
from nrm.people.actions import PersonData
from nrm.referrals.models import Referral, ReferralStatus
from nrm.testing import World


@pytest.mark.parametrize(("answer", "given"), [(Consent.CONSENTED, True), (Consent.REFUSED, False)])
def test_the_screenings_answer_is_recorded_as_the_workers_consent(
    world: World, answer: str, given: bool
) -> None:
    screening = screened(world, consent=answer)

    record = ConsentRecord.objects.get(person=screening.person)
    assert record.purpose == "REFERRAL"
    assert record.given is given
    assert record.asked_by == world.users["inspector"]
    assert record.organisation == world.organisations["ECOSOC Brussels"]
    assert record.language == "ro"
    assert record.on == screening.screened_on


def test_a_screening_that_did_not_ask_records_no_answer(world: World) -> None:
    screened(world, consent=Consent.NOT_ASKED)
    assert not ConsentRecord.objects.exists()


def test_a_withdrawal_after_the_screening_stops_the_referral(world: World) -> None:
    screening = screened(world, consent=Consent.CONSENTED)
    record = ConsentRecord.objects.get(person=screening.person)
    consent_withdraw(actor=world.actor("inspector"), consent_id=record.pk)

    with pytest.raises(DomainError) as refused:
        refer(world, screening)

    assert refused.value.field == "consent_confirmed"
    assert "withdrew their consent" in refused.value.message
    assert not Referral.objects.exists()
    screening.refresh_from_db()
    assert screening.referral is None
    # The screening keeps its own answer as history.
    assert screening.consent == Consent.CONSENTED


def test_an_agreement_confirmed_now_is_recorded_and_refers(world: World) -> None:
    screening = screened(world, consent=Consent.REFUSED)

    referral = refer(world, screening, consent_confirmed=True, interpreter=True)

    latest = ConsentRecord.objects.filter(person=screening.person).order_by("-id").first()
    assert latest is not None
    assert latest.given
    assert latest.interpreter
    assert latest.on == timezone.localdate()
    assert referral.status == ReferralStatus.PENDING
    event = AuditEvent.objects.get(action="screening_refer", record_id=str(screening.pk))
    assert event.changes is not None
    assert event.changes["consent_basis"] == "given"


def test_a_presumed_minor_is_referred_under_the_child_exemption(world: World) -> None:
    screening = screened(world, age=None, presumed_minor=True, consent=Consent.REFUSED)

    referral = refer(world, screening)

    assert referral.referred_organisation == world.organisations["Minor-Ndako"]
    event = AuditEvent.objects.get(action="screening_refer", record_id=str(screening.pk))
    assert event.changes is not None
    assert event.changes["consent_basis"] == "child_exemption"


def test_what_was_sent_stays_after_a_withdrawal(world: World) -> None:
    screening = screened(world, consent=Consent.CONSENTED)
    referral = refer(world, screening)
    record = ConsentRecord.objects.get(person=screening.person)

    consent_withdraw(actor=world.actor("inspector"), consent_id=record.pk)

    referral.refresh_from_db()
    assert referral.status == ReferralStatus.PENDING
    assert Involvement.objects.filter(
        person=screening.person,
        organisation=world.organisations["PAG-ASA"],
        basis=InvolvementBasis.REFERRAL_RECEIVED,
        until__isnull=True,
    ).exists()
    assert Screening.objects.get(pk=screening.pk).referral == referral


def test_an_answer_of_unknown_language_is_recorded_without_one(world: World) -> None:
    inspection = carried_out(world, an_inspection(world, worksite=a_worksite(world)))
    screening = screening_create(
        actor=world.actor("inspector"),
        inspection=inspection,
        data=ScreeningData(
            new_person=PersonData(given_names="Ion", age_at_first_contact=30),
            consent=Consent.CONSENTED,
        ),
    )

    assert ConsentRecord.objects.get(person=screening.person).language == ""
