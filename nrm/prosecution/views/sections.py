"""The case page's sections, each loaded on its own (issue 17: the page shell is small; a
section is read when the user opens it, and after an action only its section is sent back).

A `Section` names its anchor, its title, the partial that shows it and the function that
reads what it shows: that function runs the section's own queries and builds only the
forms the actor's part in the case lets them use. The operations that are not steps of a
workflow (naming a victim, freezing an asset...) are the `OPERATIONS` table; the steps of
the assets' and claims' workflows come from their registries (`workflow.ASSETS`, ...).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django import forms as django_forms
from django.conf import settings
from django.forms import BaseForm
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nrm.access.context import Actor
from nrm.core import clock
from nrm.core.errors import PermissionDenied
from nrm.core.workflow import Availability, Transition, Workflow
from nrm.prosecution import config, forms, permissions, queries, workflow
from nrm.prosecution.models import (
    Asset,
    BackPayClaim,
    CaseFile,
    CivilClaim,
    QualificationSnapshot,
    StateFundApplication,
)
from nrm.prosecution.money import ZERO
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
    _back_pay_exempt,
    _civil_claim,
    _civil_party,
    _freeze,
    _state_fund,
)
from nrm.prosecution.views.cases import (
    _assign,
    _company,
    _evidence,
    _hearing,
    _hearing_cancel,
    _inspection,
    _proposals,
    _suspect,
    _unassign,
    _victim,
)
from nrm.prosecution.views.qualification import _charge, _charge_withdraw, _present
from nrm.prosecution.views.statements import _statement
from nrm.prosecution.vocab import AssetStatus, CaseStatus

L = gettext_lazy
OPERATIONS: dict[str, Operation] = {
    "assign": Operation(forms.AssignForm, OFFICE, _assign, L("Assigned."), "team"),
    "unassign": Operation(forms.TargetForm, OFFICE, _unassign, L("Assignment ended."), "team"),
    "victim": Operation(forms.VictimForm, OFFICE, _victim, L("Victim named."), "parties"),
    "suspect": Operation(forms.SuspectForm, OFFICE, _suspect, L("Suspect named."), "parties"),
    "company": Operation(forms.CompanyLinkForm, OFFICE, _company, L("Company linked."), "parties"),
    "proposals": Operation(
        forms.ProposalsForm, OFFICE, _proposals, L("Proposals decided."), "proposals"
    ),
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
    "allocate": Operation(
        forms.AllocationForm, COURT, _allocate, L("Allocation recorded."), "assets"
    ),
    "civil_party": Operation(
        forms.CivilPartyForm, OFFICE_OR_COURT, _civil_party, L("Civil party recorded."), "claims"
    ),
    "civil_claim": Operation(
        forms.CivilClaimForm, OFFICE_OR_COURT, _civil_claim, L("Civil claim recorded."), "claims"
    ),
    "back_pay": Operation(
        forms.BackPayForm, WORKERS, _back_pay, L("Back-pay claim recorded."), "back-pay"
    ),
    "back_pay_exempt": Operation(
        forms.TargetForm, WORKERS, _back_pay_exempt, L("Exemption recorded."), "back-pay"
    ),
    "state_fund": Operation(
        forms.StateFundForm, OFFICE, _state_fund, L("Application recorded."), "state-fund"
    ),
    "statement": Operation(
        forms.StatementForm, WORKERS, _statement, L("Statement recorded."), "statements"
    ),
}


@dataclass(frozen=True)
class RecordWorkflow:
    """A workflow of records of a case (assets, claims) as the page shows it."""

    registry: Workflow[Any, workflow.OnCase]
    model: type[Asset | CivilClaim | BackPayClaim | StateFundApplication]
    section: str


# The URL names the workflow by its registry's name.
RECORD_WORKFLOWS: dict[str, RecordWorkflow] = {
    w.registry.name: w
    for w in (
        RecordWorkflow(workflow.ASSETS, Asset, "assets"),
        RecordWorkflow(workflow.CIVIL_CLAIMS, CivilClaim, "claims"),
        RecordWorkflow(workflow.BACK_PAY_CLAIMS, BackPayClaim, "back-pay"),
        RecordWorkflow(workflow.STATE_FUND_APPLICATIONS, StateFundApplication, "state-fund"),
    )
}

# A form kept as the actor filled it in: an operation's by name, a decision's by name, a
# record's step by (workflow, record id, transition).
RecordKey = tuple[str, int, str]


@dataclass
class Bound:
    operations: Mapping[str, forms.CaseForm] = field(default_factory=dict)
    decisions: Mapping[str, BaseForm] = field(default_factory=dict)
    records: Mapping[RecordKey, BaseForm] = field(default_factory=dict)


@dataclass(frozen=True)
class Reader:
    """What a section's reader gets: who reads which case, and the forms to keep."""

    actor: Actor
    case: CaseFile
    relation: R
    bound: Bound


@dataclass(frozen=True)
class Section:
    name: str
    title: Promise
    read: Callable[[Reader], dict[str, Any]]
    shown_to: frozenset[R] = frozenset({R.OFFICE, R.COURT, R.INVESTIGATOR})

    @property
    def partial(self) -> str:
        return f"prosecution/case_sections.html#{self.name.replace('-', '_')}"


# Forms --------------------------------------------------------------------------------------


def _with_today(form_class: type[django_forms.Form]) -> dict[str, Any]:
    """Today in the form's date fields (not its date-and-time fields)."""
    today = clock.today()
    return {
        name: today
        for name, f in form_class.base_fields.items()
        if isinstance(f, django_forms.DateField) and not isinstance(f, django_forms.DateTimeField)
    }


def operation_forms(reader: Reader, section: str) -> dict[str, forms.CaseForm]:
    """The forms of the section's operations that the actor's part lets them use (forms on
    one record of a list, `TargetForm`, are written in the template)."""
    result: dict[str, forms.CaseForm] = {}
    for name, operation in OPERATIONS.items():
        if operation.section != section or reader.relation not in operation.relations:
            continue
        if name in reader.bound.operations:
            result[name] = reader.bound.operations[name]
        elif operation.form is not forms.TargetForm:
            initial = _with_today(operation.form)
            result[name] = operation.form(initial=initial, case=reader.case, prefix=name)
    return result


@dataclass(frozen=True)
class Step:
    """One step of a record's workflow on the page: allowed with its form, or its reason."""

    availability: Availability[Transition]
    form: BaseForm | None
    url: str

    @property
    def transition(self) -> Transition:
        return self.availability.transition


@dataclass(frozen=True)
class RecordRow:
    """A record of a list (an asset, a claim) with the steps its workflow offers the actor,
    and the list's own row (a claim's allocated amount) as `extra`."""

    record: Any
    steps: list[Step]
    extra: Any = None


def record_rows(reader: Reader, kind: RecordWorkflow, records: Iterable[Any]) -> list[RecordRow]:
    """Each record with the steps the actor's party takes on it: allowed, with its form, or
    refused by a guard, with the reason (a step the record's state rules out is not shown:
    the state says it). One context for the whole case, so the guards read the case once."""
    registry = kind.registry
    on = workflow.OnCase(reader.case, reader.relation)
    rows = []
    for item in records:
        record = getattr(item, "claim", item)
        # The case is the one read: its forms choose in it without reading it again.
        record.case = reader.case
        status = registry.status_of(record)
        steps = []
        for transition in registry.transitions:
            if status not in transition.sources:
                continue
            availability = registry.check(transition, record, reader.actor, on)
            if availability.refusal is PermissionDenied:
                continue
            form = None
            if availability.allowed:
                key = (registry.name, record.pk, transition.name)
                form = reader.bound.records.get(key) or registry.bind(transition, record)
                # Several records show the same step: their fields need ids of their own.
                form.auto_id = f"{registry.name}-{record.pk}-%s"
            url = reverse(
                "prosecution:record",
                args=[reader.case.reference, registry.name, record.pk, transition.name],
            )
            steps.append(Step(availability, form, url))
        rows.append(RecordRow(record, steps, item))
    return rows


# The sections -------------------------------------------------------------------------------


def read_decisions(reader: Reader) -> dict[str, Any]:
    case = reader.case
    cards = []
    for availability in workflow.available_transitions(case, reader.actor):
        if availability.refusal is PermissionDenied:
            continue
        transition = availability.transition
        form = None
        if availability.allowed:
            form = reader.bound.decisions.get(transition.name) or workflow.DECISIONS.bind(
                transition, case
            )
        cards.append((transition, availability, form))
    return {
        "decisions": queries.case_decisions(case),
        "decision_cards": cards,
        "table": _table_rows(),
        "appeal_days": config.appeal_period().value,
    }


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


def read_team(reader: Reader) -> dict[str, Any]:
    return {
        "assignments": queries.case_assignments(reader.case),
        "forms": operation_forms(reader, "team"),
    }


def read_parties(reader: Reader) -> dict[str, Any]:
    victims = queries.case_victims(reader.case)
    suspects = queries.case_suspects(reader.case)
    persons = [v.person for v in victims] + [
        row.suspect.person for row in suspects if row.suspect.person is not None
    ]
    return {
        "victims": victims,
        "suspects": suspects,
        "companies": queries.case_companies(reader.case),
        "names": queries.names_shown_to(reader.actor, persons),
        "forms": operation_forms(reader, "parties"),
    }


def read_proposals(reader: Reader) -> dict[str, Any]:
    proposals = queries.case_proposals(reader.case)
    persons = [p.person for p in proposals if p.person is not None]
    return {
        "proposals": proposals,
        "names": queries.names_shown_to(reader.actor, persons),
        "forms": operation_forms(reader, "proposals"),
    }


def read_charges(reader: Reader) -> dict[str, Any]:
    snapshots = queries.case_snapshots(reader.case)
    return {
        "snapshots": snapshots,
        "latest_qualification": _latest_qualification(snapshots),
        "suspects": queries.case_suspects(reader.case),
        "forms": operation_forms(reader, "charges"),
    }


def _latest_qualification(snapshots: list[QualificationSnapshot]) -> list[dict[str, Any]]:
    """The latest qualification under the installation's law, with its penalty as lawyers
    write it, for the charges section of the case page."""
    if not snapshots:
        return []
    latest = snapshots[0]
    victims = latest.facts.get("number_of_victims") if isinstance(latest.facts, dict) else None
    columns = _present(latest.result, victims if isinstance(victims, int) else None)
    return [c for c in columns if c.get("jurisdiction") == settings.NRM_JURISDICTION]


def read_evidence(reader: Reader) -> dict[str, Any]:
    return {
        "inspections": queries.case_inspections(reader.case),
        "evidence": queries.case_evidence(reader.case),
        "forms": operation_forms(reader, "evidence"),
    }


def read_hearings(reader: Reader) -> dict[str, Any]:
    return {
        "hearings": queries.case_hearings(reader.case),
        "forms": operation_forms(reader, "hearings"),
    }


def read_assets(reader: Reader) -> dict[str, Any]:
    assets = queries.case_assets(reader.case)
    allocations = queries.case_allocations(reader.case)
    confiscated = queries.confiscated_of(assets)
    allocated = sum((a.amount_eur for a in allocations), ZERO)
    return {
        "assets": record_rows(reader, RECORD_WORKFLOWS["asset"], assets),
        "allocations": allocations,
        "totals": {
            "frozen": sum((a.value_eur for a in assets if a.status == AssetStatus.FROZEN), ZERO),
            "confiscated": confiscated,
            "allocated": allocated,
            "remaining": confiscated - allocated,
        },
        "forms": operation_forms(reader, "assets"),
    }


def read_claims(reader: Reader) -> dict[str, Any]:
    claims = queries.case_civil_claims(reader.case, queries.case_allocations(reader.case))
    return {
        "civil_parties": queries.case_civil_parties(reader.case),
        "civil_claims": record_rows(reader, RECORD_WORKFLOWS["civil_claim"], claims),
        "forms": operation_forms(reader, "claims"),
    }


def read_back_pay(reader: Reader) -> dict[str, Any]:
    claims = queries.case_back_pay(reader.case, queries.case_allocations(reader.case))
    return {
        "back_pay": record_rows(reader, RECORD_WORKFLOWS["back_pay_claim"], claims),
        "rules": queries.case_rules(),
        "forms": operation_forms(reader, "back-pay"),
    }


def read_state_fund(reader: Reader) -> dict[str, Any]:
    applications = queries.case_state_fund(reader.case)
    return {
        "state_fund": record_rows(reader, RECORD_WORKFLOWS["state_fund_application"], applications),
        "state_fund_conditions": config.STATE_FUND_CONDITIONS,
        "rules": queries.case_rules(),
        "forms": operation_forms(reader, "state-fund"),
    }


def read_statements(reader: Reader) -> dict[str, Any]:
    return {
        "statements": queries.case_statements(reader.case, reader.relation),
        "forms": operation_forms(reader, "statements"),
    }


SECTIONS: dict[str, Section] = {
    s.name: s
    for s in (
        Section("decisions", L("Decisions"), read_decisions),
        Section("team", L("Assigned"), read_team),
        Section("parties", L("Victims, suspects and companies"), read_parties),
        # Only the prosecutor decides what becomes a victim, a suspect or evidence.
        Section(
            "proposals",
            L("Proposed by the linked inspections"),
            read_proposals,
            shown_to=frozenset({R.OFFICE}),
        ),
        Section("charges", L("Qualification and charges"), read_charges),
        Section("evidence", L("Inspections and evidence"), read_evidence),
        Section("hearings", L("Hearings"), read_hearings),
        Section("assets", L("Frozen assets and confiscation"), read_assets),
        Section("claims", L("Civil parties and claims"), read_claims),
        Section("back-pay", L("Back pay"), read_back_pay),
        Section("state-fund", L("State fund for victims of intentional violence"), read_state_fund),
        # Investigators record statements they cannot read back; the others read them.
        Section(
            "statements",
            L("Protected statements"),
            read_statements,
            shown_to=permissions.READS_STATEMENTS | {R.INVESTIGATOR},
        ),
    )
}
DEFAULT_SECTION = "decisions"


def section_context(section: Section, reader: Reader) -> dict[str, Any]:
    """What the section's partial shows, with the actor's part in the case."""
    return {
        "section": section,
        "case": reader.case,
        "is_office": reader.relation == R.OFFICE,
        "is_court": reader.relation == R.COURT,
        "is_investigator": reader.relation == R.INVESTIGATOR,
        "today": clock.today(),
        **section.read(reader),
    }
