"""A referral rests on the person's consent to be referred (nrm.consent, issue 18 item 1):
recorded before, or confirmed by the referrer with the referral; a refusal or a withdrawal
stops every new referral of an adult while what was sent stays; a (presumed) minor is
referred under the child exemption. Through the action, the refer form, the re-send and
the API."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from nrm.access.models import AuditEvent, Involvement, InvolvementBasis
from nrm.accounts.actions import api_token_create
from nrm.consent.actions import (
    ConsentAnswer,
    ConsentConfirmation,
    consent_record,
    consent_withdraw,
)
from nrm.consent.models import ConsentRecord
from nrm.core.errors import DomainError
from nrm.people.models import Person
from nrm.referrals.actions import referral_accept, referral_decline, referral_resend
from nrm.referrals.models import Referral, ReferralStatus
from nrm.referrals.tests.builders import refer
from nrm.testing import World

ClientAs = Callable[[str], Client]


def agreed(world: World, person: Person, persona: str = "inspector") -> ConsentRecord:
    return consent_record(
        actor=world.actor(persona),
        person=person,
        answer=ConsentAnswer(
            purpose="REFERRAL", given=True, on=timezone.localdate(), language="ro"
        ),
    )


def referral_audit(referral: Referral) -> dict[str, Any]:
    row = AuditEvent.objects.get(action="referral_create", record_id=str(referral.pk))
    changes: dict[str, Any] = row.changes or {}
    return changes


# The action ----------------------------------------------------------------------------


def test_an_adult_without_consent_is_not_referred_and_nothing_is_saved(world: World) -> None:
    person = world.person("inspector")
    involvements = Involvement.objects.count()

    with pytest.raises(DomainError) as refused:
        refer(world, person=person, consent=None)

    assert refused.value.field == "consent"
    assert "only with their consent" in refused.value.message
    assert not Referral.objects.exists()
    assert not ConsentRecord.objects.exists()
    assert Involvement.objects.count() == involvements


def test_the_referrers_confirmation_is_recorded_as_the_persons_consent(world: World) -> None:
    person = world.person("inspector")

    referral = refer(
        world, person=person, consent=ConsentConfirmation(language="ro", interpreter=True)
    )

    [record] = ConsentRecord.objects.filter(person=person)
    assert record.purpose == "REFERRAL"
    assert record.given
    assert record.asked_by == world.users["inspector"]
    assert record.organisation == world.organisations["ECOSOC Brussels"]
    assert record.language == "ro"
    assert record.interpreter
    assert record.on == referral.referred_on
    assert referral_audit(referral)["consent"] == "given"
    assert referral_audit(referral)["consent_confirmed"] is True
    assert AuditEvent.objects.filter(action="consent_record", record_id=str(record.pk)).exists()


def test_a_consent_recorded_before_lets_the_referral_go_ahead(world: World) -> None:
    person = world.person("inspector")
    agreed(world, person)

    referral = refer(world, person=person, consent=None)

    assert referral.status == ReferralStatus.PENDING
    assert referral_audit(referral)["consent_confirmed"] is False
    assert ConsentRecord.objects.filter(person=person).count() == 1


def test_a_refusal_stops_the_referral_of_an_adult(world: World) -> None:
    person = world.person("inspector")
    consent_record(
        actor=world.actor("inspector"),
        person=person,
        answer=ConsentAnswer(
            purpose="REFERRAL", given=False, on=timezone.localdate(), language="ro"
        ),
    )

    with pytest.raises(DomainError) as refused:
        refer(world, person=person, consent=None)

    assert "refused to be referred" in refused.value.message
    assert not Referral.objects.exists()


def test_a_withdrawal_refuses_a_new_referral_and_what_was_sent_stays(world: World) -> None:
    person = world.person("inspector")
    sent = refer(world, person=person)
    referral_accept(actor=world.actor("caseworker_a"), referral=sent, expected_version=1)
    [record] = ConsentRecord.objects.filter(person=person)

    consent_withdraw(actor=world.actor("inspector"), consent_id=record.pk)

    with pytest.raises(DomainError) as refused:
        refer(world, person=person, consent=None, centre=world.organisations["Payoke"])
    assert refused.value.field == "consent"
    assert "withdrew their consent" in refused.value.message
    # What was sent stays: the accepted referral and the centre's reason to see the person.
    sent.refresh_from_db()
    assert sent.status == ReferralStatus.ACCEPTED
    assert Involvement.objects.filter(
        person=person,
        organisation=world.organisations["PAG-ASA"],
        basis=InvolvementBasis.REFERRAL_ACCEPTED,
        until__isnull=True,
    ).exists()
    assert Referral.objects.filter(person=person).count() == 1


def test_after_a_withdrawal_the_person_may_agree_again(world: World) -> None:
    person = world.person("inspector")
    record = agreed(world, person)
    consent_withdraw(actor=world.actor("inspector"), consent_id=record.pk)

    referral = refer(world, person=person, consent=ConsentConfirmation(language="fr"))

    assert referral.status == ReferralStatus.PENDING
    assert ConsentRecord.objects.filter(person=person, given=True).count() == 2


@pytest.mark.parametrize(
    ("fields", "presumed"), [({"age_at_first_contact": 16}, False), ({}, True)]
)
def test_a_minor_is_referred_under_the_child_exemption(
    world: World, fields: dict[str, Any], presumed: bool
) -> None:
    values: dict[str, Any] = {"age_at_first_contact": None}
    values.update(fields)
    person = world.person("inspector", **values)

    referral = refer(world, person=person, consent=None, presumed_minor=presumed)

    assert referral.referred_organisation == world.organisations["Minor-Ndako"]
    assert referral_audit(referral)["consent"] == "child_exemption"
    assert not ConsentRecord.objects.exists()


def test_a_childs_withdrawal_does_not_stop_the_referral(world: World) -> None:
    person = world.person("inspector", age_at_first_contact=15)
    record = agreed(world, person)
    consent_withdraw(actor=world.actor("inspector"), consent_id=record.pk)

    referral = refer(world, person=person, consent=None)

    assert referral.referred_organisation == world.organisations["Minor-Ndako"]
    assert referral_audit(referral)["consent"] == "child_exemption"


def test_a_resend_needs_the_consent_in_force_now(world: World) -> None:
    person = world.person("inspector")
    declined = refer(world, person=person)
    referral_decline(
        actor=world.actor("caseworker_a"), referral=declined, expected_version=1, reason="Full."
    )
    [record] = ConsentRecord.objects.filter(person=person)
    consent_withdraw(actor=world.actor("inspector"), consent_id=record.pk)
    declined.refresh_from_db()

    with pytest.raises(DomainError) as refused:
        referral_resend(
            actor=world.actor("inspector"), referral=declined, centre=world.organisations["Payoke"]
        )
    assert refused.value.field == "consent"
    assert Referral.objects.count() == 1

    made = referral_resend(
        actor=world.actor("inspector"),
        referral=declined,
        centre=world.organisations["Payoke"],
        consent=ConsentConfirmation(language="ro"),
    )
    assert made.resent_from == declined


def test_a_confirmation_needs_the_language_it_was_asked_in(world: World) -> None:
    person = world.person("inspector")
    with pytest.raises(DomainError) as refused:
        refer(world, person=person, consent=ConsentConfirmation(language=""))
    assert refused.value.field == "consent_language"
    assert not Referral.objects.exists()


# The refer form ------------------------------------------------------------------------


def refer_form(world: World, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "source": "INSPECTION",
        "reason": "AdditionalServicesRequired",
        "region": str(world.organisations["PAG-ASA"].region_id),
        "centre": "",
        "referred_on": timezone.localdate().isoformat(),
    }
    data.update(overrides)
    return data


def test_the_form_asks_for_the_consent_and_refuses_without_it(
    world: World, client_as: ClientAs
) -> None:
    person = world.person("inspector")
    client = client_as("inspector")
    url = f"/referrals/refer/{person.reference}/"

    page = client.get(url).content.decode()
    assert "I asked the person and they agree to be referred" in page

    response = client.post(url, refer_form(world))

    assert response.status_code == 400
    assert "An adult is referred only with their consent" in response.content.decode()
    assert not Referral.objects.exists()
    assert not ConsentRecord.objects.exists()


def test_the_form_records_the_confirmed_consent_with_the_referral(
    world: World, client_as: ClientAs
) -> None:
    person = world.person("inspector")

    response = client_as("inspector").post(
        f"/referrals/refer/{person.reference}/",
        refer_form(world, consent_confirmed="on", consent_language="fr", consent_interpreter="on"),
    )

    assert response.status_code == 302
    record = ConsentRecord.objects.get(person=person)
    assert (record.language, record.interpreter) == ("fr", True)
    assert Referral.objects.filter(person=person).exists()


def test_the_form_needs_the_language_of_the_question(world: World, client_as: ClientAs) -> None:
    person = world.person("inspector", languages=[])

    response = client_as("inspector").post(
        f"/referrals/refer/{person.reference}/",
        refer_form(world, consent_confirmed="on", consent_language=""),
    )

    assert response.status_code == 400
    assert "Choose the language the question was asked in." in response.content.decode()
    assert not Referral.objects.exists()


def test_the_form_says_when_the_consent_is_in_force_and_asks_nothing_more(
    world: World, client_as: ClientAs
) -> None:
    person = world.person("inspector")
    agreed(world, person)

    page = client_as("inspector").get(f"/referrals/refer/{person.reference}/").content.decode()

    assert "agreed on" in page
    assert 'name="consent_confirmed"' not in page


def test_the_form_shows_a_withdrawal(world: World, client_as: ClientAs) -> None:
    person = world.person("inspector")
    consent_withdraw(actor=world.actor("inspector"), consent_id=agreed(world, person).pk)

    page = client_as("inspector").get(f"/referrals/refer/{person.reference}/").content.decode()

    assert "withdrew their consent to be referred" in page


def test_the_resend_form_records_the_confirmed_consent(world: World, client_as: ClientAs) -> None:
    person = world.person("inspector")
    declined = refer(world, person=person)
    referral_decline(
        actor=world.actor("caseworker_a"), referral=declined, expected_version=1, reason="Full."
    )
    consent_withdraw(
        actor=world.actor("inspector"),
        consent_id=ConsentRecord.objects.get(person=person).pk,
    )
    client = client_as("inspector")
    url = f"/referrals/{declined.reference}/resend/"
    payoke = str(world.organisations["Payoke"].pk)

    refused = client.post(url, {"centre": payoke})
    assert refused.status_code == 400
    assert "withdrew their consent" in refused.content.decode()

    response = client.post(
        url, {"centre": payoke, "consent_confirmed": "on", "consent_language": "ro"}
    )
    assert response.status_code == 302
    assert Referral.objects.filter(resent_from=declined).exists()


# The API -------------------------------------------------------------------------------


def bearer(world: World, persona: str) -> Client:
    _token, plaintext = api_token_create(actor=world.actor(persona), label="test", days=1)
    return Client(headers={"Authorization": f"Bearer {plaintext}"})


def post(client: Client, path: str, body: object) -> Any:
    return client.post(path, json.dumps(body), content_type="application/json")


def test_the_api_refuses_an_adult_without_consent_naming_the_field(world: World) -> None:
    person = world.person("inspector")

    response = post(
        bearer(world, "inspector"),
        "/api/v1/referrals",
        {"person": person.reference, "reason": "AdditionalServicesRequired"},
    )

    assert response.status_code == 400
    assert response.json()["error"]["field"] == "consent"
    assert not Referral.objects.exists()


def test_the_api_records_the_consent_confirmed_with_the_referral(world: World) -> None:
    person = world.person("inspector")

    response = post(
        bearer(world, "inspector"),
        "/api/v1/referrals",
        {
            "person": person.reference,
            "reason": "AdditionalServicesRequired",
            "consent": {"language": "ro", "interpreter": True},
        },
    )

    assert response.status_code == 201
    record = ConsentRecord.objects.get(person=person)
    assert record.interpreter
    assert response.json()["hotline_summary"] is None


@pytest.mark.parametrize(
    "consent", [{"language": "r"}, {"language": "xx"}, {"interpreter": True}, {"lang": "ro"}]
)
def test_the_api_refuses_a_bad_confirmation(world: World, consent: dict[str, Any]) -> None:
    person = world.person("inspector")

    response = post(
        bearer(world, "inspector"),
        "/api/v1/referrals",
        {"person": person.reference, "reason": "AdditionalServicesRequired", "consent": consent},
    )

    assert response.status_code == 400
    assert not Referral.objects.exists()
    assert not ConsentRecord.objects.exists()


def test_the_api_resend_takes_a_confirmation(world: World) -> None:
    person = world.person("inspector")
    declined = refer(world, person=person)
    referral_decline(
        actor=world.actor("caseworker_a"), referral=declined, expected_version=1, reason="Full."
    )
    consent_withdraw(
        actor=world.actor("inspector"),
        consent_id=ConsentRecord.objects.get(person=person).pk,
    )
    client = bearer(world, "inspector")
    url = f"/api/v1/referrals/{declined.reference}/resend"
    payoke = world.organisations["Payoke"].pk

    assert post(client, url, {"centre": payoke}).status_code == 400
    response = post(client, url, {"centre": payoke, "consent": {"language": "ro"}})
    assert response.status_code == 201
    assert response.json()["resent_from"] == declined.reference
