"""/api/v1/ for criminal case files: files and their decisions, qualification snapshots,
frozen assets and allocations, the targets, and the procedural facts a centre may read.

The same actions, access rules and audit as the pages; errors in the API's one shape. JSON
numbers are parsed as exact decimals (never floats) and amounts are returned as strings.
PRODUCT CHOICE: protected statements are never served by the API; they are read on the
page, where each reading is recorded, and reach the defence only through the court's export.
"""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from nrm.access.context import Actor
from nrm.api.auth import api_view, error
from nrm.core.errors import DomainError, NotFound, PermissionDenied
from nrm.organisations.models import Organisation
from nrm.prosecution import actions, charges, permissions, queries, targets, workflow
from nrm.prosecution.charges import is_unverified, provision_citation
from nrm.prosecution.models import (
    Asset,
    BackPayClaim,
    CaseFile,
    CaseSuspect,
    CaseVictim,
    Charge,
    CivilClaim,
    QualificationSnapshot,
)
from nrm.prosecution.permissions import Relation

LIST_LIMIT = 200
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _not_allowed() -> JsonResponse:
    return error(405, "method_not_allowed", _("This method is not allowed here."))


def _body(request: HttpRequest) -> dict[str, Any]:
    try:
        # Numbers as Decimal: an amount in euros must arrive exactly as sent.
        body = json.loads(request.body or b"null", parse_float=Decimal)
    except ValueError as exc:
        raise DomainError(_("The body is not valid JSON.")) from exc
    if not isinstance(body, dict):
        raise DomainError(_("The body must be a JSON object."))
    return body


def _date(body: dict[str, Any], name: str) -> date:
    value = body.get(name)
    message = _("Must be a date (YYYY-MM-DD).")
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise DomainError(message, field=name)
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise DomainError(message, field=name) from exc


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


def _required_int(body: dict[str, Any], name: str) -> int:
    value = _int(body, name)
    assert value is not None
    return value


def _bool(body: dict[str, Any], name: str) -> bool:
    value = body.get(name)
    if not isinstance(value, bool):
        raise DomainError(_("Must be true or false."), field=name)
    return value


def _amount(body: dict[str, Any], name: str) -> Decimal | str | None:
    value = body.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | Decimal | str):
        raise DomainError(_("Give the amount as a number with at most two decimals."), field=name)
    return value if isinstance(value, Decimal | str) else Decimal(value)


def _required_amount(body: dict[str, Any], name: str) -> Decimal | str:
    value = _amount(body, name)
    if value is None:
        raise DomainError(_("Give the amount as a number with at most two decimals."), field=name)
    return value


def _money(value: Decimal | None) -> str | None:
    return f"{value:.2f}" if value is not None else None


def _victim(case: CaseFile, reference: str, name: str = "victim") -> CaseVictim:
    victim = CaseVictim.objects.filter(case=case, person__reference=reference).first()
    if victim is None:
        raise DomainError(_("This person is not a victim in this case file."), field=name)
    return victim


def _suspect(case: CaseFile, pk: object, name: str) -> CaseSuspect:
    if not isinstance(pk, int) or isinstance(pk, bool):
        raise DomainError(_("Must be a whole number."), field=name)
    suspect = (
        CaseSuspect.objects.filter(case=case, pk=pk).select_related("person", "company").first()
    )
    if suspect is None:
        raise DomainError(_("This is not a suspect in this case file."), field=name)
    return suspect


def _require(actor: Actor, case: CaseFile, allowed: frozenset[Relation], message: str) -> None:
    """Who may do this, before the body is read: 403 comes before 400."""
    if permissions.relation(actor, case) not in allowed:
        raise PermissionDenied(message)


OFFICE = frozenset({Relation.OFFICE})
COURT = frozenset({Relation.COURT})
OFFICE_OR_COURT = frozenset({Relation.OFFICE, Relation.COURT})


# Shapes ----------------------------------------------------------------------------------------


def case_summary(case: CaseFile) -> dict[str, Any]:
    return {
        "reference": case.reference,
        "title": case.title,
        "office": case.office.name,
        "court": case.court.name if case.court else None,
        "exploitation_form": case.exploitation_form,
        "opened_on": case.opened_on.isoformat(),
        "status": case.status,
        "version": case.version,
    }


def case_full(actor: Actor, case: CaseFile) -> dict[str, Any]:
    view = queries.case_view(actor, case)
    return {
        **case_summary(case),
        "victims": [v.person.reference for v in view.victims],
        "suspects": [
            {
                "id": row.suspect.pk,
                "person": row.suspect.person.reference if row.suspect.person else None,
                "company": row.suspect.company.name if row.suspect.company else None,
                "charges": [
                    {
                        "provision": c.provision,
                        "label": provision_citation(c.provision),
                        "unverified": is_unverified(c.provision),
                        "trafficking": c.is_trafficking,
                    }
                    for c in row.charges
                ],
            }
            for row in view.suspects
        ],
        "companies": [
            {
                "company": row.link.company.name,
                "enterprise_number": row.link.company.enterprise_number or None,
                "role": row.link.role,
                "works_for": row.chain_above,
            }
            for row in view.companies
        ],
        "decisions": [
            {
                "decision": row.decision.transition,
                "decided_on": row.decision.decided_on.isoformat(),
                "status": row.decision.to_status,
                "victim": row.decision.victim.person.reference if row.decision.victim else None,
                "positive": row.decision.positive,
                "pathway": [
                    {
                        "person": e.person.reference,
                        "event": e.event_type,
                        "status": e.status,
                        "reason": e.reason or None,
                    }
                    for e in row.effects
                ],
            }
            for row in view.decisions
        ],
        "money": {
            "frozen_eur": _money(view.frozen_total),
            "confiscated_eur": _money(view.confiscated),
            "allocated_eur": _money(view.allocated),
            "remaining_eur": _money(view.remaining),
        },
        "transitions": [
            {"name": a.name, "allowed": a.allowed, "reason": a.reason}
            for a in workflow.available_transitions(case, actor)
        ],
    }


def asset_json(asset: Asset) -> dict[str, Any]:
    return {
        "id": asset.pk,
        "kind": asset.kind,
        "value_eur": _money(asset.value_eur),
        "frozen_on": asset.frozen_on.isoformat(),
        "status": asset.status,
        "released_on": asset.released_on.isoformat() if asset.released_on else None,
        "confiscated_on": asset.confiscated_on.isoformat() if asset.confiscated_on else None,
        "confiscated_value_eur": _money(asset.confiscated_value_eur),
        "owner": asset.owner_id,
        "version": asset.version,
    }


# Case files --------------------------------------------------------------------------------------


@api_view
def cases(request: HttpRequest, actor: Actor) -> HttpResponse:
    if request.method == "GET":
        rows = list(queries.cases_listed(actor, status=request.GET.get("status", ""))[:LIST_LIMIT])
        queries.cases_list_audited(actor, rows, action="api_case_list")
        return JsonResponse({"results": [case_summary(c) for c in rows]})
    if request.method != "POST":
        return _not_allowed()
    body = _body(request)
    case = actions.case_file_open(
        actor=actor,
        title=_str(body, "title"),
        exploitation_form=_str(body, "exploitation_form"),
        opened_on=_date(body, "opened_on"),
        summary=_str(body, "summary"),
    )
    return JsonResponse(case_summary(case), status=201)


@api_view
def case(request: HttpRequest, actor: Actor, reference: str) -> HttpResponse:
    if request.method != "GET":
        return _not_allowed()
    found = queries.case_get_for_actor(actor, reference, action="api_case_view")
    return JsonResponse(case_full(actor, found))


def _transition_kwargs(case: CaseFile, name: str, body: dict[str, Any]) -> dict[str, Any]:
    kwargs: dict[str, Any] = {"expected_version": _required_int(body, "expected_version")}
    if name == "record_judgment":
        verdicts = body.get("verdicts")
        if not isinstance(verdicts, list) or not all(isinstance(v, dict) for v in verdicts):
            raise DomainError(_("Must be a list of verdicts."), field="verdicts")
        kwargs["judged_on"] = _date(body, "judged_on")
        kwargs["verdicts"] = [
            actions.VerdictData(
                suspect=_suspect(case, v.get("suspect"), "verdicts"),
                outcome=_str(v, "outcome"),
                convicted_of_trafficking=bool(v.get("convicted_of_trafficking", False)),
                prison_months=_int(v, "prison_months", required=False),
                suspension=_str(v, "suspension"),
                fine_eur=_amount(v, "fine_eur"),
                confiscation_eur=_amount(v, "confiscation_eur"),
            )
            for v in verdicts
        ]
        return kwargs
    if name == "appeal":
        kwargs["lodged_on"] = _date(body, "lodged_on")
        kwargs["appellant"] = _str(body, "appellant")
        return kwargs
    kwargs["decided_on"] = _date(body, "decided_on")
    if name == "open_investigation":
        kwargs["note"] = _str(body, "note")
    elif name == "give_opinion":
        kwargs["victim"] = _victim(case, _str(body, "victim"))
        kwargs["positive"] = _bool(body, "positive")
        kwargs["reason"] = _str(body, "reason")
    elif name == "dismiss":
        kwargs["reason_code"] = _str(body, "reason_code")
        kwargs["reason"] = _str(body, "reason")
    elif name == "reopen":
        kwargs["reason"] = _str(body, "reason")
    elif name == "indict":
        court_id = _int(body, "court", required=False)
        court = Organisation.objects.filter(pk=court_id).first() if court_id else None
        if court_id and court is None:
            raise DomainError(_("Choose a court."), field="court")
        kwargs["court"] = court
    elif name == "request_conviction":
        given = body.get("defendants")
        if given is not None:
            if not isinstance(given, list):
                raise DomainError(_("Must be a list of suspect ids."), field="defendants")
            kwargs["defendants"] = [_suspect(case, pk, "defendants") for pk in given]
    return kwargs


@api_view
def case_transition(request: HttpRequest, actor: Actor, reference: str, name: str) -> HttpResponse:
    if request.method != "POST":
        return _not_allowed()
    found = queries.case_get_for_actor(actor, reference, action="api_case_decide_view")
    transition = workflow.TRANSITIONS.get(name)
    if transition is None:
        return error(404, "not_found", _("No such decision."))
    # Who takes it first (403), before the body is read (400).
    party = workflow.PARTY_OF_RELATION.get(permissions.relation(actor, found))
    if party is None or party not in transition.parties:
        return error(403, "forbidden", workflow.party_reason(transition))
    kwargs = _transition_kwargs(found, name, _body(request))
    decided = actions.ACTIONS[name](actor=actor, case=found, **kwargs)
    return JsonResponse(case_full(actor, decided.case))


@api_view
def case_qualifications(request: HttpRequest, actor: Actor, reference: str) -> HttpResponse:
    if request.method != "POST":
        return _not_allowed()
    found = queries.case_get_for_actor(actor, reference, action="api_case_qualify_view")
    _require(actor, found, OFFICE, _("Only the prosecutors assigned to this case do this."))
    body = _body(request)
    facts = body.get("facts")
    if not isinstance(facts, dict):
        raise DomainError(_("Must be the facts document (CONTRACTS.md §1)."), field="facts")
    # The facts document has floats (wages); the engine reads plain JSON numbers.
    facts = json.loads(json.dumps(facts, default=float))
    jurisdictions = body.get("jurisdictions")
    if jurisdictions is not None and (
        not isinstance(jurisdictions, list) or not all(isinstance(j, str) for j in jurisdictions)
    ):
        raise DomainError(_("Must be a list of jurisdiction codes."), field="jurisdictions")
    snapshot = actions.qualification_snapshot_take(
        actor=actor, case=found, facts=facts, jurisdictions=jurisdictions, note=_str(body, "note")
    )
    return JsonResponse(
        {
            "id": snapshot.pk,
            "taken_on": snapshot.taken_on.isoformat(),
            "rulesets": snapshot.rulesets,
            "summary": snapshot.summary,
            "result": snapshot.result,
        },
        status=201,
    )


def charge_json(charge: Charge) -> dict[str, Any]:
    return {
        "id": charge.pk,
        "suspect": charge.suspect_id,
        "provision": charge.provision,
        "label": provision_citation(charge.provision),
        "unverified": is_unverified(charge.provision),
        "trafficking": charge.is_trafficking,
        "charged_on": charge.added_on.isoformat(),
        "withdrawn_on": charge.withdrawn_on.isoformat() if charge.withdrawn_on else None,
    }


@api_view
def case_charges(request: HttpRequest, actor: Actor, reference: str) -> HttpResponse:
    """GET: the charges and the provisions that can be charged for the case's offence
    period (id and citation). POST: charge a suspect under a provision id."""
    found = queries.case_get_for_actor(actor, reference, action="api_case_charges_view")
    if request.method == "GET":
        rows = Charge.objects.filter(case=found).order_by("added_on", "pk")
        period = charges.offence_period(found)
        return JsonResponse(
            {
                "results": [charge_json(c) for c in rows],
                "choices": [
                    {"provision": pid, "label": label, "unverified": is_unverified(pid)}
                    for pid, label in charges.charge_choices(period)
                ],
            }
        )
    if request.method != "POST":
        return _not_allowed()
    _require(actor, found, OFFICE, _("Only the prosecutors assigned to this case do this."))
    body = _body(request)
    snapshot_id = _int(body, "snapshot", required=False)
    snapshot = None
    if snapshot_id is not None:
        snapshot = QualificationSnapshot.objects.filter(case=found, pk=snapshot_id).first()
        if snapshot is None:
            raise DomainError(_("This qualification belongs to another case."), field="snapshot")
    charged_on = _date(body, "charged_on") if body.get("charged_on") is not None else None
    charge = actions.charge_add(
        actor=actor,
        case=found,
        suspect=_suspect(found, body.get("suspect"), "suspect"),
        provision=_str(body, "provision"),
        description=_str(body, "description"),
        snapshot=snapshot,
        charged_on=charged_on,
    )
    return JsonResponse(charge_json(charge), status=201)


@api_view
def case_assets(request: HttpRequest, actor: Actor, reference: str) -> HttpResponse:
    found = queries.case_get_for_actor(actor, reference, action="api_case_assets_view")
    if request.method == "GET":
        rows = Asset.objects.filter(case=found).order_by("frozen_on", "pk")
        return JsonResponse({"results": [asset_json(a) for a in rows]})
    if request.method != "POST":
        return _not_allowed()
    _require(actor, found, OFFICE, _("Only the prosecutors assigned to this case do this."))
    body = _body(request)
    owner_id = body.get("owner")
    asset = actions.asset_freeze(
        actor=actor,
        case=found,
        kind=_str(body, "kind"),
        value_eur=_required_amount(body, "value_eur"),
        frozen_on=_date(body, "frozen_on"),
        description=_str(body, "description"),
        owner=_suspect(found, owner_id, "owner") if owner_id is not None else None,
    )
    return JsonResponse(asset_json(asset), status=201)


@api_view
def case_asset_action(
    request: HttpRequest, actor: Actor, reference: str, pk: int, verb: str
) -> HttpResponse:
    if request.method != "POST":
        return _not_allowed()
    found = queries.case_get_for_actor(actor, reference, action="api_case_assets_view")
    asset = Asset.objects.filter(case=found, pk=pk).first()
    if asset is None:
        raise NotFound(_("No such asset."))
    if verb == "confiscate":
        _require(actor, found, COURT, _("Only a judge of the court seised does this."))
    elif verb == "release":
        _require(
            actor,
            found,
            OFFICE_OR_COURT,
            _("Only the prosecutors assigned to this case or the court seised do this."),
        )
    body = _body(request)
    version = _required_int(body, "expected_version")
    if verb == "release":
        asset = actions.asset_release(
            actor=actor,
            asset=asset,
            expected_version=version,
            released_on=_date(body, "released_on"),
            reason=_str(body, "reason"),
        )
    elif verb == "confiscate":
        asset = actions.asset_confiscate(
            actor=actor,
            asset=asset,
            expected_version=version,
            confiscated_on=_date(body, "confiscated_on"),
            confiscated_value_eur=_required_amount(body, "confiscated_value_eur"),
        )
    else:
        return error(404, "not_found", _("No such operation."))
    return JsonResponse(asset_json(asset))


@api_view
def case_allocations(request: HttpRequest, actor: Actor, reference: str) -> HttpResponse:
    if request.method != "POST":
        return _not_allowed()
    found = queries.case_get_for_actor(actor, reference, action="api_case_allocate_view")
    _require(actor, found, COURT, _("Only a judge of the court seised does this."))
    body = _body(request)
    civil_id = _int(body, "civil_claim", required=False)
    back_pay_id = _int(body, "back_pay_claim", required=False)
    civil = CivilClaim.objects.filter(case=found, pk=civil_id).first() if civil_id else None
    back_pay = (
        BackPayClaim.objects.filter(case=found, pk=back_pay_id).first() if back_pay_id else None
    )
    if (civil_id and civil is None) or (back_pay_id and back_pay is None):
        raise DomainError(_("No such claim in this case file."), field="claim")
    allocation = actions.allocation_make(
        actor=actor,
        case=found,
        amount_eur=_required_amount(body, "amount_eur"),
        allocated_on=_date(body, "allocated_on"),
        civil_claim=civil,
        back_pay_claim=back_pay,
    )
    confiscated, allocated = queries.money_totals(found)
    return JsonResponse(
        {
            "id": allocation.pk,
            "amount_eur": _money(allocation.amount_eur),
            "remaining_eur": _money(confiscated - allocated),
        },
        status=201,
    )


# Procedural facts and targets -------------------------------------------------------------------


@api_view
def procedural_facts(request: HttpRequest, actor: Actor, reference: str) -> HttpResponse:
    if request.method != "GET":
        return _not_allowed()
    person, rows = queries.procedural_facts_for_person(actor, reference)
    return JsonResponse(
        {
            "person": person.reference,
            "cases": [
                {
                    "reference": c.reference,
                    "office": c.office,
                    "opened_on": c.opened_on.isoformat(),
                    "status": c.status,
                    "decisions": [
                        {"decision": s.label, "on": s.on.isoformat(), "positive": s.positive}
                        for s in c.steps
                    ],
                    "hearings": [
                        {"kind": h.kind, "starts_at": h.starts_at.isoformat(), "court": h.court}
                        for h in c.hearings
                    ],
                }
                for c in rows
            ],
        }
    )


@api_view
def case_targets(request: HttpRequest, actor: Actor) -> HttpResponse:
    if request.method != "GET":
        return _not_allowed()
    today = timezone.localdate()
    year_text = request.GET.get("year", str(today.year))
    if not year_text.isdigit() or not 2000 <= int(year_text) <= 2100:
        raise DomainError(_("Give a year between 2000 and 2100."), field="year")
    board = targets.dashboard(actor, year=int(year_text), today=today)

    def row(r: targets.OfficeProgress) -> dict[str, Any]:
        return {
            "office": r.label,
            "target": r.target,
            "target_is_default": r.target_is_default,
            "investigations": r.investigations,
            "expected_by_now": r.expected_by_now,
            "registered": r.registered,
            "indicted": r.indicted,
            "conviction_requested": r.conviction_requested,
            "judged": r.judged,
            "dismissed": r.dismissed,
        }

    return JsonResponse(
        {
            "year": board.year,
            "until": board.until.isoformat(),
            "default_target": {"value": board.default.value, "tag": board.default.tag},
            "offices": [row(r) for r in board.offices],
            "national": row(board.national),
        }
    )
