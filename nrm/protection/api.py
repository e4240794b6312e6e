"""/api/v1: a person's pathway, recording an event, and the simulator.

The same access rules, actions and audit as the pages. Errors have the API's one shape:
400 names the field by its path in the body, 403 is another organisation's decision, 404
is "not visible" (as for a missing person), 409 is a refusal by the rules or a stale
`expected_version`, with the reason.

A pathway's answer is `pathway_json`'s, which leaves out what a row does not have (an
event's `days`, `positive`, `note`); `PathwayOut` documents it, every such key optional.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from pydantic import Field

from nrm import pathway
from nrm.access.context import Actor
from nrm.core.api.auth import caller
from nrm.core.api.contracts import json_answer, json_body, json_document
from nrm.core.api.errors import error_response, responses
from nrm.core.api.types import Flag, Input, IsoDate, Text, Version, WholeNumber
from nrm.core.errors import DomainError
from nrm.protection.actions import NOTE_MAX_LENGTH, pathway_event_record
from nrm.protection.display import pathway_display, pathway_json
from nrm.protection.engine import config, today_in
from nrm.protection.queries import pathway_get_for_actor, person_for_pathway_write

router = Router(tags=["pathway"])

# The action's parameter names, as the body spells them.
_BODY_FIELD = {"on": "date", "event_type": "type"}


class PathwayFactsOut(Schema):
    unaccompanied_minor: bool
    has_legal_stay: bool
    age_at_identification: int | None


class PathwayStepOut(Schema):
    state: str
    from_: dt.date = Field(alias="from")
    until: dt.date | None
    decided_by: str
    event: str
    legal_basis: dict[str, Any]


class PathwayEventOut(Schema):
    sequence: int
    type: str
    date: dt.date
    recorded_by: str
    positive: bool | None = Field(None, description="present for opinions and decisions")
    days: int | None = Field(None, description="present for a period's length")
    document: str | None = Field(None, description="present for requests")
    note: str | None = Field(None, description="present when the reader may see it")


class PathwayDeadlineOut(Schema):
    kind: str
    due: dt.date
    overdue: bool
    responsible: str
    organisation: str | None
    action: str
    product_default: bool


class PathwayLapseOut(Schema):
    from_: dt.date = Field(alias="from")
    until: dt.date
    document: str


class PathwayGuardianOut(Schema):
    name: str
    appointed_on: dt.date


class PathwayRequestOut(Schema):
    id: int
    document: str
    requested_on: dt.date
    decision_due: dt.date
    overdue: bool
    centre: str
    status: str
    answered_on: dt.date | None


class PathwayChoiceOut(Schema):
    type: str
    label: str
    allowed: bool
    only_with_an_earlier_date: bool | None = None
    reason: str | None = None


class PathwayOut(Schema):
    reference: str
    jurisdiction: str
    state: str | None
    state_label: str
    version: int
    facts: PathwayFactsOut
    history: list[PathwayStepOut]
    events: list[PathwayEventOut]
    deadlines: list[PathwayDeadlineOut]
    right_to_work: bool | None
    right_to_work_basis: dict[str, Any] | None
    lapses: list[PathwayLapseOut]
    guardian: PathwayGuardianOut | None
    requests: list[PathwayRequestOut]
    available_events: list[PathwayChoiceOut]


class PathwayEventIn(Input):
    type: Text = Field(max_length=64, description="an event type of the person's pathway")
    date: IsoDate
    expected_version: Version = Field(description="the pathway's version you started from")
    positive: Flag | None = None
    days: WholeNumber | None = Field(None, ge=1, le=3650)
    note: Text = Field("", max_length=NOTE_MAX_LENGTH)
    document: Text | None = Field(None, max_length=64)
    guardian_name: Text = Field("", max_length=200)
    guardian_email: Text = Field("", max_length=254)


class SimulateQuery(Schema):
    jurisdiction: str = Field(
        "BE", max_length=8, json_schema_extra={"enum": [*pathway.JURISDICTIONS]}
    )
    as_of: IsoDate | None = None


def _pathway_response(actor: Actor, reference: str, *, status: int = 200) -> JsonResponse:
    view = pathway_get_for_actor(actor, reference)
    display = pathway_display(
        view,
        reader_organisation_id=actor.organisation_id,
        reader_role=actor.role,
        today=today_in(view.state.jurisdiction),
    )
    return JsonResponse(pathway_json(display), status=status)


@router.get("/persons/{reference}/pathway", response={200: PathwayOut, **responses(401, 404)})
def person_pathway(request: HttpRequest, reference: str) -> JsonResponse:
    """A person's victim-status pathway, with the events the caller may record next."""
    return _pathway_response(caller(request, Actor), reference)


@router.post(
    "/persons/{reference}/pathway/events",
    response={201: PathwayOut, **responses(400, 401, 403, 404, 409)},
)
def person_pathway_events(
    request: HttpRequest, reference: str, payload: PathwayEventIn
) -> JsonResponse:
    """Record one decision or fact; answers the new pathway (409: the rules refuse it, or the
    pathway changed since `expected_version`)."""
    actor = caller(request, Actor)
    person, _jurisdiction = person_for_pathway_write(actor, reference)
    try:
        pathway_event_record(
            actor=actor,
            person=person,
            event_type=payload.type,
            on=payload.date,
            expected_version=payload.expected_version,
            positive=payload.positive,
            days=payload.days,
            note=payload.note,
            document=payload.document,
            guardian_name=payload.guardian_name,
            guardian_email=payload.guardian_email,
        )
    except DomainError as exc:
        if exc.field in _BODY_FIELD:
            exc.field = _BODY_FIELD[exc.field]
        raise
    return _pathway_response(actor, reference, status=201)


@router.post(
    "/pathway/simulate",
    response={200: dict[str, Any], **responses(400, 401)},
    openapi_extra={
        **json_body(pathway.load_schema("events")),
        **json_answer(200, pathway.load_schema("simulation")),
    },
)
def simulate(request: HttpRequest, query: Query[SimulateQuery]) -> JsonResponse:
    """`nrm pathway simulate` over HTTP: the contract's input and output (CONTRACTS.md §2).
    Pure evaluation of posted events: nothing is read or stored, so no audit row."""
    if query.jurisdiction not in pathway.JURISDICTIONS:
        raise DomainError(
            _("Unknown jurisdiction %(value)s.") % {"value": query.jurisdiction},
            field="jurisdiction",
        )
    body = json_document(request)
    try:
        simulation_input = pathway.parse_simulation(body, jurisdiction=query.jurisdiction)
        result = pathway.simulate(simulation_input, query.jurisdiction, query.as_of, config())
    except pathway.PathwayInputError as exc:
        problems = [{"path": p.path, "message": p.message.render(_)} for p in exc.problems]
        first = problems[0]
        return error_response(
            400, "invalid", first["message"], field=first["path"], problems=problems
        )
    return JsonResponse(pathway.result_to_json(result, _))
