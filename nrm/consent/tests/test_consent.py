"""The person's say: consent by purpose with withdrawal enforced, the child exemption with
its source, and safe contact shown wherever the person may be contacted."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client
from django.utils import timezone

from nrm.access.models import AuditEvent
from nrm.consent.actions import (
    ConsentAnswer,
    SafeContactData,
    consent_record,
    consent_withdraw,
    safe_contact_save,
)
from nrm.consent.queries import channel_is_safe, consent_allows, persons_refusing
from nrm.core.errors import Conflict, DomainError, NotFound
from nrm.exchange.queries import htcds_export
from nrm.people.models import Person
from nrm.testing import World

ClientAs = Callable[[str], Client]
TODAY = dt.date(2026, 12, 1)


def _answer(
    purpose: str = "PERSON_LEVEL_EXPORT", given: bool = True, **fields: object
) -> ConsentAnswer:
    values: dict[str, object] = {"purpose": purpose, "given": given, "on": TODAY, "language": "ro"}
    values.update(fields)
    return ConsentAnswer(**values)  # type: ignore[arg-type]


def test_an_answer_is_recorded_with_who_asked_language_and_interpreter(world: World) -> None:
    person = world.person("inspector")
    record = consent_record(
        actor=world.actor("inspector"),
        person=person,
        answer=_answer("REFERRAL", interpreter=True),
    )
    assert record.asked_by == world.users["inspector"]
    assert record.organisation == world.organisations["ECOSOC Brussels"]
    assert record.interpreter
    assert consent_allows(person, "REFERRAL")
    assert AuditEvent.objects.filter(action="consent_record", record_id=str(record.pk)).exists()


def test_only_the_organisations_holding_the_person_record_it(world: World) -> None:
    person = world.person("inspector")
    with pytest.raises(NotFound):
        consent_record(actor=world.actor("caseworker_b"), person=person, answer=_answer())


def test_bad_input_is_refused_with_its_field(world: World) -> None:
    person = world.person("inspector")
    cases: list[tuple[ConsentAnswer, str]] = [
        (_answer(purpose="ANYTHING"), "purpose"),
        (_answer(on=timezone.localdate() + dt.timedelta(days=1)), "on"),
        (_answer(language="xx"), "language"),
        (_answer("CONTACT"), "channels"),
        (_answer("CONTACT", channels=["PIGEON"]), "channels"),
    ]
    for answer, field in cases:
        with pytest.raises(DomainError) as refused:
            consent_record(actor=world.actor("inspector"), person=person, answer=answer)
        assert refused.value.field == field


def test_a_withdrawal_is_dated_today_and_stops_exports_from_then_on(world: World) -> None:
    person = world.person("inspector")
    record = consent_record(actor=world.actor("inspector"), person=person, answer=_answer())
    assert person not in persons_refusing("PERSON_LEVEL_EXPORT")
    before = htcds_export(None, actor_label="test")
    withdrawn = consent_withdraw(actor=world.actor("inspector"), consent_id=record.pk)
    assert withdrawn.withdrawn_on == timezone.localdate()  # never backdated
    assert not consent_allows(person, "PERSON_LEVEL_EXPORT")
    assert person in persons_refusing("PERSON_LEVEL_EXPORT")
    after = htcds_export(None, actor_label="test")
    assert (
        AuditEvent.objects.filter(action="htcds_export")
        .order_by("-pk")[0]
        .changes["left_out_without_consent"]
        == 1
    )
    assert len(after.rows) <= len(before.rows)
    with pytest.raises(Conflict):
        consent_withdraw(actor=world.actor("inspector"), consent_id=record.pk)


def test_a_new_answer_governs_and_the_history_stays(world: World) -> None:
    person = world.person("inspector")
    consent_record(actor=world.actor("inspector"), person=person, answer=_answer(given=False))
    assert person in persons_refusing("PERSON_LEVEL_EXPORT")
    consent_record(
        actor=world.actor("inspector"),
        person=person,
        answer=_answer(on=TODAY + dt.timedelta(days=1)),
    )
    assert person not in persons_refusing("PERSON_LEVEL_EXPORT")
    assert consent_allows(person, "PERSON_LEVEL_EXPORT")


def test_a_childs_referral_may_rest_on_best_interests_with_the_guardian_informed(
    world: World,
) -> None:
    child = world.person("inspector", age_at_first_contact=15)
    adult = world.person("inspector")
    inspector = world.actor("inspector")
    with pytest.raises(DomainError) as refused:
        consent_record(
            actor=inspector, person=child, answer=_answer("REFERRAL", basis="CHILD_BEST_INTERESTS")
        )
    assert refused.value.field == "guardian_informed"
    record = consent_record(
        actor=inspector,
        person=child,
        answer=_answer("REFERRAL", guardian_informed=True, basis="CHILD_BEST_INTERESTS"),
    )
    assert consent_allows(child, "REFERRAL")
    assert record.basis == "CHILD_BEST_INTERESTS"
    # Not for an adult, and never for exports or contact.
    with pytest.raises(DomainError):
        consent_record(
            actor=inspector,
            person=adult,
            answer=_answer("REFERRAL", guardian_informed=True, basis="CHILD_BEST_INTERESTS"),
        )
    with pytest.raises(DomainError):
        consent_record(
            actor=inspector,
            person=child,
            answer=_answer(
                "PERSON_LEVEL_EXPORT", guardian_informed=True, basis="CHILD_BEST_INTERESTS"
            ),
        )


def test_never_use_channels_are_flagged_on_the_person_page(
    world: World, client_as: ClientAs
) -> None:
    person: Person = world.person("inspector", phone="+32 470 12 34 56", address="Rue Haute 1")
    safe = safe_contact_save(
        actor=world.actor("inspector"),
        person=person,
        expected_version=0,
        data=SafeContactData(
            how="Through PAG-ASA only",
            never_use=[
                {"kind": "PHONE", "value": "+32470123456", "reason": "the employer's phone"}
            ],
        ),
    )
    assert not channel_is_safe(person, "PHONE", "+32 470 12 34 56")
    assert channel_is_safe(person, "ADDRESS", "Rue Haute 1")
    # The values are never in the audit row.
    assert "470" not in str(AuditEvent.objects.get(action="safe_contact_save").changes)
    page = client_as("inspector").get(f"/people/{person.reference}/").content.decode()
    assert "never use" in page
    assert "the employer&#x27;s phone" in page or "the employer's phone" in page
    with pytest.raises(Conflict):
        safe_contact_save(
            actor=world.actor("inspector"),
            person=person,
            expected_version=safe.version - 1,
            data=SafeContactData(),
        )


def test_the_page_records_an_answer_and_a_withdrawal(world: World, client_as: ClientAs) -> None:
    person = world.person("inspector")
    url = f"/consent/{person.reference}/"
    assert client_as("caseworker_b").get(url).status_code == 404
    inspector = client_as("inspector")
    bad = inspector.post(url, {"step": "consent", "purpose": "REFERRAL"})
    assert bad.status_code == 400
    good = inspector.post(
        url,
        {
            "step": "consent",
            "purpose": "REFERRAL",
            "given": "yes",
            "basis": "PERSON",
            "on": "2026-12-01",
            "language": "ro",
        },
    )
    assert good.status_code == 302
    assert consent_allows(person, "REFERRAL")
