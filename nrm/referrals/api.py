"""/api/v1/referrals: the same access rules, workflow and audit as the pages.

GET lists the caller's organisation's referrals (received and sent); POST refers a person.
Decisions are POSTs to .../accept, .../decline and .../withdraw naming the version they
were taken on; a stale version or a referral already decided answers 409.
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from nrm.access.context import Actor
from nrm.api.auth import api_view, error
from nrm.core.errors import DomainError, NotFound
from nrm.organisations.models import Organisation, Region
from nrm.people.models import Person
from nrm.referrals import htcds, workflow
from nrm.referrals.actions import (
    referral_accept,
    referral_create,
    referral_decline,
    referral_withdraw,
)
from nrm.referrals.models import Referral
from nrm.referrals.queries import (
    Box,
    State,
    referral_get_for_actor,
    referrals_in_box,
    referrals_list_audited,
)

LIST_LIMIT = 200
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _organisation(organisation: Organisation) -> dict[str, Any]:
    return {"id": organisation.pk, "name": organisation.name}


def referral_summary(referral: Referral, *, overdue: bool) -> dict[str, Any]:
    return {
        "reference": referral.reference,
        "person": referral.person.reference,
        "status": referral.status,
        "source": referral.source,
        "referring_organisation": _organisation(referral.referring_organisation),
        "referred_organisation": _organisation(referral.referred_organisation),
        "referred_on": referral.referred_on.isoformat(),
        "respond_by": referral.respond_by.isoformat(),
        "overdue": overdue,
        "version": referral.version,
    }


def referral_full(referral: Referral, actor: Actor) -> dict[str, Any]:
    return {
        **referral_summary(referral, overdue=referral.is_overdue()),
        "reason": referral.reason,
        "details": referral.details,
        "region": referral.region.code if referral.region else None,
        "routed": referral.routed,
        "presumed_minor": referral.presumed_minor,
        "decided_at": referral.decided_at.isoformat() if referral.decided_at else None,
        "decision_reason": referral.decision_reason,
        "pathway_event_recorded": referral.referred_event_recorded,
        "htcds": htcds.referral_details(referral),
        "transitions": [
            {"name": a.name, "allowed": a.allowed, "reason": a.reason}
            for a in workflow.available_transitions(referral, actor)
        ],
    }


def _body(request: HttpRequest) -> dict[str, Any]:
    try:
        body = json.loads(request.body or b"null")
    except ValueError as exc:  # not JSON, or not UTF-8 text at all
        raise DomainError(_("The body is not valid JSON.")) from exc
    if not isinstance(body, dict):
        raise DomainError(_("The body must be a JSON object."))
    return body


def _text(body: dict[str, Any], name: str, *, required: bool = False) -> str:
    value = body.get(name, "")
    if not isinstance(value, str):
        raise DomainError(_("Must be text."), field=name)
    if required and not value.strip():
        raise DomainError(_("This field is required."), field=name)
    return value


def _version(body: dict[str, Any]) -> int:
    value = body.get("version")
    if not isinstance(value, int) or isinstance(value, bool):
        raise DomainError(
            _("Give the version of the referral you decided on, as a whole number."),
            field="version",
        )
    return value


def _parse_create(body: dict[str, Any]) -> dict[str, Any]:
    """Strict parsing: wrong types are refused with the field's name, never coerced."""
    person_reference = _text(body, "person", required=True)
    parsed: dict[str, Any] = {
        "reason": _text(body, "reason", required=True),
        "details": _text(body, "details"),
        "source": _text(body, "source"),
    }
    presumed = body.get("presumed_minor", False)
    if not isinstance(presumed, bool):
        raise DomainError(_("Must be true or false."), field="presumed_minor")
    parsed["presumed_minor"] = presumed
    region_code = _text(body, "region")
    if region_code:
        region = Region.objects.filter(code=region_code).first()
        if region is None:
            raise DomainError(_("Unknown region code."), field="region")
        parsed["region"] = region
    centre = body.get("centre")
    if centre is not None:
        if not isinstance(centre, int) or isinstance(centre, bool):
            raise DomainError(_("Must be an organisation id."), field="centre")
        found = Organisation.objects.filter(pk=centre).first()
        if found is None:
            raise DomainError(_("Unknown organisation."), field="centre")
        parsed["centre"] = found
    referred_on = body.get("referred_on")
    if referred_on is not None:
        message = _("Must be a date (YYYY-MM-DD).")
        if not isinstance(referred_on, str) or not _ISO_DATE.fullmatch(referred_on):
            raise DomainError(message, field="referred_on")
        try:
            parsed["referred_on"] = date.fromisoformat(referred_on)
        except ValueError as exc:
            raise DomainError(message, field="referred_on") from exc
    person = Person.objects.filter(reference=person_reference).first()
    if person is None:
        raise NotFound(_("No such person."))
    parsed["person"] = person
    return parsed


@api_view
def referrals(request: HttpRequest, actor: Actor) -> HttpResponse:
    if request.method == "GET":
        box = request.GET.get("box", "")
        state = request.GET.get("state", State.ALL)
        if box and box not in Box.__members__.values():
            return error(400, "invalid", _("box must be received or sent."), "box")
        if state not in State.__members__.values():
            return error(
                400, "invalid", _("state must be pending, overdue, decided or all."), "state"
            )
        now = timezone.now()
        boxes = [Box(box)] if box else [Box.RECEIVED, Box.SENT]
        rows: list[Referral] = []
        for one in boxes:
            rows.extend(referrals_in_box(actor, box=one, state=state, now=now)[:LIST_LIMIT])
        # A centre's referral to itself (a hotline call) is in both boxes: list it once.
        unique = list({r.pk: r for r in rows}.values())[:LIST_LIMIT]
        referrals_list_audited(actor, unique, action="api_referral_list")
        return JsonResponse(
            {"results": [referral_summary(r, overdue=r.overdue) for r in unique]}  # type: ignore[attr-defined]
        )
    if request.method == "POST":
        parsed = _parse_create(_body(request))
        referral = referral_create(actor=actor, **parsed)
        return JsonResponse(referral_full(referral, actor), status=201)
    return error(405, "method_not_allowed", _("This method is not allowed here."))


@api_view
def referral(request: HttpRequest, actor: Actor, reference: str) -> HttpResponse:
    if request.method != "GET":
        return error(405, "method_not_allowed", _("This method is not allowed here."))
    found = referral_get_for_actor(actor, reference, action="api_referral_view")
    return JsonResponse(referral_full(found, actor))


def _decision(request: HttpRequest, actor: Actor, reference: str, name: str) -> HttpResponse:
    if request.method != "POST":
        return error(405, "method_not_allowed", _("This method is not allowed here."))
    found = referral_get_for_actor(actor, reference, action=f"api_referral_{name}_view")
    body = _body(request)
    version = _version(body)
    if name == "accept":
        decided = referral_accept(actor=actor, referral=found, expected_version=version)
    elif name == "decline":
        decided = referral_decline(
            actor=actor, referral=found, expected_version=version, reason=_text(body, "reason")
        )
    else:
        decided = referral_withdraw(
            actor=actor, referral=found, expected_version=version, reason=_text(body, "reason")
        )
    return JsonResponse(referral_full(decided, actor))


@api_view
def referral_accept_api(request: HttpRequest, actor: Actor, reference: str) -> HttpResponse:
    return _decision(request, actor, reference, "accept")


@api_view
def referral_decline_api(request: HttpRequest, actor: Actor, reference: str) -> HttpResponse:
    return _decision(request, actor, reference, "decline")


@api_view
def referral_withdraw_api(request: HttpRequest, actor: Actor, reference: str) -> HttpResponse:
    return _decision(request, actor, reference, "withdraw")
