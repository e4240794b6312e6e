"""The case file page: its sections, decisions (from the registry) and operations, and the
one URL that runs an operation."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from nrm.access.context import Actor
from nrm.core import clock
from nrm.core.errors import Conflict, DomainError, NotFound, PermissionDenied, http_status_for
from nrm.core.http import actor_view, form_error, no_store
from nrm.prosecution import config, forms, permissions, queries, workflow
from nrm.prosecution.models import (
    CaseFile,
    QualificationSnapshot,
)
from nrm.prosecution.views._common import (
    COURT,
    OFFICE,
    OFFICE_OR_COURT,
    WORKERS,
    Operation,
    R,
)
from nrm.prosecution.views.assets import (
    _allocate,
    _back_pay,
    _back_pay_decide,
    _back_pay_exempt,
    _civil_claim,
    _civil_claim_decide,
    _civil_party,
    _confiscate,
    _freeze,
    _release,
    _state_fund,
    _state_fund_decide,
)
from nrm.prosecution.views.cases import (
    _assign,
    _company,
    _evidence,
    _hearing,
    _hearing_cancel,
    _inspection,
    _suspect,
    _unassign,
    _victim,
)
from nrm.prosecution.views.qualification import _charge, _charge_withdraw, _present
from nrm.prosecution.views.statements import _statement
from nrm.prosecution.vocab import CaseStatus

L = gettext_lazy
OPERATIONS: dict[str, Operation] = {
    "assign": Operation(forms.AssignForm, OFFICE, _assign, L("Assigned."), "team"),
    "unassign": Operation(forms.TargetForm, OFFICE, _unassign, L("Assignment ended."), "team"),
    "victim": Operation(forms.VictimForm, OFFICE, _victim, L("Victim named."), "parties"),
    "suspect": Operation(forms.SuspectForm, OFFICE, _suspect, L("Suspect named."), "parties"),
    "company": Operation(forms.CompanyLinkForm, OFFICE, _company, L("Company linked."), "parties"),
    "inspection": Operation(
        forms.InspectionLinkForm, WORKERS, _inspection, L("Inspection linked."), "evidence"
    ),
    "evidence": Operation(
        forms.EvidenceLinkForm, WORKERS, _evidence, L("Evidence linked."), "evidence"
    ),
    "charge": Operation(forms.ChargeForm, OFFICE, _charge, L("Charge added."), "charges"),
    "charge_withdraw": Operation(
        forms.TargetForm, OFFICE, _charge_withdraw, L("Charge withdrawn."), "charges"
    ),
    "hearing": Operation(
        forms.HearingForm, OFFICE_OR_COURT, _hearing, L("Hearing scheduled."), "hearings"
    ),
    "hearing_cancel": Operation(
        forms.TargetForm, OFFICE_OR_COURT, _hearing_cancel, L("Hearing cancelled."), "hearings"
    ),
    "freeze": Operation(forms.AssetFreezeForm, OFFICE, _freeze, L("Asset frozen."), "assets"),
    "release": Operation(
        forms.AssetReleaseForm, OFFICE_OR_COURT, _release, L("Asset released."), "assets"
    ),
    "confiscate": Operation(
        forms.AssetConfiscateForm, COURT, _confiscate, L("Confiscation recorded."), "assets"
    ),
    "allocate": Operation(
        forms.AllocationForm, COURT, _allocate, L("Allocation recorded."), "assets"
    ),
    "civil_party": Operation(
        forms.CivilPartyForm, OFFICE_OR_COURT, _civil_party, L("Civil party recorded."), "claims"
    ),
    "civil_claim": Operation(
        forms.CivilClaimForm, OFFICE_OR_COURT, _civil_claim, L("Civil claim recorded."), "claims"
    ),
    "civil_claim_decide": Operation(
        forms.CivilClaimDecideForm, COURT, _civil_claim_decide, L("Decision recorded."), "claims"
    ),
    "back_pay": Operation(
        forms.BackPayForm, WORKERS, _back_pay, L("Back-pay claim recorded."), "back-pay"
    ),
    "back_pay_decide": Operation(
        forms.BackPayDecideForm, WORKERS, _back_pay_decide, L("Outcome recorded."), "back-pay"
    ),
    "back_pay_exempt": Operation(
        forms.TargetForm, WORKERS, _back_pay_exempt, L("Exemption recorded."), "back-pay"
    ),
    "state_fund": Operation(
        forms.StateFundForm, OFFICE, _state_fund, L("Application recorded."), "state-fund"
    ),
    "state_fund_decide": Operation(
        forms.StateFundDecideForm, OFFICE, _state_fund_decide, L("Outcome recorded."), "state-fund"
    ),
    "statement": Operation(
        forms.StatementForm, WORKERS, _statement, L("Statement recorded."), "statements"
    ),
}


def _operation_forms(case: CaseFile, bound: dict[str, forms.CaseForm]) -> dict[str, Any]:
    today = clock.today()
    result: dict[str, Any] = {}
    for name, operation in OPERATIONS.items():
        if name in bound:
            result[name] = bound[name]
        elif operation.form not in (
            forms.TargetForm,
            forms.AssetReleaseForm,
            forms.AssetConfiscateForm,
            forms.CivilClaimDecideForm,
            forms.BackPayDecideForm,
            forms.StateFundDecideForm,
        ):
            initial = dict.fromkeys(
                ("frozen_on", "joined_on", "filed_on", "taken_on", "allocated_on"), today
            )
            result[name] = operation.form(initial=initial, case=case, prefix=name)
    return result


def _render_case(
    request: HttpRequest,
    actor: Actor,
    case: CaseFile,
    *,
    bound_decision: dict[str, BaseForm] | None = None,
    bound_operation: dict[str, forms.CaseForm] | None = None,
    error: str = "",
    open_section: str = "",
    status: int = 200,
) -> HttpResponse:
    view = queries.case_view(actor, case)
    availability = workflow.available_transitions(case, actor)
    decision_forms = workflow.DECISIONS.forms(case, bound_decision)
    context = {
        "view": view,
        "case": case,
        "is_office": view.relation == R.OFFICE,
        "is_court": view.relation == R.COURT,
        "is_investigator": view.relation == R.INVESTIGATOR,
        # The decisions the actor's party takes: allowed now, or refused with the reason.
        "decision_cards": [
            (a.transition, a, decision_forms[a.name])
            for a in availability
            if a.refusal is not PermissionDenied
        ],
        "table": _table_rows(),
        "state_fund_conditions": config.STATE_FUND_CONDITIONS,
        "forms": _operation_forms(case, bound_operation or {}),
        "error": error,
        "open_section": open_section,
        "today": clock.today(),
        "appeal_days": config.appeal_period().value,
        "latest_qualification": _latest_qualification(view.snapshots),
    }
    return no_store(render(request, "prosecution/detail.html", context, status=status))


def _latest_qualification(snapshots: list[QualificationSnapshot]) -> list[dict[str, Any]]:
    """The latest qualification under the installation's law, with its penalty as lawyers
    write it, for the charges section of the case page."""
    if not snapshots:
        return []
    latest = snapshots[0]
    victims = latest.facts.get("number_of_victims") if isinstance(latest.facts, dict) else None
    columns = _present(latest.result, victims if isinstance(victims, int) else None)
    return [c for c in columns if c.get("jurisdiction") == settings.NRM_JURISDICTION]


def _table_rows() -> list[dict[str, Any]]:
    """The transition table as the page shows it (labels, not codes)."""
    labels = dict(CaseStatus.choices)
    parties = {
        workflow.Party.OFFICE: _("Assigned prosecutor of the office (prosecution office)"),
        workflow.Party.COURT: _("Judge of the court seised (court)"),
    }
    return [
        {
            "label": t.label,
            "sources": [labels[s] for s in CaseStatus.values if s in t.sources],
            "target": labels[t.target] if t.target else _("unchanged"),
            "taken_by": [parties[workflow.Party(p)] for p in sorted(t.parties)],
            "basis": t.legal_basis,
        }
        for t in workflow.DECISIONS
    ]


@actor_view
def case_detail(request: HttpRequest, actor: Actor, reference: str) -> HttpResponse:
    case = queries.case_get_for_actor(actor, reference, action="case_view")
    return _render_case(request, actor, case)


@require_POST
@actor_view
def case_do(request: HttpRequest, actor: Actor, reference: str, name: str) -> HttpResponse:
    case = queries.case_get_for_actor(actor, reference, action="case_update_view")
    operation = OPERATIONS.get(name)
    if operation is None:
        raise NotFound(_("No such operation."))
    if permissions.relation(actor, case) not in operation.relations:
        raise PermissionDenied(_("Your part in this case does not allow this."))
    form = operation.form(request.POST, case=case, prefix=name)
    if not form.is_valid():
        # Forms on one record of a list (an asset, a claim) show their errors at the top.
        inline = issubclass(operation.form, forms.TargetForm)
        return _render_case(
            request,
            actor,
            case,
            bound_operation={} if inline else {name: form},
            error=" ".join(str(e) for errors in form.errors.values() for e in errors)
            if inline
            else "",
            open_section=operation.section,
            status=400,
        )
    try:
        operation.run(actor, case, form.cleaned_data)
    except PermissionDenied:
        raise
    except DomainError as exc:
        if isinstance(exc, Conflict | NotFound):
            if isinstance(exc, NotFound):
                raise
            return _render_case(
                request, actor, case, error=exc.message, open_section=operation.section, status=409
            )
        if issubclass(operation.form, forms.TargetForm):
            return _render_case(
                request,
                actor,
                case,
                error=exc.message,
                open_section=operation.section,
                status=http_status_for(exc),
            )
        status = form_error(form, exc)
        return _render_case(
            request,
            actor,
            case,
            bound_operation={name: form},
            open_section=operation.section,
            status=status,
        )
    messages.success(request, str(operation.done))
    return redirect(reverse("prosecution:detail", args=[case.reference]) + f"#{operation.section}")
