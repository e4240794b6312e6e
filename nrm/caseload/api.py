"""/api/v1 caseload: the director's view of who accompanies whom, the persons nobody active
accompanies, and the hand-over of a leaving caseworker's persons and tasks, through the
same queries and actions as the page. Users are named by their ids."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field

from nrm.access.context import Actor
from nrm.accounts.models import User
from nrm.caseload.actions import (
    NOTE_MAX,
    absence_cancel,
    absence_record,
    caseload_reassign,
    key_worker_assign,
)
from nrm.caseload.models import Absence, AssignmentReason, KeyWorkerAssignment
from nrm.caseload.queries import (
    caseload_for_actor,
    caseload_organisation,
    key_worker_history,
    key_worker_of,
    persons_unaccompanied,
)
from nrm.core.api.auth import caller
from nrm.core.api.errors import responses
from nrm.core.api.pagination import PageQuery, keyset_page
from nrm.core.api.types import Input, IsoDate, Text, WholeNumber
from nrm.core.errors import DomainError
from nrm.people.queries import person_get_for_actor, persons_list_audited

router = Router(tags=["caseload"])

STATES = "'' (active), 'left', 'inactive' (account deactivated) or 'away'"


class StaffOut(Schema):
    user: int
    name: str
    role: str = Field(..., description="CASEWORKER or CENTRE_DIRECTOR; empty when they left")
    state: str = Field(..., description=STATES)
    away_until: dt.date | None
    persons: int
    open_tasks: int


class CaseloadOut(Schema):
    organisation: str
    persons: int = Field(..., description="Persons the organisation accompanies")
    unaccompanied: int = Field(..., description="Of whom accompanied by nobody active")
    staff: list[StaffOut]


class UnaccompaniedOut(Schema):
    reference: str
    key_worker: int | None = Field(..., description="The inactive or absent key worker, if any")


class UnaccompaniedListOut(Schema):
    results: list[UnaccompaniedOut]
    next_cursor: str | None


class ReassignIn(Input):
    from_user: WholeNumber
    to_user: WholeNumber
    persons: list[Text] | None = Field(
        None, max_length=500, description="References; absent: all their persons and tasks"
    )
    reason: AssignmentReason
    note: Text = Field("", max_length=NOTE_MAX)


class MovedOut(Schema):
    persons: int
    referrals: int
    involvements: int
    reviews: int


class AssignIn(Input):
    user: WholeNumber
    reason: AssignmentReason
    note: Text = Field("", max_length=NOTE_MAX)


class AssignmentOut(Schema):
    user: int
    name: str
    since: dt.datetime
    until: dt.datetime | None
    reason: AssignmentReason
    assigned_by: int | None


class KeyWorkerOut(Schema):
    reference: str
    key_worker: int | None
    name: str
    active: bool
    history: list[AssignmentOut]


class AbsenceIn(Input):
    user: WholeNumber
    starts_on: IsoDate
    ends_on: IsoDate


class AbsenceOut(Schema):
    id: int
    user: int
    starts_on: dt.date
    ends_on: dt.date
    cancelled: bool


def _user(user_id: int, field: str) -> User:
    found = User.objects.filter(pk=user_id).first()
    if found is None:
        raise DomainError(_("Choose a caseworker or director of your organisation."), field=field)
    return found


def _absence_out(absence: Absence) -> AbsenceOut:
    return AbsenceOut(
        id=absence.pk,
        user=absence.user_id,
        starts_on=absence.starts_on,
        ends_on=absence.ends_on,
        cancelled=absence.cancelled_at is not None,
    )


def _assignment_out(row: KeyWorkerAssignment) -> AssignmentOut:
    return AssignmentOut(
        user=row.user_id,
        name=row.user.display_name,
        since=row.since,
        until=row.until,
        reason=AssignmentReason(row.reason),
        assigned_by=row.assigned_by_id,
    )


@router.get("/caseload", response={200: CaseloadOut, **responses(401, 403)})
def caseload_view(request: HttpRequest) -> CaseloadOut:
    """The director's organisation: its staff with their persons and open tasks (accepted
    referrals naming them, reviews waiting on them), flagged when they left, were
    deactivated or are away. 403 for anyone but the organisation's director."""
    actor = caller(request, Actor)
    found = caseload_for_actor(actor)
    return CaseloadOut(
        organisation=str(found.organisation),
        persons=found.held_total,
        unaccompanied=found.unaccompanied_total,
        staff=[
            StaffOut(
                user=row.user.pk,
                name=row.user.display_name,
                role=row.role,
                state=row.state,
                away_until=row.away_until,
                persons=row.persons,
                open_tasks=row.tasks,
            )
            for row in found.staff
        ],
    )


@router.get(
    "/caseload/unaccompanied", response={200: UnaccompaniedListOut, **responses(400, 401, 403)}
)
def unaccompanied_list(request: HttpRequest, page: Query[PageQuery]) -> UnaccompaniedListOut:
    """The persons the organisation accompanies with no key worker, or none active today
    (references only; audited like the person list)."""
    actor = caller(request, Actor)
    organisation = caseload_organisation(actor)
    rows, next_cursor = keyset_page(
        persons_unaccompanied(organisation.pk, timezone.localdate()).order_by("reference"), page
    )
    persons_list_audited(actor, rows, action="caseload_unaccompanied_list")
    return UnaccompaniedListOut(
        results=[
            UnaccompaniedOut(reference=p.reference, key_worker=p.key_worker_id)  # type: ignore[attr-defined]
            for p in rows
        ],
        next_cursor=next_cursor,
    )


@router.post("/caseload/reassign", response={200: MovedOut, **responses(400, 401, 403, 409)})
def caseload_reassign_op(request: HttpRequest, payload: ReassignIn) -> MovedOut:
    """Hand a caseworker's persons (all, or those listed) and open tasks over to an active
    colleague, in one step: key workers, accepted referrals naming them, access restricted
    to them, reviews waiting on them (never to the decision's first decider: 400 on
    `to_user`). Nothing is saved on any refusal; 409 when there is nothing to hand over."""
    actor = caller(request, Actor)
    caseload_organisation(actor)  # 403 before telling anything about the users
    moved = caseload_reassign(
        actor=actor,
        from_user=_user(payload.from_user, "from_user"),
        to_user=_user(payload.to_user, "to_user"),
        persons=payload.persons,
        reason=payload.reason.value,
        note=payload.note,
    )
    return MovedOut(
        persons=moved.persons,
        referrals=moved.referrals,
        involvements=moved.involvements,
        reviews=moved.reviews,
    )


def _key_worker_out(actor: Actor, reference: str) -> KeyWorkerOut:
    person = person_get_for_actor(actor, reference, action="key_worker_view")
    found = key_worker_of(actor, person)
    return KeyWorkerOut(
        reference=person.reference,
        key_worker=found.user.pk if found else None,
        name=found.user.display_name if found else "",
        active=found.active if found else False,
        history=[_assignment_out(row) for row in key_worker_history(actor, person)],
    )


@router.get("/persons/{reference}/key-worker", response={200: KeyWorkerOut, **responses(401, 404)})
def key_worker_view(request: HttpRequest, reference: str) -> KeyWorkerOut:
    """The person's key worker at the caller's organisation and its history (empty for an
    organisation that does not accompany the person); 404 for a person the caller does not
    see."""
    return _key_worker_out(caller(request, Actor), reference)


@router.post(
    "/persons/{reference}/key-worker",
    response={200: KeyWorkerOut, **responses(400, 401, 403, 404, 409)},
)
def key_worker_set(request: HttpRequest, reference: str, payload: AssignIn) -> KeyWorkerOut:
    """The director names the person's key worker; the previous one's accepted referral and
    restricted access of that person move too. 409 when they already are."""
    actor = caller(request, Actor)
    caseload_organisation(actor)
    person_get_for_actor(actor, reference, action="key_worker_view")
    key_worker_assign(
        actor=actor,
        person_reference=reference,
        to_user=_user(payload.user, "user"),
        reason=payload.reason.value,
        note=payload.note,
    )
    return _key_worker_out(actor, reference)


@router.post("/caseload/absences", response={201: AbsenceOut, **responses(400, 401, 403)})
def absence_create(request: HttpRequest, payload: AbsenceIn) -> Status[AbsenceOut]:
    """A member is away from `starts_on` to `ends_on` (both included)."""
    actor = caller(request, Actor)
    caseload_organisation(actor)
    absence = absence_record(
        actor=actor,
        user=_user(payload.user, "user"),
        starts_on=payload.starts_on,
        ends_on=payload.ends_on,
    )
    return Status(201, _absence_out(absence))


@router.post(
    "/caseload/absences/{absence_id}/cancel",
    response={200: AbsenceOut, **responses(401, 403, 404, 409)},
)
def absence_cancel_op(request: HttpRequest, absence_id: int) -> AbsenceOut:
    """Cancel a recorded absence (kept, marked cancelled); 409 when it already was."""
    actor = caller(request, Actor)
    return _absence_out(absence_cancel(actor=actor, absence_id=absence_id))
