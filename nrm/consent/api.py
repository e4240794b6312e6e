"""/api/v1/persons/{reference}/consents and /safe-contact: the person's say, through the
same access helpers and actions as the pages (seen and changed by the organisations that
hold the person; every read and write audited; free text never in the audit row)."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from pydantic import Field

from nrm.access.context import Actor
from nrm.consent.actions import (
    TEXT_MAX,
    ConsentAnswer,
    SafeContactData,
    consent_record,
    consent_withdraw,
    safe_contact_save,
)
from nrm.consent.models import (
    ConsentBasis,
    ConsentPurpose,
    ConsentRecord,
    ContactChannel,
    SafeContact,
    UnsafeKind,
)
from nrm.consent.queries import person_say_for_actor
from nrm.core.api.auth import caller
from nrm.core.api.errors import responses
from nrm.core.api.types import Flag, Input, IsoDate, Text, Version
from nrm.core.errors import NotFound
from nrm.people.queries import person_find_for_actor

router = Router(tags=["consent"])


class ConsentAnswerIn(Input):
    """The person's answer for one purpose (`ConsentAnswer`)."""

    purpose: ConsentPurpose
    given: Flag
    on: IsoDate
    language: Text = Field(..., max_length=3, description="ISO 639-1: the question's language")
    interpreter: Flag = False
    basis: ConsentBasis = ConsentBasis.PERSON
    guardian_informed: Flag = False
    channels: list[ContactChannel] = Field(default_factory=list, max_length=6)
    note: Text = Field("", max_length=TEXT_MAX)


class ConsentRecordOut(Schema):
    id: int
    purpose: ConsentPurpose
    given: bool
    basis: ConsentBasis
    on: dt.date
    language: str
    interpreter: bool
    guardian_informed: bool
    channels: list[str]
    note: str
    organisation: str
    withdrawn_on: dt.date | None
    recorded_at: dt.datetime


class ConsentStateOut(Schema):
    purpose: ConsentPurpose
    state: str = Field(..., description="GIVEN, REFUSED, WITHDRAWN or NOT_ASKED")
    latest_id: int | None


class ConsentsOut(Schema):
    reference: str
    states: list[ConsentStateOut]
    history: list[ConsentRecordOut]


class UnsafeChannelIn(Input):
    kind: UnsafeKind
    value: Text = Field(..., min_length=1, max_length=300)
    reason: Text = Field("", max_length=500)


class SafeContactIn(Input):
    how: Text = Field("", max_length=TEXT_MAX)
    when: Text = Field("", max_length=TEXT_MAX)
    where: Text = Field("", max_length=TEXT_MAX)
    never_use: list[UnsafeChannelIn] = Field(default_factory=list, max_length=50)
    expected_version: Version = Field(..., description="0 when the person has none yet")


class UnsafeChannelOut(Schema):
    kind: str
    value: str
    reason: str


class SafeContactOut(Schema):
    reference: str
    how: str
    when: str
    where: str
    never_use: list[UnsafeChannelOut]
    version: int = Field(..., description="0 when nothing is recorded yet")


def _record_out(record: ConsentRecord) -> ConsentRecordOut:
    return ConsentRecordOut(
        id=record.pk,
        purpose=ConsentPurpose(record.purpose),
        given=record.given,
        basis=ConsentBasis(record.basis),
        on=record.on,
        language=record.language,
        interpreter=record.interpreter,
        guardian_informed=record.guardian_informed,
        channels=list(record.channels or []),
        note=record.note,
        organisation=str(record.organisation),
        withdrawn_on=record.withdrawn_on,
        recorded_at=record.recorded_at,
    )


def _safe_out(reference: str, safe: SafeContact | None) -> SafeContactOut:
    if safe is None:
        return SafeContactOut(
            reference=reference, how="", when="", where="", never_use=[], version=0
        )
    return SafeContactOut(
        reference=reference,
        how=safe.how,
        when=safe.when,
        where=safe.where,
        never_use=[
            UnsafeChannelOut(
                kind=e.get("kind", ""), value=e.get("value", ""), reason=e.get("reason", "")
            )
            for e in safe.never_use or []
        ],
        version=safe.version,
    )


@router.get("/persons/{reference}/consents", response={200: ConsentsOut, **responses(401, 404)})
def consents_view(request: HttpRequest, reference: str) -> ConsentsOut:
    """The person's consent by purpose (the latest answer governs) and every answer given,
    newest first; 404 unless the caller's organisation holds the person."""
    actor = caller(request, Actor)
    say = person_say_for_actor(actor, reference)
    return ConsentsOut(
        reference=say.person.reference,
        states=[
            ConsentStateOut(
                purpose=ConsentPurpose(s.purpose),
                state=s.state,
                latest_id=s.latest.pk if s.latest else None,
            )
            for s in say.states
        ],
        history=[_record_out(record) for record in say.history],
    )


@router.post(
    "/persons/{reference}/consents",
    response={201: ConsentRecordOut, **responses(400, 401, 403, 404)},
)
def consent_create(
    request: HttpRequest, reference: str, payload: ConsentAnswerIn
) -> Status[ConsentRecordOut]:
    """Record the person's answer for one purpose: it governs from now on. A child's
    referral or sharing may rest on the child's best interests with the guardian informed
    (`basis` CHILD_BEST_INTERESTS; Directive 2011/36/EU art. 13)."""
    actor = caller(request, Actor)
    person, _decision = person_find_for_actor(actor, reference)
    record = consent_record(
        actor=actor,
        person=person,
        answer=ConsentAnswer(
            purpose=payload.purpose.value,
            given=payload.given,
            on=payload.on,
            language=payload.language,
            interpreter=payload.interpreter,
            basis=payload.basis.value,
            guardian_informed=payload.guardian_informed,
            channels=[channel.value for channel in payload.channels],
            note=payload.note,
        ),
    )
    return Status(201, _record_out(record))


@router.post(
    "/persons/{reference}/consents/{id}/withdraw",
    response={200: ConsentRecordOut, **responses(401, 403, 404, 409)},
)
def consent_withdraw_op(request: HttpRequest, reference: str, id: int) -> ConsentRecordOut:
    """The person withdraws a consent: dated today (never backdated); what it allowed
    stops now, what was already shared stays recorded as shared. 409 unless in force."""
    actor = caller(request, Actor)
    person, _decision = person_find_for_actor(actor, reference)
    # The answer must be this person's: another person's id is no such record here.
    if not ConsentRecord.objects.filter(pk=id, person=person).exists():
        raise NotFound(_("No such record."))
    return _record_out(consent_withdraw(actor=actor, consent_id=id))


@router.get(
    "/persons/{reference}/safe-contact", response={200: SafeContactOut, **responses(401, 404)}
)
def safe_contact_view(request: HttpRequest, reference: str) -> SafeContactOut:
    """How, when and where the person may be reached, and the channels never to use (the
    exploiter's address, a shared phone); the read audited."""
    actor = caller(request, Actor)
    say = person_say_for_actor(actor, reference)
    return _safe_out(say.person.reference, say.safe_contact)


@router.put(
    "/persons/{reference}/safe-contact",
    response={200: SafeContactOut, **responses(400, 401, 403, 404, 409)},
)
def safe_contact_update(
    request: HttpRequest, reference: str, payload: SafeContactIn
) -> SafeContactOut:
    """Replace the person's safe contact; 409 when `expected_version` is not the current one
    (someone else changed it meanwhile)."""
    actor = caller(request, Actor)
    person, _decision = person_find_for_actor(actor, reference)
    safe = safe_contact_save(
        actor=actor,
        person=person,
        expected_version=payload.expected_version,
        data=SafeContactData(
            how=payload.how,
            when=payload.when,
            where=payload.where,
            never_use=[
                {"kind": e.kind.value, "value": e.value, "reason": e.reason}
                for e in payload.never_use
            ],
        ),
    )
    return _safe_out(person.reference, safe)
