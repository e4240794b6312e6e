"""/api/v1/care: read endpoints for the caller's own centre, with the API's one error shape.

The shelter's address is never part of any answer: it is for the centre's staff on the
shelter page only, and an API answer travels into other systems and their logs.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _

from nrm.access.audit import audit_record
from nrm.access.context import Actor
from nrm.access.models import AuditEventType
from nrm.access.policy import Decision
from nrm.api.auth import api_view
from nrm.care.models import Placement, SupportPlan, SupportPlanStatus
from nrm.care.queries import (
    CARE_FILE,
    care_person_get_for_actor,
    occupancy_for,
    own_centre,
    require_care_role,
)
from nrm.core.errors import DomainError
from nrm.people.models import Person

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _parse_day(value: str, field: str) -> date:
    message = _("Must be a date (YYYY-MM-DD).")
    if not _ISO_DATE.fullmatch(value):
        raise DomainError(message, field=field)
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise DomainError(message, field=field) from exc


def _get_only(request: HttpRequest) -> None:
    if request.method != "GET":
        raise _MethodNotAllowed


class _MethodNotAllowed(DomainError):
    code = "method_not_allowed"
    status = 405

    def __init__(self) -> None:
        super().__init__(_("This method is not allowed here."))


def placement_json(placement: Placement) -> dict[str, Any]:
    return {
        "id": placement.pk,
        "shelter": {"id": placement.shelter_id, "name": placement.shelter.name},
        "place_type": placement.place_type,
        "arrived_on": placement.arrived_on.isoformat(),
        "departed_on": _iso(placement.departed_on),
        "departure_reason": placement.departure_reason or None,
    }


def plan_json(plan: SupportPlan) -> dict[str, Any]:
    """HTCDS names where HTCDS has the field (`spl_*`)."""
    return {
        "id": plan.pk,
        "spl_Type": plan.types,
        "spl_Objectives": plan.objectives,
        "spl_ActionPlan": plan.action_plan,
        "started_on": plan.started_on.isoformat(),
        "spl_PlannedEndDate": _iso(plan.planned_end_on),
        "spl_ActualEndDate": _iso(plan.actual_end_on),
        "status": plan.status,
        "version": plan.version,
    }


@api_view
def occupancy(request: HttpRequest, actor: Actor) -> HttpResponse:
    _get_only(request)
    require_care_role(actor)
    raw = request.GET.get("on")
    day = _parse_day(raw, "on") if raw is not None else None
    shelters = occupancy_for(actor, on=day)
    return JsonResponse(
        {
            "shelters": [
                {
                    "id": s.shelter.pk,
                    "name": s.shelter.name,
                    "places": [
                        {
                            "place_type": p.place_type,
                            "capacity": p.capacity,
                            "occupied": p.occupied,
                            "free": p.free,
                        }
                        for p in s.places
                    ],
                    "capacity": s.capacity,
                    "occupied": s.occupied,
                    "free": s.free,
                }
                for s in shelters
            ]
        }
    )


def _audit_read(
    actor: Actor, person: Person, decision: Decision, action: str, ids: dict[str, list[int]]
) -> None:
    audit_record(
        actor=actor,
        event_type=AuditEventType.READ,
        action=action,
        record_type=CARE_FILE,
        record_id=str(person.pk),
        purpose=decision.purpose,
        changes={"reference": person.reference, **ids},
    )


@api_view
def person_placements(request: HttpRequest, actor: Actor, reference: str) -> HttpResponse:
    _get_only(request)
    person, decision = care_person_get_for_actor(actor, reference)
    placements = list(
        Placement.objects.filter(person=person, shelter__organisation_id=own_centre(actor))
        .select_related("shelter")
        .order_by("-arrived_on", "-id")
    )
    _audit_read(
        actor,
        person,
        decision,
        "api_care_placements_view",
        {"placements": [p.pk for p in placements]},
    )
    return JsonResponse(
        {"reference": person.reference, "placements": [placement_json(p) for p in placements]}
    )


@api_view
def person_plan(request: HttpRequest, actor: Actor, reference: str) -> HttpResponse:
    _get_only(request)
    person, decision = care_person_get_for_actor(actor, reference)
    plans = list(
        SupportPlan.objects.filter(person=person, organisation_id=own_centre(actor)).order_by(
            "-started_on", "-id"
        )
    )
    active = next((p for p in plans if p.status == SupportPlanStatus.ACTIVE), None)
    _audit_read(actor, person, decision, "api_care_plan_view", {"plans": [p.pk for p in plans]})
    return JsonResponse(
        {
            "reference": person.reference,
            "plan": plan_json(active) if active else None,
            "closed_plans": [plan_json(p) for p in plans if p is not active],
        }
    )
