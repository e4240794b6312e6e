"""/api/v1 after support: the exit plan, its follow-up contacts and re-trafficking flags,
for the centre that holds the person's care, through the same queries and actions as the
pages (reads audited as care reads; free text encrypted and never in the audit row)."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field

from nrm.access.context import Actor
from nrm.aftercare.actions import TEXT_MAX, exit_plan_record, follow_up_contact_record
from nrm.aftercare.models import (
    ContactChannel,
    ContactOutcome,
    ExitPathway,
    ExitPlan,
    FollowUpContact,
    RetraffickingFlag,
)
from nrm.aftercare.queries import aftercare_for_actor
from nrm.care.queries import care_person_get_for_actor
from nrm.core.api.auth import caller
from nrm.core.api.errors import responses
from nrm.core.api.types import Flag, Input, IsoDate, Text

router = Router(tags=["aftercare"])


class ExitPlanIn(Input):
    pathway: ExitPathway
    support_ended_on: IsoDate
    summary: Text = Field("", max_length=TEXT_MAX, description="What was agreed")
    follow_up_agreed: Flag = True


class FollowUpContactIn(Input):
    done_on: IsoDate
    channel: ContactChannel
    outcome: ContactOutcome
    note: Text = Field("", max_length=TEXT_MAX)


class FollowUpContactOut(Schema):
    id: int
    months: int = Field(..., description="Months after the end of support")
    due_on: dt.date
    done_on: dt.date | None
    channel: str
    outcome: str
    note: str


class ExitPlanOut(Schema):
    id: int
    pathway: ExitPathway
    support_ended_on: dt.date
    summary: str
    follow_up_agreed: bool
    contacts: list[FollowUpContactOut]


class RetraffickingFlagOut(Schema):
    """Who met the person again and when, never why (that is the other organisation's)."""

    id: int
    met_by: str
    met_on: dt.datetime
    basis: str
    raised_at: dt.datetime
    reviewed_at: dt.datetime | None
    confirmed: bool | None


class AftercareOut(Schema):
    reference: str
    plan: ExitPlanOut | None
    flags: list[RetraffickingFlagOut]


def _contact_out(contact: FollowUpContact) -> FollowUpContactOut:
    return FollowUpContactOut(
        id=contact.pk,
        months=contact.months,
        due_on=contact.due_on,
        done_on=contact.done_on,
        channel=contact.channel,
        outcome=contact.outcome,
        note=contact.note,
    )


def _plan_out(plan: ExitPlan, contacts: list[FollowUpContact]) -> ExitPlanOut:
    return ExitPlanOut(
        id=plan.pk,
        pathway=ExitPathway(plan.pathway),
        support_ended_on=plan.support_ended_on,
        summary=plan.summary,
        follow_up_agreed=plan.follow_up_agreed,
        contacts=[_contact_out(c) for c in contacts],
    )


def _flag_out(flag: RetraffickingFlag) -> RetraffickingFlagOut:
    return RetraffickingFlagOut(
        id=flag.pk,
        met_by=str(flag.met_by),
        met_on=flag.met_on,
        basis=flag.basis,
        raised_at=flag.raised_at,
        reviewed_at=flag.reviewed_at,
        confirmed=flag.confirmed,
    )


@router.get("/persons/{reference}/aftercare", response={200: AftercareOut, **responses(401, 404)})
def aftercare_view(request: HttpRequest, reference: str) -> AftercareOut:
    """The exit plan of the caller's centre, its follow-up contacts and the re-trafficking
    flags; 404 unless the centre holds the person's care."""
    actor = caller(request, Actor)
    found = aftercare_for_actor(actor, reference)
    return AftercareOut(
        reference=found.person.reference,
        plan=_plan_out(found.plan, found.contacts) if found.plan else None,
        flags=[_flag_out(flag) for flag in found.flags],
    )


@router.post(
    "/persons/{reference}/aftercare/exit-plan",
    response={201: ExitPlanOut, **responses(400, 401, 403, 404, 409)},
)
def exit_plan_create(
    request: HttpRequest, reference: str, payload: ExitPlanIn
) -> Status[ExitPlanOut]:
    """The centre ends its support with a plan; the follow-up contacts are scheduled (none
    when the person declines them). 409 when the centre already recorded one."""
    actor = caller(request, Actor)
    person, _decision = care_person_get_for_actor(actor, reference)
    plan = exit_plan_record(
        actor=actor,
        person=person,
        pathway=payload.pathway.value,
        support_ended_on=payload.support_ended_on,
        summary=payload.summary,
        follow_up_agreed=payload.follow_up_agreed,
    )
    return Status(201, _plan_out(plan, list(plan.contacts.all())))


@router.post(
    "/aftercare/contacts/{id}",
    response={200: FollowUpContactOut, **responses(400, 401, 403, 404, 409)},
)
def follow_up_contact_create(
    request: HttpRequest,
    id: int,
    payload: FollowUpContactIn,
) -> FollowUpContactOut:
    """What a follow-up contact found, in a fixed category; recorded once (409 after).
    404 unless the contact is the caller's centre's."""
    actor = caller(request, Actor)
    contact = follow_up_contact_record(
        actor=actor,
        contact_id=id,
        done_on=payload.done_on,
        channel=payload.channel.value,
        outcome=payload.outcome.value,
        note=payload.note,
    )
    return _contact_out(contact)
