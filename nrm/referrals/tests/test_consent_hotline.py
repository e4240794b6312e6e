"""The hotline and the person's say (issue 18 item 1, issue 16 item 2): the call's answer to
being referred recorded as consent; a referral of an adult only with it; the call's summary
travelling with the referral to the receiving centre only while that consent is in force;
a phone taken for a new person, kept encrypted, as a channel to call back on or one never
to use."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from nrm.access.models import AuditEvent
from nrm.accounts.actions import api_token_create
from nrm.consent.actions import consent_withdraw
from nrm.consent.models import ConsentRecord, SafeContact
from nrm.consent.queries import channel_is_safe
from nrm.core.errors import DomainError
from nrm.people.actions import PersonData
from nrm.people.models import Person
from nrm.referrals.actions import HotlineEntryData, HotlineReferralData, hotline_entry_create
from nrm.referrals.models import HotlineEntry, HotlineOutcome, Referral
from nrm.testing import World

ClientAs = Callable[[str], Client]
SUMMARY = "Works nights in a car wash; the boss keeps her passport."


def contact(**overrides: Any) -> HotlineEntryData:
    values: dict[str, Any] = {
        "contact_at": timezone.now() - timedelta(minutes=10),
        "channel": "PHONE",
        "language": "ro",
        "caller_type": "POTENTIAL_VICTIM",
        "summary": SUMMARY,
        "outcome": HotlineOutcome.REFERRAL,
    }
    values.update(overrides)
    return HotlineEntryData(**values)


def to_flanders(world: World, **data: Any) -> HotlineEntry:
    """A call to PAG-ASA's hotline about a woman in Flanders, referred to Payoke."""
    person = data.pop("new_person", None) or PersonData(given_names="Ana", age_at_first_contact=29)
    return hotline_entry_create(
        actor=world.actor("caseworker_a"),
        data=contact(**data),
        new_person=person,
        referral=HotlineReferralData(region=world.organisations["Payoke"].region),
    )


# Consent to be referred ----------------------------------------------------------------


def test_the_calls_answer_is_recorded_as_the_persons_consent(world: World) -> None:
    entry = to_flanders(world, referral_consent=True, interpreter=True)

    record = ConsentRecord.objects.get(person=entry.person)
    assert record.purpose == "REFERRAL"
    assert record.given
    assert record.asked_by == world.users["caseworker_a"]
    assert record.organisation == world.organisations["PAG-ASA"]
    assert (record.language, record.interpreter) == ("ro", True)
    assert record.on == timezone.localdate(entry.contact_at)
    assert entry.referral is not None
    event = AuditEvent.objects.get(action="hotline_entry_create", record_id=str(entry.pk))
    assert event.changes is not None
    assert event.changes["persons_say"] == ["referral_consent"]


@pytest.mark.parametrize("answer", [None, False])
def test_an_adult_is_not_referred_from_the_hotline_without_consent(
    world: World, answer: bool | None
) -> None:
    before = (HotlineEntry.objects.count(), Person.objects.count(), Referral.objects.count())

    with pytest.raises(DomainError) as refused:
        to_flanders(world, referral_consent=answer)

    assert refused.value.field == "consent"
    # All or nothing: no entry, no person, no referral, no answer left behind.
    after = (HotlineEntry.objects.count(), Person.objects.count(), Referral.objects.count())
    assert after == before
    assert not ConsentRecord.objects.exists()


def test_a_refusal_is_kept_when_the_call_is_only_advice(world: World) -> None:
    entry = to_flanders(world, outcome=HotlineOutcome.ADVICE, referral_consent=False)

    record = ConsentRecord.objects.get(person=entry.person)
    assert not record.given
    assert entry.referral is None


def test_an_answer_needs_a_person(world: World) -> None:
    with pytest.raises(DomainError) as refused:
        hotline_entry_create(
            actor=world.actor("caseworker_a"),
            data=contact(outcome=HotlineOutcome.ADVICE, referral_consent=True),
        )
    assert refused.value.field == "referral_consent"


def test_a_child_is_referred_without_consent_and_the_summary_stays(
    world: World, client_as: ClientAs
) -> None:
    entry = hotline_entry_create(
        actor=world.actor("caseworker_a"),
        data=contact(),
        new_person=PersonData(age_at_first_contact=16),
    )

    assert entry.referral is not None
    assert entry.referral.referred_organisation == world.organisations["Minor-Ndako"]
    page = client_as("caseworker_minors").get(f"/referrals/{entry.referral.reference}/")
    assert page.status_code == 200
    assert SUMMARY not in page.content.decode()


# The summary travels with consent -----------------------------------------------------


def test_the_summary_travels_to_the_receiving_centre_with_consent(
    world: World, client_as: ClientAs
) -> None:
    entry = to_flanders(world, referral_consent=True)
    assert entry.referral is not None

    page = client_as("caseworker_b").get(f"/referrals/{entry.referral.reference}/")

    assert SUMMARY in page.content.decode()
    assert AuditEvent.objects.filter(
        action="referral_hotline_summary_view", record_id=str(entry.pk)
    ).exists()
    detail = client_as("caseworker_a").get(f"/referrals/hotline/{entry.reference}/")
    assert "The summary goes with the referral to the centre" in detail.content.decode()


def test_after_a_withdrawal_the_summary_is_no_longer_shown_and_the_referral_stays(
    world: World, client_as: ClientAs
) -> None:
    entry = to_flanders(world, referral_consent=True)
    assert entry.referral is not None
    url = f"/referrals/{entry.referral.reference}/"
    assert SUMMARY in client_as("caseworker_b").get(url).content.decode()
    record = ConsentRecord.objects.get(person=entry.person)

    consent_withdraw(actor=world.actor("caseworker_a"), consent_id=record.pk)

    page = client_as("caseworker_b").get(url)
    assert page.status_code == 200
    assert SUMMARY not in page.content.decode()
    # What was shared stays recorded as shared.
    assert AuditEvent.objects.filter(action="referral_hotline_summary_view").count() == 1
    detail = client_as("caseworker_a").get(f"/referrals/hotline/{entry.reference}/")
    assert "The summary stays with your centre" in detail.content.decode()


def test_the_api_gives_the_summary_to_the_receiving_centre_only(world: World) -> None:
    entry = to_flanders(world, referral_consent=True)
    assert entry.referral is not None

    def summary(persona: str) -> Any:
        _token, plaintext = api_token_create(actor=world.actor(persona), label="t", days=1)
        client = Client(headers={"Authorization": f"Bearer {plaintext}"})
        response = client.get(f"/api/v1/referrals/{entry.referral.reference}")  # type: ignore[union-attr]
        assert response.status_code == 200
        return response.json()["hotline_summary"]

    assert summary("caseworker_b") == SUMMARY
    # The hotline's own centre reads the call in its log, not through the referral.
    assert summary("caseworker_a") is None


# The phone of a new person -------------------------------------------------------------


def hotline_form(world: World, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "contact_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "channel": "PHONE",
        "language": "ro",
        "caller_type": "POTENTIAL_VICTIM",
        "summary": SUMMARY,
        "outcome": "REFERRAL",
        "person_mode": "new",
        "given_names": "Ana",
        "age": "29",
        "gender": "NonSpecifiedUnknown",
        "phone": "+40 721 000 111",
        "referral_reason": "AdditionalServicesRequired",
        "region": str(world.organisations["Payoke"].region_id),
        "referral_consent": "yes",
    }
    data.update(overrides)
    return data


def test_the_phone_is_kept_encrypted_and_may_be_called_back(
    world: World, client_as: ClientAs
) -> None:
    response = client_as("caseworker_a").post(
        "/referrals/hotline/new/", hotline_form(world, phone_use="yes", interpreter="on")
    )

    assert response.status_code == 302
    person = HotlineEntry.objects.get().person
    assert person is not None
    assert person.phone == "+40 721 000 111"
    with connection.cursor() as cursor:
        cursor.execute("SELECT phone FROM people_person WHERE id = %s", [person.pk])
        (stored,) = cursor.fetchone()
    assert stored.startswith("fernet:")
    contact_consent = ConsentRecord.objects.get(person=person, purpose="CONTACT")
    assert contact_consent.channels == ["PHONE"]
    assert ConsentRecord.objects.get(person=person, purpose="REFERRAL").interpreter
    assert channel_is_safe(person, "PHONE", person.phone)
    # No phone number in the audit trail.
    assert not AuditEvent.objects.filter(changes__icontains="721 000").exists()


def test_a_phone_never_to_use_is_listed_as_unsafe(world: World, client_as: ClientAs) -> None:
    client = client_as("caseworker_a")

    response = client.post("/referrals/hotline/new/", hotline_form(world, phone_use="no"))

    assert response.status_code == 302
    entry = HotlineEntry.objects.get()
    person = entry.person
    assert person is not None
    assert not channel_is_safe(person, "PHONE", "+40721000111")
    assert SafeContact.objects.get(person=person).never_use[0]["kind"] == "PHONE"
    assert not ConsentRecord.objects.filter(person=person, purpose="CONTACT").exists()
    detail = client.get(f"/referrals/hotline/{entry.reference}/").content.decode()
    assert "Never use to contact this person" in detail
    assert "never use" in client.get(f"/people/{person.reference}/").content.decode()


@pytest.mark.parametrize(
    ("overrides", "field_error"),
    [
        ({"phone": "call me"}, "Give the phone number with digits only"),
        ({"phone": "", "phone_use": "yes"}, "Give the phone number this answer is about."),
        (
            {"person_mode": "none", "outcome": "ADVICE", "referral_consent": "yes"},
            "Link or record the person whose answer this is.",
        ),
        (
            {"referral_consent": ""},
            "An adult is referred only with their consent.",
        ),
    ],
)
def test_the_form_explains_a_bad_answer_and_keeps_nothing(
    world: World, client_as: ClientAs, overrides: dict[str, Any], field_error: str
) -> None:
    response = client_as("caseworker_a").post(
        "/referrals/hotline/new/", hotline_form(world, **overrides)
    )

    assert response.status_code == 400
    assert field_error in response.content.decode()
    assert not HotlineEntry.objects.exists()
    assert not ConsentRecord.objects.exists()


def test_the_form_offers_the_phone_and_the_persons_say(world: World, client_as: ClientAs) -> None:
    page = client_as("caseworker_a").get("/referrals/hotline/new/").content.decode()
    for name in ("phone", "phone_use", "referral_consent", "interpreter"):
        assert f'name="{name}"' in page
