"""/api/v1: a person's pathway, recording an event, and the simulator.

The same access rules, actions and audit as the pages. Errors have the API's one shape:
400 names the field by its path in the body, 403 is another organisation's decision, 404
is "not visible" (as for a missing person), 409 is a refusal by the rules or a stale
`expected_version`, with the reason.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _

from nrm import pathway
from nrm.access.context import Actor
from nrm.api.auth import api_view, error
from nrm.core.errors import DomainError
from nrm.protection.actions import pathway_event_record
from nrm.protection.display import pathway_display, pathway_json
from nrm.protection.engine import config, today_in
from nrm.protection.queries import pathway_get_for_actor, person_for_pathway_write

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_EVENT_FIELDS = frozenset(
    {
        "type",
        "date",
        "expected_version",
        "positive",
        "days",
        "note",
        "document",
        "guardian_name",
        "guardian_email",
    }
)
# The action's parameter names, as the body spells them.
_BODY_FIELD = {"on": "date", "event_type": "type"}


def _pathway_response(actor: Actor, reference: str, *, status: int = 200) -> JsonResponse:
    view = pathway_get_for_actor(actor, reference)
    display = pathway_display(
        view,
        reader_organisation_id=actor.organisation_id,
        reader_role=actor.role,
        today=today_in(view.state.jurisdiction),
    )
    return JsonResponse(pathway_json(display), status=status)


@api_view
def person_pathway(request: HttpRequest, actor: Actor, reference: str) -> HttpResponse:
    if request.method != "GET":
        return error(405, "method_not_allowed", _("This method is not allowed here."))
    return _pathway_response(actor, reference)


def _date(value: object) -> dt.date:
    message = _("Must be a date (YYYY-MM-DD).")
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise DomainError(message, field="date")
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise DomainError(message, field="date") from exc


def _parse_event(body: object) -> dict[str, Any]:
    """Strict: wrong types are refused with the field's name, never coerced."""
    if not isinstance(body, dict):
        raise DomainError(_("The body must be a JSON object."))
    for name in body:
        if name not in _EVENT_FIELDS:
            raise DomainError(_("This field is not part of an event."), field=str(name))
    event_type = body.get("type")
    if not isinstance(event_type, str) or not event_type:
        raise DomainError(_("Must be an event type."), field="type")
    version = body.get("expected_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise DomainError(
            _("Must be the pathway's version you started from (a whole number)."),
            field="expected_version",
        )
    positive = body.get("positive")
    if positive is not None and not isinstance(positive, bool):
        raise DomainError(_("Must be true or false."), field="positive")
    days = body.get("days")
    if days is not None and (not isinstance(days, int) or isinstance(days, bool)):
        raise DomainError(_("Must be a whole number."), field="days")
    note = body.get("note", "")
    if not isinstance(note, str):
        raise DomainError(_("Must be text."), field="note")
    document = body.get("document")
    if document is not None and not isinstance(document, str):
        raise DomainError(_("Must be text."), field="document")
    texts = {}
    for name in ("guardian_name", "guardian_email"):
        value = body.get(name, "")
        if not isinstance(value, str):
            raise DomainError(_("Must be text."), field=name)
        texts[name] = value
    return {
        "event_type": event_type,
        "on": _date(body.get("date")),
        "expected_version": version,
        "positive": positive,
        "days": days,
        "note": note,
        "document": document,
        **texts,
    }


@api_view
def person_pathway_events(request: HttpRequest, actor: Actor, reference: str) -> HttpResponse:
    if request.method != "POST":
        return error(405, "method_not_allowed", _("This method is not allowed here."))
    person, _jurisdiction = person_for_pathway_write(actor, reference)
    try:
        body = json.loads(request.body or b"null")
    except ValueError:
        return error(400, "malformed_json", _("The body is not valid JSON."))
    parameters = _parse_event(body)
    try:
        pathway_event_record(actor=actor, person=person, **parameters)
    except DomainError as exc:
        if exc.field in _BODY_FIELD:
            exc.field = _BODY_FIELD[exc.field]
        raise
    return _pathway_response(actor, reference, status=201)


@api_view
def simulate(request: HttpRequest, actor: Actor) -> HttpResponse:
    """`nrm pathway simulate` over HTTP: the contract's input and output (CONTRACTS.md §2).
    Pure evaluation of posted events: nothing is read or stored, so no audit row."""
    if request.method != "POST":
        return error(405, "method_not_allowed", _("This method is not allowed here."))
    jurisdiction = request.GET.get("jurisdiction", "BE")
    if jurisdiction not in pathway.JURISDICTIONS:
        return error(
            400,
            "invalid",
            _("Unknown jurisdiction %(value)s.") % {"value": jurisdiction},
            field="jurisdiction",
        )
    as_of = None
    if "as_of" in request.GET:
        try:
            as_of = dt.date.fromisoformat(request.GET["as_of"])
        except ValueError:
            return error(400, "invalid", _("Must be a date (YYYY-MM-DD)."), field="as_of")
    try:
        body = json.loads(request.body or b"null")
    except ValueError:
        return error(400, "malformed_json", _("The body is not valid JSON."))
    try:
        simulation_input = pathway.parse_simulation(body, jurisdiction=jurisdiction)
        result = pathway.simulate(simulation_input, jurisdiction, as_of, config())
    except pathway.PathwayInputError as exc:
        problems = [{"path": p.path, "message": p.message.render(_)} for p in exc.problems]
        first = problems[0]
        return error(400, "invalid", first["message"], field=first["path"], problems=problems)
    return JsonResponse(pathway.result_to_json(result, _))
