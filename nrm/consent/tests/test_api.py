"""/api/v1/persons/{reference}/consents and /safe-contact: it works, an outsider gets 404,
a pending referral's centre gets 403, bad input 400, a wrong state 409, every read and
write is audited, and no free text reaches the audit row."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from nrm.access.models import AuditEvent, InvolvementBasis, Purpose
from nrm.accounts.actions import api_token_create
from nrm.consent.actions import ConsentAnswer, consent_record
from nrm.consent.models import ConsentRecord, SafeContact
from nrm.consent.queries import consent_allows
from nrm.people.models import Person
from nrm.testing import World

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def bearer(world: World, persona: str) -> Client:
    _token, plaintext = api_token_create(actor=world.actor(persona), label="test", days=1)
    return Client(headers={"Authorization": f"Bearer {plaintext}"})


def send(client: Client, method: str, url: str, body: object) -> Any:
    return client.generic(method, url, json.dumps(body), content_type="application/json")


def answer(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "purpose": "REFERRAL",
        "given": True,
        "on": TODAY.isoformat(),
        "language": "ro",
        "interpreter": True,
        "note": "Asked twice, with the interpreter from the centre.",
    }
    body.update(overrides)
    return body


@pytest.fixture
def person(world: World) -> Person:
    return world.person("inspector")


def url(person: Person, tail: str = "consents") -> str:
    return f"/api/v1/persons/{person.reference}/{tail}"


# Consents ---------------------------------------------------------------------------------


def test_it_records_an_answer_which_then_governs(world: World, person: Person) -> None:
    response = send(bearer(world, "inspector"), "POST", url(person), answer())

    assert response.status_code == 201
    body = response.json()
    assert (body["purpose"], body["given"], body["interpreter"]) == ("REFERRAL", True, True)
    assert body["organisation"] == "ECOSOC Brussels"
    assert consent_allows(person, "REFERRAL")
    row = AuditEvent.objects.get(action="consent_record")
    assert row.record_id == str(body["id"])
    assert "interpreter from the centre" not in json.dumps(row.changes)


def test_it_shows_the_states_and_the_history_and_audits_the_read(
    world: World, person: Person
) -> None:
    actor = world.actor("inspector")
    consent_record(
        actor=actor,
        person=person,
        answer=ConsentAnswer(
            purpose="PERSON_LEVEL_EXPORT",
            given=True,
            on=TODAY - dt.timedelta(days=3),
            language="fr",
        ),
    )
    consent_record(
        actor=actor,
        person=person,
        answer=ConsentAnswer(purpose="PERSON_LEVEL_EXPORT", given=False, on=TODAY, language="fr"),
    )

    response = bearer(world, "inspector").get(url(person))

    assert response.status_code == 200
    body = response.json()
    states = {s["purpose"]: s["state"] for s in body["states"]}
    assert states == {
        "REFERRAL": "NOT_ASKED",
        "SHARE_WITH_LAW_ENFORCEMENT": "NOT_ASKED",
        "PERSON_LEVEL_EXPORT": "REFUSED",
        "CONTACT": "NOT_ASKED",
    }
    assert [(h["given"], h["on"]) for h in body["history"]] == [
        (False, TODAY.isoformat()),
        (True, (TODAY - dt.timedelta(days=3)).isoformat()),
    ]
    row = AuditEvent.objects.get(action="person_say_view")
    assert row.record_id == str(person.pk)
    assert row.changes == {"consents": 2, "safe_contact": False}


def test_a_withdrawal_is_dated_today_and_a_second_one_is_409(world: World, person: Person) -> None:
    record = consent_record(
        actor=world.actor("inspector"),
        person=person,
        answer=ConsentAnswer(
            purpose="REFERRAL", given=True, on=TODAY - dt.timedelta(days=5), language="ro"
        ),
    )
    client = bearer(world, "inspector")

    first = client.post(url(person, f"consents/{record.pk}/withdraw"))
    second = client.post(url(person, f"consents/{record.pk}/withdraw"))

    assert first.status_code == 200
    assert first.json()["withdrawn_on"] == TODAY.isoformat()
    assert not consent_allows(person, "REFERRAL")
    assert second.status_code == 409
    assert second.json()["error"]["code"] == "conflict"
    assert AuditEvent.objects.filter(action="consent_withdraw").count() == 1


def test_another_persons_answer_is_not_withdrawn_through_this_person(
    world: World, person: Person
) -> None:
    other = world.person("inspector")
    record = consent_record(
        actor=world.actor("inspector"),
        person=other,
        answer=ConsentAnswer(purpose="REFERRAL", given=True, on=TODAY, language="ro"),
    )

    response = bearer(world, "inspector").post(url(person, f"consents/{record.pk}/withdraw"))

    assert response.status_code == 404
    record.refresh_from_db()
    assert record.withdrawn_on is None


def test_an_outsider_gets_the_same_404_as_for_a_missing_person(
    world: World, person: Person
) -> None:
    client = bearer(world, "caseworker_b")
    record = consent_record(
        actor=world.actor("inspector"),
        person=person,
        answer=ConsentAnswer(purpose="REFERRAL", given=True, on=TODAY, language="ro"),
    )
    missing = client.get("/api/v1/persons/P-ZZZZ-ZZZZ/consents")

    answers = [
        client.get(url(person)),
        send(client, "POST", url(person), answer()),
        client.post(url(person, f"consents/{record.pk}/withdraw")),
        client.get(url(person, "safe-contact")),
        send(client, "PUT", url(person, "safe-contact"), {"expected_version": 0}),
    ]

    for theirs in answers:
        assert theirs.status_code == 404
        assert theirs.content == missing.content
    assert ConsentRecord.objects.count() == 1
    assert not AuditEvent.objects.filter(action="person_say_view").exists()


def test_a_centre_deciding_on_a_pending_referral_reads_but_gets_403_to_record(
    world: World, person: Person
) -> None:
    world.involve(person, "caseworker_a", Purpose.CARE, basis=InvolvementBasis.REFERRAL_RECEIVED)
    client = bearer(world, "caseworker_a")

    assert client.get(url(person)).status_code == 200
    refused = send(client, "POST", url(person), answer())
    safe = send(client, "PUT", url(person, "safe-contact"), {"expected_version": 0})

    assert refused.status_code == safe.status_code == 403
    assert refused.json()["error"]["code"] == "forbidden"
    assert not ConsentRecord.objects.exists()
    assert not SafeContact.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"purpose": "ANYTHING"}, "purpose"),
        ({"given": "yes"}, "given"),
        ({"on": "05/12/2026"}, "on"),
        ({"on": (TODAY + dt.timedelta(days=1)).isoformat()}, "on"),
        ({"language": "xx"}, "language"),
        ({"purpose": "CONTACT", "channels": []}, "channels"),
        ({"purpose": "CONTACT", "channels": ["PIGEON"]}, "channels.0"),
        ({"basis": "CHILD_BEST_INTERESTS"}, "basis"),
        ({"note": "x" * 2001}, "note"),
        ({"surprise": 1}, "surprise"),
    ],
)
def test_bad_input_gets_400_naming_the_field_and_records_nothing(
    world: World, person: Person, overrides: dict[str, Any], field: str
) -> None:
    response = send(bearer(world, "inspector"), "POST", url(person), answer(**overrides))

    assert response.status_code == 400
    assert response.json()["error"]["field"] == field
    assert not ConsentRecord.objects.exists()
    assert not AuditEvent.objects.filter(action="consent_record").exists()


# Safe contact -------------------------------------------------------------------------------


def safe_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "how": "Through the centre's phone only",
        "when": "Weekdays after 18:00",
        "where": "",
        "never_use": [
            {"kind": "ADDRESS", "value": "Rue du Midi 12", "reason": "The employer's flat"}
        ],
        "expected_version": 0,
    }
    body.update(overrides)
    return body


def test_safe_contact_is_empty_until_recorded_then_versioned(world: World, person: Person) -> None:
    client = bearer(world, "inspector")

    empty = client.get(url(person, "safe-contact"))
    saved = send(client, "PUT", url(person, "safe-contact"), safe_body())
    again = send(client, "PUT", url(person, "safe-contact"), safe_body(expected_version=1, how=""))
    stale = send(client, "PUT", url(person, "safe-contact"), safe_body(expected_version=1))

    assert empty.status_code == 200
    assert empty.json() == {
        "reference": person.reference,
        "how": "",
        "when": "",
        "where": "",
        "never_use": [],
        "version": 0,
    }
    assert saved.status_code == 200
    assert saved.json()["never_use"] == [
        {"kind": "ADDRESS", "value": "Rue du Midi 12", "reason": "The employer's flat"}
    ]
    assert saved.json()["version"] == 1
    assert again.status_code == 200
    assert (again.json()["how"], again.json()["version"]) == ("", 2)
    assert stale.status_code == 409
    assert client.get(url(person, "safe-contact")).json()["version"] == 2
    rows = AuditEvent.objects.filter(action="safe_contact_save")
    assert rows.count() == 2
    assert "Rue du Midi" not in json.dumps([r.changes for r in rows])


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"never_use": [{"kind": "PIGEON", "value": "x"}]}, "never_use.0.kind"),
        ({"never_use": [{"kind": "PHONE", "value": ""}]}, "never_use.0.value"),
        ({"how": "x" * 2001}, "how"),
        ({"expected_version": -1}, "expected_version"),
        ({"expected_version": "0"}, "expected_version"),
    ],
)
def test_bad_safe_contact_gets_400_and_saves_nothing(
    world: World, person: Person, overrides: dict[str, Any], field: str
) -> None:
    response = send(
        bearer(world, "inspector"), "PUT", url(person, "safe-contact"), safe_body(**overrides)
    )

    assert response.status_code == 400
    assert response.json()["error"]["field"] == field
    assert not SafeContact.objects.exists()


def test_the_document_describes_the_consent_operations(client: Client) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]

    assert set(paths["/api/v1/persons/{reference}/consents"]) == {"get", "post"}
    assert set(paths["/api/v1/persons/{reference}/safe-contact"]) == {"get", "put"}
    withdraw = paths["/api/v1/persons/{reference}/consents/{id}/withdraw"]["post"]
    assert {"200", "403", "404", "409"} <= set(withdraw["responses"])
