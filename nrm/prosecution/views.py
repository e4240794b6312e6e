"""Criminal case file pages: the list, opening a file, the file itself with its decisions
(only those the actor may take, each with the reason it is or is not available), its parties,
qualification, assets and compensation; statements and their disclosure; the targets
dashboard; centres' procedural facts; local operational meetings.

Every form posts to one URL per decision or operation, answers 403 to those who see the file
but may not do this, 400 to bad input (the page comes back with the form and its errors),
409 when the file changed meanwhile or the state does not allow it, and redirects on success.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Model
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from nrm.access.context import Actor
from nrm.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from nrm.core.http import actor_view, form_error, htmx, no_store
from nrm.core.workflow import action_kwargs
from nrm.inspections.models import Evidence, Inspection
from nrm.organisations.models import Organisation
from nrm.people.actions import PersonData
from nrm.prosecution import actions, config, forms, permissions, queries, targets, workflow
from nrm.prosecution.charges import provision_citation
from nrm.prosecution.models import (
    Asset,
    BackPayClaim,
    BackPayDebtor,
    CaseAssignment,
    CaseFile,
    Charge,
    CivilClaim,
    Hearing,
    ProtectedStatement,
    QualificationSnapshot,
    StateFundApplication,
)
from nrm.prosecution.penalties import penalty_text
from nrm.prosecution.permissions import Relation
from nrm.prosecution.vocab import CaseStatus
from nrm.qualification.forms import field_for
from nrm.qualification.labels import ELEMENT_STATUSES, ELEMENTS, JURISDICTION_NAMES, RESULTS, TAGS

PAGE_SIZE = 50
R = Relation
OFFICE = frozenset({R.OFFICE})
COURT = frozenset({R.COURT})
OFFICE_OR_COURT = frozenset({R.OFFICE, R.COURT})
WORKERS = frozenset({R.OFFICE, R.INVESTIGATOR})


def _status_of(exc: DomainError) -> int:
    return exc.status


# The list and opening -------------------------------------------------------------------------


@actor_view
def case_list(request: HttpRequest, actor: Actor) -> HttpResponse:
    if permissions.case_scope(actor) is None:
        if permissions.may_read_procedural_facts(actor):
            return redirect("prosecution:procedural_facts")
        if permissions.may_view_case_targets(actor):
            return redirect("prosecution:targets")
        raise PermissionDenied(_("Your role does not work with criminal case files."))
    filters = forms.CaseFilterForm(request.GET or None)
    status = 200
    chosen = ""
    if filters.is_valid():
        chosen = filters.cleaned_data["status"]
    elif filters.is_bound:
        status = 400
    rows = queries.cases_listed(actor, status=chosen)
    if status == 400:
        rows = rows.none()
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    queries.cases_list_audited(actor, list(page), action="case_list")
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "cases": page,
        "filters": filters,
        "query": query.urlencode(),
        "may_open": permissions.is_prosecutor(actor),
        "may_view_targets": permissions.may_view_case_targets(actor),
        "may_meet": permissions.meeting_scope(actor) is not None,
    }
    template = "prosecution/list.html#table" if htmx(request) else "prosecution/list.html"
    return no_store(render(request, template, context, status=status))


@actor_view
def case_new(request: HttpRequest, actor: Actor) -> HttpResponse:
    if not permissions.is_prosecutor(actor):
        raise PermissionDenied(_("Only a prosecutor of a prosecution office opens case files."))
    form = forms.CaseOpenForm(request.POST or None, initial={"opened_on": timezone.localdate()})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            d = form.cleaned_data
            try:
                case = actions.case_file_open(
                    actor=actor,
                    title=d["title"],
                    exploitation_form=d["exploitation_form"],
                    opened_on=d["opened_on"],
                    summary=d["summary"],
                )
            except DomainError as exc:
                form_error(form, exc)
                status = exc.status
            else:
                messages.success(
                    request, _("Case file %(reference)s opened.") % {"reference": case.reference}
                )
                return redirect("prosecution:detail", reference=case.reference)
    return no_store(render(request, "prosecution/new.html", {"form": form}, status=status))


# The case page --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Operation:
    """A write on the case other than a decision: its form, who may use it, what it runs."""

    form: type[forms.CaseForm]
    relations: frozenset[Relation]
    run: Callable[[Actor, CaseFile, dict[str, Any]], object]
    done: Promise
    section: str


M = TypeVar("M", bound=Model)


def _in_case(model: type[M], owner: CaseFile, pk: int, **lookups: Any) -> M:
    """A record of this case file by id; 404 for another case's (or none)."""
    found = model._default_manager.filter(pk=pk, **lookups).first()
    if found is None or getattr(found, "case_id", owner.pk) != owner.pk:
        raise NotFound(_("No such record in this case file."))
    return found


def _assign(actor: Actor, case: CaseFile, d: dict[str, Any]) -> object:
    membership = d["membership"]
    role = "PROSECUTOR" if membership.organisation_id == case.office_id else "INVESTIGATOR"
    return actions.case_assignment_add(
        actor=actor,
        case=case,
        user=membership.user,
        organisation=membership.organisation,
        role=role,
    )


def _unassign(actor: Actor, case: CaseFile, d: dict[str, Any]) -> object:
    assignment = _in_case(CaseAssignment, case, d["target"])
    return actions.case_assignment_end(actor=actor, assignment=assignment)


def _victim(actor: Actor, case: CaseFile, d: dict[str, Any]) -> object:
    return actions.case_victim_add(actor=actor, case=case, person_reference=d["person"])


def _suspect(actor: Actor, case: CaseFile, d: dict[str, Any]) -> object:
    new_person = None
    if d["given_names"] or d["family_name"]:
        new_person = PersonData(
            given_names=d["given_names"],
            family_name=d["family_name"],
            nationalities=[d["nationality"]] if d["nationality"] else [],
            gender=d["gender"],
        )
    return actions.case_suspect_add(
        actor=actor,
        case=case,
        person_reference=d["person"],
        new_person=new_person,
        company=d["company"],
    )


def _company(actor: Actor, case: CaseFile, d: dict[str, Any]) -> object:
    return actions.case_company_link(
        actor=actor, case=case, company=d["company"], role=d["role"], worksite=d["worksite"]
    )


def _inspection(actor: Actor, case: CaseFile, d: dict[str, Any]) -> object:
    found = Inspection.objects.filter(reference=d["inspection"].strip().upper()).first()
    if found is None:
        raise DomainError(_("No such inspection."), field="inspection")
    return actions.case_inspection_link(actor=actor, case=case, inspection=found)


def _evidence(actor: Actor, case: CaseFile, d: dict[str, Any]) -> object:
    found = (
        Evidence.objects.select_related("inspection")
        .filter(reference=d["evidence"].strip().upper())
        .first()
    )
    if found is None:
        raise DomainError(_("No such evidence."), field="evidence")
    return actions.case_evidence_link(actor=actor, case=case, evidence=found)


def _charge(actor: Actor, case: CaseFile, d: dict[str, Any]) -> object:
    return actions.charge_add(
        actor=actor,
        case=case,
        suspect=d["suspect"],
        provision=d["provision"],
        description=d["description"],
        snapshot=d["snapshot"],
    )


def _charge_withdraw(actor: Actor, case: CaseFile, d: dict[str, Any]) -> object:
    return actions.charge_withdraw(actor=actor, charge=_in_case(Charge, case, d["target"]))


def _hearing(actor: Actor, case: CaseFile, d: dict[str, Any]) -> object:
    return actions.hearing_schedule(
        actor=actor, case=case, kind=d["kind"], starts_at=d["starts_at"], room=d["room"]
    )


def _hearing_cancel(actor: Actor, case: CaseFile, d: dict[str, Any]) -> object:
    return actions.hearing_cancel(actor=actor, hearing=_in_case(Hearing, case, d["target"]))


def _freeze(actor: Actor, case: CaseFile, d: dict[str, Any]) -> object:
    return actions.asset_freeze(
        actor=actor,
        case=case,
        kind=d["kind"],
        value_eur=d["value_eur"],
        frozen_on=d["frozen_on"],
        description=d["description"],
        owner=d["owner"],
    )


def _release(actor: Actor, case: CaseFile, d: dict[str, Any]) -> object:
    return actions.asset_release(
        actor=actor,
        asset=_in_case(Asset, case, d["target"]),
        expected_version=d["version"],
        released_on=d["released_on"],
        reason=d["reason"],
    )


def _confiscate(actor: Actor, case: CaseFile, d: dict[str, Any]) -> object:
    return actions.asset_confiscate(
        actor=actor,
        asset=_in_case(Asset, case, d["target"]),
        expected_version=d["version"],
        confiscated_on=d["confiscated_on"],
        confiscated_value_eur=d["confiscated_value_eur"],
    )


def _allocate(actor: Actor, case: CaseFile, d: dict[str, Any]) -> object:
    kind, _sep, pk = d["claim"].partition(":")
    civil = _in_case(CivilClaim, case, int(pk)) if kind == "civil" else None
    back_pay = _in_case(BackPayClaim, case, int(pk)) if kind == "backpay" else None
    return actions.allocation_make(
        actor=actor,
        case=case,
        amount_eur=d["amount_eur"],
        allocated_on=d["allocated_on"],
        civil_claim=civil,
        back_pay_claim=back_pay,
    )


def _civil_party(actor: Actor, case: CaseFile, d: dict[str, Any]) -> object:
    return actions.civil_party_join(
        actor=actor,
        case=case,
        kind=d["kind"],
        joined_on=d["joined_on"],
        victim=d["victim"],
        organisation=d["organisation"],
    )


def _civil_claim(actor: Actor, case: CaseFile, d: dict[str, Any]) -> object:
    return actions.civil_claim_file(
        actor=actor,
        civil_party=d["civil_party"],
        amount_claimed_eur=d["amount_claimed_eur"],
        filed_on=d["filed_on"],
        description=d["description"],
    )


def _civil_claim_decide(actor: Actor, case: CaseFile, d: dict[str, Any]) -> object:
    return actions.civil_claim_decide(
        actor=actor,
        claim=_in_case(CivilClaim, case, d["target"]),
        expected_version=d["version"],
        status=d["status"],
        decided_on=d["decided_on"],
        amount_awarded_eur=d["amount_awarded_eur"],
    )


def _back_pay(actor: Actor, case: CaseFile, d: dict[str, Any]) -> object:
    return actions.back_pay_claim_file(
        actor=actor,
        case=case,
        worker=d["worker"],
        route=d["route"],
        amount_claimed_eur=d["amount_claimed_eur"],
        filed_on=d["filed_on"],
        employer=d["employer"],
        worksite=d["worksite"],
        worked_from=d["worked_from"],
        worked_until=d["worked_until"],
        months_unpaid=d["months_unpaid"],
        worked_without_permit=forms.tristate(d["worked_without_permit"]),
    )


def _back_pay_decide(actor: Actor, case: CaseFile, d: dict[str, Any]) -> object:
    return actions.back_pay_claim_decide(
        actor=actor,
        claim=_in_case(BackPayClaim, case, d["target"]),
        expected_version=d["version"],
        status=d["status"],
        decided_on=d["decided_on"],
        amount_paid_eur=d["amount_paid_eur"],
    )


def _back_pay_exempt(actor: Actor, case: CaseFile, d: dict[str, Any]) -> object:
    debtor = _in_case(BackPayDebtor, case, d["target"], claim__case=case)
    return actions.back_pay_debtor_exempt(actor=actor, debtor=debtor)


def _state_fund(actor: Actor, case: CaseFile, d: dict[str, Any]) -> object:
    return actions.state_fund_application_file(
        actor=actor,
        case=case,
        victim=d["victim"],
        filed_on=d["filed_on"],
        amount_requested_eur=d["amount_requested_eur"],
        note=d["note"],
    )


def _state_fund_decide(actor: Actor, case: CaseFile, d: dict[str, Any]) -> object:
    return actions.state_fund_application_decide(
        actor=actor,
        application=_in_case(StateFundApplication, case, d["target"]),
        expected_version=d["version"],
        status=d["status"],
        decided_on=d["decided_on"],
        amount_granted_eur=d["amount_granted_eur"],
    )


def _statement(actor: Actor, case: CaseFile, d: dict[str, Any]) -> object:
    return actions.statement_record(
        actor=actor,
        case=case,
        victim=d["victim"],
        taken_on=d["taken_on"],
        text=d["text"],
        language=d["language"],
    )


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
    today = timezone.localdate()
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
        "today": timezone.localdate(),
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
def case_decide(request: HttpRequest, actor: Actor, reference: str, name: str) -> HttpResponse:
    case = queries.case_get_for_actor(actor, reference, action="case_decide_view")
    transition = workflow.DECISIONS.transition(name)
    workflow.DECISIONS.require_party(transition, case, actor)
    form = workflow.DECISIONS.bind(transition, case, request.POST)
    if not form.is_valid():
        return _render_case(
            request, actor, case, bound_decision={name: form}, open_section="decisions", status=400
        )
    try:
        workflow.DECISIONS.run(transition, case, actor=actor, **action_kwargs(form))
    except PermissionDenied:
        raise
    except DomainError as exc:
        case.refresh_from_db()
        if isinstance(exc, Conflict):
            return _render_case(
                request, actor, case, error=exc.message, open_section="decisions", status=409
            )
        form_error(form, exc)
        return _render_case(
            request,
            actor,
            case,
            bound_decision={name: form},
            open_section="decisions",
            status=exc.status,
        )
    messages.success(
        request, _("Decision recorded: %(decision)s.") % {"decision": transition.label}
    )
    return redirect(reverse("prosecution:detail", args=[case.reference]) + "#decisions")


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
                status=exc.status,
            )
        form_error(form, exc)
        return _render_case(
            request,
            actor,
            case,
            bound_operation={name: form},
            open_section=operation.section,
            status=exc.status,
        )
    messages.success(request, str(operation.done))
    return redirect(reverse("prosecution:detail", args=[case.reference]) + f"#{operation.section}")


# Qualification ----------------------------------------------------------------------------------


@actor_view
def case_qualify(request: HttpRequest, actor: Actor, reference: str) -> HttpResponse:
    case = queries.case_get_for_actor(actor, reference, action="case_qualify_view")
    if permissions.relation(actor, case) != R.OFFICE:
        raise PermissionDenied(_("Only the prosecutors assigned to this case do this."))
    form = forms.QualificationForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                snapshot = actions.qualification_snapshot_take(
                    actor=actor,
                    case=case,
                    facts=form.facts_document(),
                    jurisdictions=list(form.cleaned_data["jurisdictions"]),
                    note=form.cleaned_data["note"],
                )
            except DomainError as exc:
                form.add_error(field_for(exc.field or "") if exc.field else None, exc.message)
                status = exc.status
            else:
                messages.success(request, _("Qualification recorded."))
                return redirect("prosecution:snapshot", reference=case.reference, pk=snapshot.pk)
    context = {"case": case, "form": form}
    return no_store(render(request, "prosecution/qualify.html", context, status=status))


def _role_label(role: object) -> str:
    """Which ruleset governs (CONTRACTS.md §1): a result from a law not in force for the
    acts is never shown as the answer."""
    if role == "LEX_MITIOR_COMPARISON":
        return _(
            "For comparison only: the acts span a change of the law; the court applies the "
            "more lenient one."
        )
    if role == "REFERENCE":
        return _("Reference only: this law was not in force for these acts.")
    return ""


def _present(document: dict[str, Any], victims: int | None = None) -> list[dict[str, Any]]:
    """The stored result document (CONTRACTS.md §1) with labels for the page: provisions
    as lawyers cite them, penalties in years and months; the explanation sentences stay in
    the language they were recorded in."""
    columns = []
    for result in document.get("results", []):
        if not isinstance(result, dict):
            continue
        penalty = penalty_text(result.get("penalty"), victims)
        if penalty is not None and isinstance(result.get("unverified"), list):
            penalty.unverified = [*penalty.unverified, *map(str, result["unverified"])]
        columns.append(
            {
                **result,
                "citation": provision_citation(str(result.get("provision", ""))),
                "role_label": _role_label(result.get("role")),
                "penalty_text": penalty,
                "aggravating_rows": [
                    {**a, "citation": provision_citation(str(a.get("provision", "")))}
                    for a in result.get("aggravating") or []
                    if isinstance(a, dict)
                ],
                "fallback_rows": [
                    {
                        **f,
                        "citation": provision_citation(str(f.get("provision", ""))),
                        "penalty_text": penalty_text(f.get("penalty"), victims),
                    }
                    for f in result.get("fallback_offences") or []
                    if isinstance(f, dict)
                ],
                "name": JURISDICTION_NAMES.get(result.get("jurisdiction", ""), ""),
                "result_label": RESULTS.get(result.get("result", ""), result.get("result")),
                "element_rows": [
                    {"name": ELEMENTS.get(k, k), "status": v, "label": ELEMENT_STATUSES.get(v, v)}
                    for k, v in (result.get("elements") or {}).items()
                ],
                "source_rows": [
                    {**source, "tag_label": TAGS.get(source.get("tag", ""), "")}
                    for source in result.get("sources") or []
                    if isinstance(source, dict)
                ],
            }
        )
    return columns


@actor_view
def snapshot_detail(request: HttpRequest, actor: Actor, reference: str, pk: int) -> HttpResponse:
    case = queries.case_get_for_actor(actor, reference, action="qualification_view")
    snapshot = queries.snapshot_get(case, pk)
    victims = snapshot.facts.get("number_of_victims") if isinstance(snapshot.facts, dict) else None
    columns = _present(snapshot.result, victims if isinstance(victims, int) else None)
    context = {"case": case, "snapshot": snapshot, "columns": columns}
    return no_store(render(request, "prosecution/snapshot.html", context))


@actor_view
def case_evidence_download(
    request: HttpRequest, actor: Actor, reference: str, evidence: str
) -> HttpResponse:
    case = queries.case_get_for_actor(actor, reference, action="case_evidence_view")
    found = queries.case_evidence_file(actor, case, evidence)
    response = HttpResponse(found.data, content_type=found.evidence.content_type)
    disposition = "inline" if found.evidence.content_type.startswith("image/") else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{found.filename}"'
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    return no_store(response)


# Statements and disclosure ----------------------------------------------------------------------


def _render_statement(
    request: HttpRequest,
    actor: Actor,
    statement: ProtectedStatement,
    *,
    form: forms.DisclosureForm | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    case = statement.case
    context = {
        "statement": statement,
        "case": case,
        "disclosures": queries.disclosures_of(statement),
        "form": form
        or forms.DisclosureForm(case=case, initial={"decided_on": timezone.localdate()}),
        "is_court": permissions.relation(actor, case) == R.COURT,
        "error": error,
        "today": timezone.localdate(),
    }
    return no_store(render(request, "prosecution/statement.html", context, status=status))


@actor_view
def statement_detail(request: HttpRequest, actor: Actor, reference: str) -> HttpResponse:
    statement = queries.statement_get_for_actor(actor, reference, action="statement_view")
    if request.method != "POST":
        return _render_statement(request, actor, statement)
    if permissions.relation(actor, statement.case) != R.COURT:
        raise PermissionDenied(_("Only a judge of the court seised does this."))
    form = forms.DisclosureForm(request.POST, case=statement.case)
    if not form.is_valid():
        return _render_statement(request, actor, statement, form=form, status=400)
    d = form.cleaned_data
    try:
        actions.disclosure_decide(
            actor=actor,
            statement=statement,
            outcome=d["outcome"],
            decided_on=d["decided_on"],
            scope=d["scope"],
            redacted_text=d["redacted_text"],
            conditions=d["conditions"],
            questioning_allowed=d["questioning_allowed"],
            defence_of=d["defence_of"],
            recipient=d["recipient"],
            valid_until=d["valid_until"],
        )
    except PermissionDenied:
        raise
    except DomainError as exc:
        form_error(form, exc)
        return _render_statement(request, actor, statement, form=form, status=exc.status)
    messages.success(request, _("Disclosure decision recorded."))
    return redirect("prosecution:statement", reference=statement.reference)


@require_POST
@actor_view
def disclosure_export_view(request: HttpRequest, actor: Actor, pk: int) -> HttpResponse:
    disclosure = queries.disclosure_get_for_actor(actor, pk)
    try:
        document = actions.disclosure_export(actor=actor, disclosure=disclosure)
    except Conflict as exc:
        return _render_statement(
            request, actor, disclosure.statement, error=exc.message, status=409
        )
    body = render_to_string("prosecution/disclosure_export.txt", {"d": document}, request=request)
    response = HttpResponse(body, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="disclosure-{document.statement_reference}.txt"'
    )
    return no_store(response)


@require_POST
@actor_view
def disclosure_revoke_view(request: HttpRequest, actor: Actor, pk: int) -> HttpResponse:
    disclosure = queries.disclosure_get_for_actor(actor, pk)
    try:
        actions.disclosure_revoke(actor=actor, disclosure=disclosure)
    except Conflict as exc:
        return _render_statement(
            request, actor, disclosure.statement, error=exc.message, status=409
        )
    messages.success(request, _("Disclosure revoked."))
    return redirect("prosecution:statement", reference=disclosure.statement.reference)


# Targets ------------------------------------------------------------------------------------------


@actor_view
def case_targets(request: HttpRequest, actor: Actor) -> HttpResponse:
    today = timezone.localdate()
    year_form = forms.YearForm(request.GET or None)
    year = today.year
    if year_form.is_valid() and year_form.cleaned_data["year"]:
        year = year_form.cleaned_data["year"]
    may_set = permissions.may_set_case_targets(actor)
    form = forms.CaseTargetForm(request.POST or None, initial={"year": year})
    status = 200
    if request.method == "POST":
        if not may_set:
            raise PermissionDenied(_("Only the coordinating level sets case targets."))
        status = 400
        if form.is_valid():
            d = form.cleaned_data
            try:
                actions.case_target_set(
                    actor=actor, office=d["office"], year=d["year"], target=d["target"]
                )
            except DomainError as exc:
                form_error(form, exc)
            else:
                messages.success(request, _("Target saved."))
                return redirect(f"{reverse('prosecution:targets')}?year={d['year']}")
    board = targets.dashboard(actor, year=year, today=today)
    context = {"board": board, "form": form, "may_set": may_set, "year_form": year_form}
    return no_store(render(request, "prosecution/targets.html", context, status=status))


# Procedural facts (centres) ----------------------------------------------------------------------


@actor_view
def procedural_facts(request: HttpRequest, actor: Actor) -> HttpResponse:
    rows = queries.procedural_facts_list(actor)
    return no_store(render(request, "prosecution/procedural_list.html", {"rows": rows}))


@actor_view
def procedural_facts_person(request: HttpRequest, actor: Actor, reference: str) -> HttpResponse:
    person, cases = queries.procedural_facts_for_person(actor, reference)
    context = {"person": person, "cases": cases}
    return no_store(render(request, "prosecution/procedural_person.html", context))


# Meetings -----------------------------------------------------------------------------------------


@actor_view
def meeting_list(request: HttpRequest, actor: Actor) -> HttpResponse:
    if permissions.meeting_scope(actor) is None:
        raise PermissionDenied(_("Your role does not take part in local operational meetings."))
    page = Paginator(queries.meetings_listed(actor), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "meetings": page,
        "follow_ups": list(queries.follow_ups_due(actor)[:50]),
        "may_create": permissions.is_prosecutor(actor),
        "today": timezone.localdate(),
    }
    return no_store(render(request, "prosecution/meeting_list.html", context))


@actor_view
def meeting_new(request: HttpRequest, actor: Actor) -> HttpResponse:
    if not permissions.is_prosecutor(actor):
        raise PermissionDenied(_("Only a prosecutor calls a local operational meeting."))
    form = forms.MeetingForm(request.POST or None, initial={"held_on": timezone.localdate()})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            d = form.cleaned_data
            try:
                meeting = actions.meeting_create(
                    actor=actor,
                    held_on=d["held_on"],
                    title=d["title"],
                    location=d["location"],
                    participants=list(d["participants"]),
                    notes=d["notes"],
                )
            except DomainError as exc:
                form_error(form, exc)
            else:
                messages.success(request, _("Meeting recorded."))
                return redirect("prosecution:meeting", pk=meeting.pk)
    return no_store(render(request, "prosecution/meeting_new.html", {"form": form}, status=status))


def _meeting_organisations(meeting: Any) -> Any:
    return Organisation.objects.filter(
        pk__in=[meeting.office_id, *meeting.participants.values_list("pk", flat=True)]
    ).order_by("name")


@actor_view
def meeting_detail(request: HttpRequest, actor: Actor, pk: int) -> HttpResponse:
    meeting = queries.meeting_get_for_actor(actor, pk, action="meeting_view")
    is_office = permissions.is_prosecutor(actor) and actor.organisation_id == meeting.office_id
    cases = (
        queries.cases_visible_to(actor).filter(office_id=meeting.office_id).order_by("-opened_on")
    )
    item_form = forms.AgendaItemForm(cases=cases, prefix="item")
    follow_form = forms.FollowUpForm(
        organisations=_meeting_organisations(meeting),
        prefix="follow",
        initial={"due_on": meeting.held_on},
    )
    status = 200
    if request.method == "POST":
        if not is_office:
            raise PermissionDenied(
                _("Only the prosecutors of the office keep the meeting's record.")
            )
        which = request.POST.get("form")
        status = 400
        if which == "item":
            item_form = forms.AgendaItemForm(request.POST, cases=cases, prefix="item")
            if item_form.is_valid():
                d = item_form.cleaned_data
                try:
                    actions.agenda_item_add(
                        actor=actor,
                        meeting=meeting,
                        topic=d["topic"],
                        case=d["case"],
                        discussion=d["discussion"],
                        decision=d["decision"],
                    )
                except DomainError as exc:
                    form_error(item_form, exc)
                else:
                    messages.success(request, _("Agenda item added."))
                    return redirect("prosecution:meeting", pk=meeting.pk)
        elif which == "follow":
            follow_form = forms.FollowUpForm(
                request.POST, organisations=_meeting_organisations(meeting), prefix="follow"
            )
            if follow_form.is_valid():
                d = follow_form.cleaned_data
                item = meeting.agenda_items.filter(pk=d["item"]).first()
                if item is None:
                    raise NotFound(_("No such agenda item."))
                try:
                    actions.follow_up_add(
                        actor=actor,
                        agenda_item=item,
                        description=d["description"],
                        responsible=d["responsible"],
                        due_on=d["due_on"],
                    )
                except DomainError as exc:
                    form_error(follow_form, exc)
                else:
                    messages.success(request, _("Follow-up added."))
                    return redirect("prosecution:meeting", pk=meeting.pk)
    context = {
        "meeting": meeting,
        "participants": list(meeting.participants.order_by("name")),
        "agenda": queries.agenda_of(actor, meeting),
        "is_office": is_office,
        "item_form": item_form,
        "follow_form": follow_form,
        "today": timezone.localdate(),
    }
    return no_store(render(request, "prosecution/meeting_detail.html", context, status=status))


@require_POST
@actor_view
def follow_up_done(request: HttpRequest, actor: Actor, pk: int) -> HttpResponse:
    from nrm.prosecution.models import FollowUp

    follow_up = FollowUp.objects.select_related("agenda_item").filter(pk=pk).first()
    if follow_up is None:
        raise NotFound(_("No such follow-up."))
    try:
        actions.follow_up_complete(actor=actor, follow_up=follow_up)
    except Conflict as exc:
        return render(request, "prosecution/conflict.html", {"message": exc.message}, status=409)
    messages.success(request, _("Follow-up done."))
    return redirect("prosecution:meeting", pk=follow_up.agenda_item.meeting_id)
