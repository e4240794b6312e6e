"""/api/v1/ for labour inspection: inspections and their transitions, joint actions,
screenings (with the computed suggestion) and evidence metadata.

The same actions, access rules and audit as the pages; errors in the API's one shape.
Evidence files are uploaded as multipart/form-data; the API never returns file contents.
"""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _

from nrm.access.context import Actor
from nrm.api.auth import api_view, error
from nrm.core.errors import DomainError
from nrm.inspections import permissions, queries, workflow
from nrm.inspections.actions import (
    ObservationData,
    ScreeningData,
    evidence_add,
    facts_of,
    inspection_cancel,
    inspection_carry_out,
    inspection_plan,
    inspection_report,
    joint_action_create,
    screening_create,
    screening_refer,
)
from nrm.inspections.models import Evidence, Inspection, JointAction, Screening, Worksite
from nrm.inspections.suggestion import suggest
from nrm.people.actions import PersonData

LIST_LIMIT = 200
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _not_allowed() -> JsonResponse:
    return error(405, "method_not_allowed", _("This method is not allowed here."))


def _body(request: HttpRequest) -> dict[str, Any]:
    try:
        body = json.loads(request.body or b"null")
    except ValueError as exc:
        raise DomainError(_("The body is not valid JSON.")) from exc
    if not isinstance(body, dict):
        raise DomainError(_("The body must be a JSON object."))
    return body


def _date(body: dict[str, Any], name: str, *, required: bool = True) -> date | None:
    value = body.get(name)
    if value is None and not required:
        return None
    message = _("Must be a date (YYYY-MM-DD).")
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise DomainError(message, field=name)
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise DomainError(message, field=name) from exc


def _required_date(body: dict[str, Any], name: str) -> date:
    value = _date(body, name)
    assert value is not None
    return value


def _str(body: dict[str, Any], name: str, default: str = "") -> str:
    value = body.get(name, default)
    if not isinstance(value, str):
        raise DomainError(_("Must be text."), field=name)
    return value


def _int(body: dict[str, Any], name: str, *, required: bool = True) -> int | None:
    value = body.get(name)
    if value is None and not required:
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        raise DomainError(_("Must be a whole number."), field=name)
    return value


def _bool(body: dict[str, Any], name: str, default: bool) -> bool:
    value = body.get(name, default)
    if not isinstance(value, bool):
        raise DomainError(_("Must be true or false."), field=name)
    return value


def _decimal(body: dict[str, Any], name: str) -> Decimal | None:
    value = body.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise DomainError(_("Must be a number."), field=name)
    try:
        return Decimal(str(value))
    except InvalidOperation as exc:
        raise DomainError(_("Must be a number."), field=name) from exc


def _worksite(body: dict[str, Any], name: str = "worksite") -> Worksite | None:
    pk = _int(body, name, required=False)
    if pk is None:
        return None
    worksite = Worksite.objects.filter(pk=pk).first()
    if worksite is None:
        raise DomainError(_("No such worksite."), field=name)
    return worksite


# Shapes --------------------------------------------------------------------------------


def inspection_summary(inspection: Inspection) -> dict[str, Any]:
    return {
        "reference": inspection.reference,
        "team": inspection.team.name,
        "status": inspection.status,
        "planned_on": inspection.planned_on.isoformat(),
        "carried_out_on": inspection.carried_out_on.isoformat()
        if inspection.carried_out_on
        else None,
        "reported_on": inspection.reported_on.isoformat() if inspection.reported_on else None,
        "sector": inspection.sector,
        "trafficking_focused": inspection.trafficking_focused,
        "worksite": inspection.worksite_id,
        "joint_action": inspection.joint_action.reference if inspection.joint_action else None,
        "outcome": inspection.outcome or None,
        "version": inspection.version,
    }


def inspection_full(inspection: Inspection, actor: Actor) -> dict[str, Any]:
    return {
        **inspection_summary(inspection),
        "findings": inspection.findings,
        "transitions": [
            {"name": a.name, "allowed": a.allowed, "reason": a.reason}
            for a in workflow.available_transitions(inspection, actor)
        ],
        "screenings": [s.reference for s in queries.screenings_of(inspection)],
        "evidence": [e.reference for e in queries.evidence_of(inspection)],
    }


def joint_action_json(joint_action: JointAction, actor: Actor) -> dict[str, Any]:
    data: dict[str, Any] = {
        "reference": joint_action.reference,
        "title": joint_action.title,
        "planned_on": joint_action.planned_on.isoformat(),
        "lead": joint_action.lead_organisation.name,
        "briefing": joint_action.briefing,
        "participants": [
            {"organisation": p.organisation.name, "role": p.role, "headcount": p.headcount}
            for p in joint_action.participants.all()
        ],
        "worksites": [w.pk for w in joint_action.worksites.all()],
        "version": joint_action.version,
    }
    if permissions.sees_inspections_of_joint_actions(actor):
        data["inspections"] = [
            i.reference for i in queries.inspections_of_joint_action(actor, joint_action)
        ]
    return data


def screening_json(screening: Screening) -> dict[str, Any]:
    observations = queries.observations_of(screening)
    observed = frozenset((o.framework, o.indicator) for o in observations)
    result = suggest(facts_of(screening, observed))
    return {
        "reference": screening.reference,
        "inspection": screening.inspection.reference,
        "person": screening.person.reference,
        "screened_on": screening.screened_on.isoformat(),
        "nationality": screening.nationality or None,
        "language": screening.language or None,
        "presumed_minor": screening.presumed_minor,
        "hourly_wage_eur": str(screening.hourly_wage_eur)
        if screening.hourly_wage_eur is not None
        else None,
        "weekly_hours": str(screening.weekly_hours) if screening.weekly_hours is not None else None,
        "rest_days_per_week": screening.rest_days_per_week,
        "leaflet_language": screening.leaflet_language or None,
        "consent": screening.consent,
        "observations": [
            {
                "framework": o.framework,
                "indicator": o.indicator,
                "dimension": o.dimension,
                "observed_on": o.observed_on.isoformat(),
                "organisation": o.organisation.name,
                "note": o.note,
            }
            for o in observations
        ],
        "suggestion": {
            "level": result.level.value,
            "reasons": result.render(_),
            "is_decision": False,
        },
        "referral": screening.referral.reference if screening.referral else None,
        "referral_channel": screening.referral_channel or None,
        "version": screening.version,
    }


def evidence_json(evidence: Evidence) -> dict[str, Any]:
    return {
        "reference": evidence.reference,
        "inspection": evidence.inspection.reference,
        "screening": evidence.screening.reference if evidence.screening else None,
        "person": evidence.person.reference if evidence.person else None,
        "kind": evidence.kind,
        "description": evidence.description,
        "content_type": evidence.content_type,
        "size": evidence.size,
        "sha256": evidence.sha256,
        "metadata_stripped": evidence.metadata_stripped,
        "organisation": evidence.organisation.name,
        "uploaded_at": evidence.uploaded_at.isoformat(),
    }


# Inspections ---------------------------------------------------------------------------


@api_view
def inspections(request: HttpRequest, actor: Actor) -> HttpResponse:
    if request.method == "GET":
        rows = queries.inspections_filtered(queries.inspections_visible_to(actor))[:LIST_LIMIT]
        return JsonResponse({"results": [inspection_summary(i) for i in rows]})
    if request.method != "POST":
        return _not_allowed()
    body = _body(request)
    joint_action = None
    reference = _str(body, "joint_action")
    if reference:
        joint_action = queries.joint_actions_visible_to(actor).filter(reference=reference).first()
        if joint_action is None:
            raise DomainError(_("No such joint action."), field="joint_action")
    inspection = inspection_plan(
        actor=actor,
        planned_on=_required_date(body, "planned_on"),
        sector=_str(body, "sector"),
        worksite=_worksite(body),
        joint_action=joint_action,
        trafficking_focused=_bool(body, "trafficking_focused", True),
    )
    return JsonResponse(inspection_summary(inspection), status=201)


@api_view
def inspection(request: HttpRequest, actor: Actor, reference: str) -> HttpResponse:
    if request.method != "GET":
        return _not_allowed()
    found = queries.inspection_get_for_actor(actor, reference, action="api_inspection_view")
    return JsonResponse(inspection_full(found, actor))


@api_view
def inspection_transition(
    request: HttpRequest, actor: Actor, reference: str, name: str
) -> HttpResponse:
    if request.method != "POST":
        return _not_allowed()
    found = queries.inspection_get_for_actor(actor, reference, action="api_inspection_view")
    if name not in workflow.TRANSITIONS:
        return error(404, "not_found", _("No such transition."))
    body = _body(request)
    version = _int(body, "expected_version")
    assert version is not None
    if name == "carry_out":
        moved = inspection_carry_out(
            actor=actor,
            inspection=found,
            expected_version=version,
            carried_out_on=_required_date(body, "carried_out_on"),
            worksite=_worksite(body),
        )
    elif name == "report":
        moved = inspection_report(
            actor=actor,
            inspection=found,
            expected_version=version,
            reported_on=_required_date(body, "reported_on"),
            outcome=_str(body, "outcome"),
            findings=_str(body, "findings"),
            worksite=_worksite(body),
        )
    else:
        moved = inspection_cancel(
            actor=actor, inspection=found, expected_version=version, reason=_str(body, "reason")
        )
    return JsonResponse(inspection_full(moved, actor))


# Joint actions -------------------------------------------------------------------------


@api_view
def joint_actions(request: HttpRequest, actor: Actor) -> HttpResponse:
    if request.method == "GET":
        rows = queries.joint_actions_listed(actor)[:LIST_LIMIT]
        return JsonResponse(
            {
                "results": [
                    {
                        "reference": j.reference,
                        "title": j.title,
                        "planned_on": j.planned_on.isoformat(),
                        "lead": j.lead_organisation.name,
                    }
                    for j in rows
                ]
            }
        )
    if request.method != "POST":
        return _not_allowed()
    body = _body(request)
    sites = body.get("worksites", [])
    if not isinstance(sites, list) or not all(
        isinstance(s, int) and not isinstance(s, bool) for s in sites
    ):
        raise DomainError(_("Must be a list of worksite ids."), field="worksites")
    found = list(Worksite.objects.filter(pk__in=sites))
    if len(found) != len(set(sites)):
        raise DomainError(_("No such worksite."), field="worksites")
    created = joint_action_create(
        actor=actor,
        title=_str(body, "title"),
        planned_on=_required_date(body, "planned_on"),
        briefing=_str(body, "briefing"),
        worksites=found,
    )
    return JsonResponse(joint_action_json(created, actor), status=201)


@api_view
def joint_action(request: HttpRequest, actor: Actor, reference: str) -> HttpResponse:
    if request.method != "GET":
        return _not_allowed()
    found = queries.joint_action_get_for_actor(actor, reference, action="api_joint_action_view")
    return JsonResponse(joint_action_json(found, actor))


# Screenings ----------------------------------------------------------------------------


def _screening_data(body: dict[str, Any]) -> ScreeningData:
    observations = body.get("observations", [])
    if not isinstance(observations, list):
        raise DomainError(_("Must be a list."), field="observations")
    rows: list[ObservationData] = []
    for row in observations:
        if not isinstance(row, dict):
            raise DomainError(_("Each observation is an object."), field="observations")
        rows.append(
            ObservationData(
                framework=_str(row, "framework"),
                indicator=_str(row, "indicator"),
                note=_str(row, "note"),
            )
        )
    person = body.get("person", {})
    if not isinstance(person, dict):
        raise DomainError(_("Must be an object."), field="person")
    reference = _str(person, "reference")
    new_person = None
    if not reference:
        new_person = PersonData(
            given_names=_str(person, "given_names"),
            family_name=_str(person, "family_name"),
            birth_date=_date(person, "birth_date", required=False),
            age_at_first_contact=_int(person, "age", required=False),
        )
    return ScreeningData(
        screened_on=_date(body, "screened_on", required=False),
        person_reference=reference,
        new_person=new_person,
        nationality=_str(body, "nationality"),
        language=_str(body, "language"),
        presumed_minor=_bool(body, "presumed_minor", False),
        hourly_wage_eur=_decimal(body, "hourly_wage_eur"),
        weekly_hours=_decimal(body, "weekly_hours"),
        rest_days_per_week=_int(body, "rest_days_per_week", required=False),
        observations=rows,
        leaflet_language=_str(body, "leaflet_language"),
        consent=_str(body, "consent", "NOT_ASKED"),
        notes=_str(body, "notes"),
    )


@api_view
def inspection_screenings(request: HttpRequest, actor: Actor, reference: str) -> HttpResponse:
    found = queries.inspection_get_for_actor(actor, reference, action="api_screening_list")
    if request.method == "GET":
        rows = queries.screenings_of(found)
        queries.screenings_list_audited(actor, rows, action="api_screening_list")
        return JsonResponse(
            {
                "results": [
                    {
                        "reference": s.reference,
                        "person": s.person.reference,
                        "screened_on": s.screened_on.isoformat(),
                        "suggests_potential_victim": s.suggests_potential_victim,
                        "referral": s.referral.reference if s.referral else None,
                    }
                    for s in rows
                ]
            }
        )
    if request.method != "POST":
        return _not_allowed()
    created = screening_create(actor=actor, inspection=found, data=_screening_data(_body(request)))
    return JsonResponse(screening_json(created), status=201)


@api_view
def screening(request: HttpRequest, actor: Actor, reference: str) -> HttpResponse:
    if request.method != "GET":
        return _not_allowed()
    found = queries.screening_get_for_actor(actor, reference, action="api_screening_view")
    return JsonResponse(screening_json(found))


@api_view
def screening_referral(request: HttpRequest, actor: Actor, reference: str) -> HttpResponse:
    if request.method != "POST":
        return _not_allowed()
    found = queries.screening_get_for_actor(actor, reference, action="api_screening_view")
    body = _body(request)
    version = _int(body, "expected_version")
    assert version is not None
    referral = screening_refer(
        actor=actor,
        screening=found,
        expected_version=version,
        channel=_str(body, "channel", "DIRECT"),
        consent_confirmed=_bool(body, "consent_confirmed", False),
        details=_str(body, "details"),
    )
    return JsonResponse(
        {
            "referral": referral.reference,
            "centre": referral.referred_organisation.name,
            "status": referral.status,
        },
        status=201,
    )


# Evidence ------------------------------------------------------------------------------


@api_view
def inspection_evidence(request: HttpRequest, actor: Actor, reference: str) -> HttpResponse:
    found = queries.inspection_get_for_actor(actor, reference, action="api_evidence_list")
    if request.method == "GET":
        return JsonResponse({"results": [evidence_json(e) for e in queries.evidence_of(found)]})
    if request.method != "POST":
        return _not_allowed()
    upload = request.FILES.get("file")
    if upload is None:
        raise DomainError(_("Send the file as multipart/form-data, field 'file'."), field="file")
    screening_reference = request.POST.get("screening", "")
    linked = None
    if screening_reference:
        linked = Screening.objects.filter(reference=screening_reference, inspection=found).first()
        if linked is None:
            raise DomainError(_("No such screening at this inspection."), field="screening")
    created = evidence_add(
        actor=actor,
        inspection=found,
        kind=request.POST.get("kind", ""),
        upload=upload,
        size=upload.size,
        name=upload.name or "",
        description=request.POST.get("description", ""),
        screening=linked,
    )
    return JsonResponse(evidence_json(created), status=201)


@api_view
def evidence(request: HttpRequest, actor: Actor, reference: str) -> HttpResponse:
    if request.method != "GET":
        return _not_allowed()
    found = queries.evidence_get_for_actor(actor, reference, action="api_evidence_view")
    return JsonResponse(evidence_json(found))
