"""The person's say and after support in the demo: consents (one withdrawn), a safe-contact
record with a never-use phone, and exit plans whose follow-up contacts are due, so that the
worker reminds the centre and the inbox shows them."""

from __future__ import annotations

from datetime import date, timedelta

from nrm.access.context import Actor
from nrm.access.policy import Ability, decide_person
from nrm.aftercare.actions import exit_plan_record, follow_up_contact_record
from nrm.consent.actions import (
    ConsentAnswer,
    SafeContactData,
    consent_record,
    consent_withdraw,
    safe_contact_save,
)
from nrm.organisations.models import Role
from nrm.people.models import Person


def build_say_and_aftercare(actors: dict[str, Actor], persons: list[Person], today: date) -> None:
    worker = next(
        (a for a in actors.values() if a.role == Role.CASEWORKER and a.organisation is not None),
        None,
    )
    if worker is None:
        return
    mine = [p for p in persons if decide_person(worker, p.pk, Ability.CARE_RECORD).allowed]
    # A centre records a person's answers once it has accepted their referral (a pending
    # referral gives no edit: nrm/access/policy.py).
    editable = [p for p in mine if decide_person(worker, p.pk, Ability.PERSON_EDIT).allowed]
    for index, person in enumerate(editable[:6]):
        language = (person.languages or ["en"])[0]
        asked_on = max(person.first_contact_on, today - timedelta(days=200))
        consent_record(
            actor=worker,
            person=person,
            answer=ConsentAnswer(
                purpose="REFERRAL", given=True, on=asked_on, language=language, interpreter=True
            ),
        )
        export = consent_record(
            actor=worker,
            person=person,
            answer=ConsentAnswer(
                purpose="PERSON_LEVEL_EXPORT", given=index != 1, on=asked_on, language=language
            ),
        )
        if index == 2:
            consent_withdraw(actor=worker, consent_id=export.pk)
        if index == 0:
            safe_contact_save(
                actor=worker,
                person=person,
                expected_version=0,
                data=SafeContactData(
                    how="Through the centre's caseworker only",
                    when="Weekdays after 18:00",
                    never_use=[
                        {
                            "kind": "PHONE",
                            "value": "+32 470 00 00 00",
                            "reason": "The phone the employer handed out (invented)",
                        }
                    ],
                ),
            )
    # Two persons left support: one three months ago (the first contact falls due), one
    # over a year ago (two contacts made, the last one due).
    leaving = list(zip(mine[6:8], ((95, "INDEPENDENT_LIVING"), (370, "MOVE_ON")), strict=False))
    for person, (days_ago, pathway) in leaving:
        ended = max(person.first_contact_on + timedelta(days=1), today - timedelta(days=days_ago))
        if ended > today:
            continue
        plan = exit_plan_record(
            actor=worker,
            person=person,
            pathway=pathway,
            support_ended_on=ended,
            summary="Own flat found with the housing partner; weekly language course.",
        )
        # Every due contact but the last is made; the last is waiting for the caseworker.
        due = [c for c in plan.contacts.order_by("months") if c.due_on <= today]
        for contact, outcome in zip(due[:-1], ("SAFE_AND_STABLE", "AT_RISK"), strict=False):
            follow_up_contact_record(
                actor=worker,
                contact_id=contact.pk,
                done_on=contact.due_on,
                channel="PHONE",
                outcome=outcome,
            )
