"""What the pages and the API show of a pathway: labels in the reader's language, sources
with their verification tags, and which rules are product defaults.

The engine's sentences are marked for extraction in the pure core; they are translated
here, at the edge, with Django's gettext.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nrm import pathway
from nrm.protection.engine import config
from nrm.protection.models import (
    Deadline,
    DocumentRequest,
    Notification,
    NotificationKind,
    RequestStatus,
    StatusEvent,
)
from nrm.protection.queries import PathwayView
from nrm.protection.rules import may_read_evidence

_K = pathway.OrgKind
# Who takes a decision, in words. Denmark's immigration service and identification body
# have names of their own (RULES.md §6).
ORG_KIND_LABELS: dict[str, Any] = {
    _K.IMMIGRATION_OFFICE: gettext_lazy("Immigration office"),
    _K.SPECIALISED_CENTRE: gettext_lazy("Specialised centre"),
    _K.PROSECUTOR: gettext_lazy("Prosecutor or labour auditor"),
    _K.POLICE: gettext_lazy("Police"),
    _K.COURT: gettext_lazy("Court"),
    _K.IDENTIFICATION_BODY: gettext_lazy("Identification body"),
    _K.FRONTLINE: gettext_lazy("Frontline service"),
    _K.PERSON: gettext_lazy("The person, with the centre"),
}
ORG_KIND_LABELS_DK: dict[str, Any] = {
    _K.IMMIGRATION_OFFICE: gettext_lazy("Danish Immigration Service"),
    _K.IDENTIFICATION_BODY: gettext_lazy("Center against Human Trafficking (CMM)"),
}

_D = pathway.DeadlineKind
DEADLINE_LABELS: dict[str, Any] = {
    _D.REFLECTION_END: gettext_lazy("End of the reflection period"),
    _D.PROVISIONAL_DOCUMENT_EXPIRY: gettext_lazy("Expiry of the provisional document"),
    _D.TEMPORARY_PERMIT_EXPIRY: gettext_lazy("Expiry of the temporary permit"),
    _D.STATUS_REVIEW: gettext_lazy("Status review"),
    _D.PERMANENT_RESIDENCE_DECISION: gettext_lazy("Decision on permanent residence"),
    _D.REQUEST_DECISION: gettext_lazy("Decision on the centre's request"),
    _D.INVESTIGATION_PERMIT_EXPIRY: gettext_lazy(
        "Expiry of the residence permit for the investigation"
    ),
}


def document_label(document: str) -> str:
    return _(pathway.DOCUMENT_LABELS.get(document, document))


REQUEST_STATUS_LABELS = dict(RequestStatus.choices)

_T = pathway.Tag
TAG_LABELS: dict[str, Any] = {
    _T.V: gettext_lazy("verified"),
    _T.S: gettext_lazy("secondary source"),
    _T.K: gettext_lazy("unverified: known, source not retrieved"),
    _T.UNVERIFIED: gettext_lazy("unverified"),
}
# Rules a reader must not take for settled law (RULES.md §0).
WEAK_TAGS = frozenset({_T.K, _T.UNVERIFIED})


def org_kind_label(kind: str, jurisdiction: str) -> str:
    if jurisdiction == "DK" and kind in ORG_KIND_LABELS_DK:
        return str(ORG_KIND_LABELS_DK[kind])
    return str(ORG_KIND_LABELS.get(kind, kind))


def deadline_label(kind: str) -> str:
    return str(DEADLINE_LABELS.get(kind, kind))


def state_label(jurisdiction: str, state: str | None) -> str:
    if not state:
        return _("No status event recorded yet")
    return _(pathway.rules_for(jurisdiction).states.get(state, state))


def event_label(jurisdiction: str, event_type: str) -> str:
    return _(pathway.rules_for(jurisdiction).event_types.get(event_type, event_type))


@dataclass(frozen=True)
class SourceTag:
    key: str
    tag: str


@dataclass(frozen=True)
class Basis:
    """A legal basis as shown: the sentence, its sources and its weakest tag."""

    text: str
    sources: tuple[SourceTag, ...]
    tag: str
    tag_label: str
    weak: bool

    def as_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "sources": [{"key": s.key, "tag": s.tag} for s in self.sources],
            "tag": self.tag,
        }


def basis_of(legal_basis: pathway.LegalBasis) -> Basis:
    tag = legal_basis.tag
    return Basis(
        text=_(legal_basis.text),
        sources=tuple(SourceTag(s.key, str(s.tag)) for s in legal_basis.sources),
        tag=str(tag),
        tag_label=str(TAG_LABELS[tag]),
        weak=tag in WEAK_TAGS,
    )


@dataclass(frozen=True)
class PeriodSource:
    """Where a deadline's period comes from: a legal source, or a product default."""

    description: str
    sources: tuple[SourceTag, ...]
    product_default: bool


def period_source(setting: str) -> PeriodSource | None:
    known = pathway.SETTINGS.get(setting)
    if known is None:
        return None
    return PeriodSource(
        description=_(known.description),
        sources=tuple(SourceTag(s.key, str(s.tag)) for s in known.sources),
        product_default=known.product_default,
    )


@dataclass(frozen=True)
class HistoryRow:
    state: str
    state_label: str
    start: dt.date
    until: dt.date | None
    decided_by: str
    decided_by_label: str
    event_type: str
    basis: Basis
    # The minor's guardian during this step (RULES.md §3.6, "Minors").
    guardian: str = ""


@dataclass(frozen=True)
class EventRow:
    sequence: int
    event_type: str
    label: str
    on: dt.date
    organisation: str
    positive: bool | None
    days: int | None
    # None when the reader may not see it; `has_note` still says that evidence exists.
    note: str | None
    has_note: bool
    leads_to: str
    basis: Basis | None
    document: str = ""
    document_label: str = ""


@dataclass(frozen=True)
class DeadlineRow:
    id: int
    kind: str
    label: str
    due_on: dt.date
    overdue: bool
    due_today: bool
    responsible: str
    responsible_label: str
    organisation: str
    action: str
    period: PeriodSource | None


@dataclass(frozen=True)
class ChoiceRow:
    event_type: str
    label: str
    allowed: bool
    reason: str
    earlier_only: bool


@dataclass(frozen=True)
class LapseRow:
    start: dt.date
    until: dt.date
    document: str
    document_label: str


@dataclass(frozen=True)
class RequestRow:
    id: int
    document: str
    document_label: str
    requested_on: dt.date
    due_on: dt.date
    overdue: bool
    centre: str
    status: str
    status_label: str
    answered_on: dt.date | None


def request_row(request: DocumentRequest, today: dt.date) -> RequestRow:
    return RequestRow(
        id=request.pk,
        document=request.document,
        document_label=document_label(request.document),
        requested_on=request.requested_on,
        due_on=request.due_on,
        overdue=request.status == RequestStatus.OPEN and request.due_on < today,
        centre=str(request.centre),
        status=request.status,
        status_label=str(REQUEST_STATUS_LABELS.get(request.status, request.status)),
        answered_on=request.answered_on,
    )


@dataclass(frozen=True)
class PathwayDisplay:
    reference: str
    jurisdiction: str
    state: str | None
    state_label: str
    version: int
    unaccompanied_minor: bool
    has_legal_stay: bool
    age_at_identification: int | None
    history: list[HistoryRow]
    events: list[EventRow]
    deadlines: list[DeadlineRow]
    choices: list[ChoiceRow]
    rejected: list[str] = field(default_factory=list)
    right_to_work: bool | None = None
    right_to_work_basis: Basis | None = None
    lapses: list[LapseRow] = field(default_factory=list)
    guardian: str = ""
    guardian_since: dt.date | None = None
    reflection_note: str = ""
    requests: list[RequestRow] = field(default_factory=list)

    @property
    def has_events(self) -> bool:
        return bool(self.events)

    @property
    def allowed_choices(self) -> list[ChoiceRow]:
        return [c for c in self.choices if c.allowed]

    @property
    def refused_choices(self) -> list[ChoiceRow]:
        return [c for c in self.choices if not c.allowed]


def deadline_row(deadline: Deadline, jurisdiction: str, today: dt.date) -> DeadlineRow:
    return DeadlineRow(
        id=deadline.pk,
        kind=deadline.kind,
        label=deadline_label(deadline.kind),
        due_on=deadline.due_on,
        overdue=deadline.due_on < today,
        due_today=deadline.due_on == today,
        responsible=deadline.responsible_kind,
        responsible_label=org_kind_label(deadline.responsible_kind, jurisdiction),
        organisation=str(deadline.organisation) if deadline.organisation_id else "",
        action=_(deadline.action),
        period=period_source(deadline.setting) if deadline.setting else None,
    )


def _event_row(
    event: StatusEvent,
    rules: pathway.JurisdictionRules,
    person: pathway.Person,
    reader_organisation_id: int | None,
    reader_role: str,
) -> EventRow:
    rule = rules.rule(event.type)
    target = rule.target_for(person) if rule is not None else None
    readable = may_read_evidence(reader_organisation_id, reader_role, event.organisation_id)
    document = event.details.get("document") or ""
    return EventRow(
        document=document,
        document_label=document_label(document) if document else "",
        sequence=event.sequence,
        event_type=event.type,
        label=_(rules.event_types.get(event.type, event.type)),
        on=event.on,
        organisation=str(event.organisation),
        positive=event.details.get("positive"),
        days=event.details.get("days"),
        note=event.note if readable else None,
        has_note=bool(event.note),
        leads_to=_(rules.states[target]) if target else "",
        basis=basis_of(rule.legal_basis) if rule is not None else None,
    )


def pathway_display(
    view: PathwayView, *, reader_organisation_id: int | None, reader_role: str, today: dt.date
) -> PathwayDisplay:
    state = view.state
    jurisdiction = state.jurisdiction
    rules = pathway.rules_for(jurisdiction)
    work = pathway.right_to_work(state, config())
    guardians = view.guardians

    def guardian_on(until: dt.date | None) -> str:
        # The guardian appointed last before the end of the step.
        current = [g for g in guardians if until is None or g.appointed_on <= until]
        return current[-1].name if current else ""

    reflection_note = ""
    if jurisdiction == "BE" and (
        state.state == "REFLECTION" or state.first("REFLECTION_DOCUMENT_ISSUED") is not None
    ):
        reflection_note = _(
            pathway.REFLECTION_LAST_DAY_NOTE
            if config().be_reflection_includes_last_day
            else pathway.REFLECTION_LAST_DAY_EXCLUDED_NOTE
        )
    return PathwayDisplay(
        right_to_work=work.allowed,
        right_to_work_basis=basis_of(work.basis),
        lapses=[
            LapseRow(lapse.start, lapse.until, lapse.document, document_label(lapse.document))
            for lapse in state.lapses
        ],
        guardian=guardians[-1].name if guardians else "",
        guardian_since=guardians[-1].appointed_on if guardians else None,
        reflection_note=reflection_note,
        requests=[request_row(r, today) for r in view.requests],
        reference=view.person.reference,
        jurisdiction=jurisdiction,
        state=state.state,
        state_label=state_label(jurisdiction, state.state),
        version=view.version,
        unaccompanied_minor=state.person.unaccompanied_minor,
        has_legal_stay=state.person.has_legal_stay,
        age_at_identification=state.person.age_at_identification,
        history=[
            HistoryRow(
                state=entry.state,
                state_label=_(rules.states[entry.state]),
                start=entry.start,
                until=entry.until,
                decided_by=str(entry.decided_by),
                decided_by_label=org_kind_label(entry.decided_by, jurisdiction),
                event_type=entry.event_type,
                basis=basis_of(entry.legal_basis),
                guardian=guardian_on(entry.until),
            )
            for entry in state.history
        ],
        events=[
            _event_row(event, rules, state.person, reader_organisation_id, reader_role)
            for event in view.events
        ],
        deadlines=[deadline_row(d, jurisdiction, today) for d in view.deadlines],
        choices=[
            ChoiceRow(
                event_type=choice.event_type,
                label=_(rules.event_types[choice.event_type]),
                allowed=choice.allowed,
                reason=choice.reason,
                earlier_only=choice.earlier_only,
            )
            for choice in view.choices
        ],
        rejected=[rejected.reason.render(_) for rejected in state.rejected],
    )


def pathway_json(display: PathwayDisplay) -> dict[str, Any]:
    """The API's shape of a pathway (documented in nrm/api/openapi.py)."""
    return {
        "reference": display.reference,
        "jurisdiction": display.jurisdiction,
        "state": display.state,
        "state_label": display.state_label,
        "version": display.version,
        "facts": {
            "unaccompanied_minor": display.unaccompanied_minor,
            "has_legal_stay": display.has_legal_stay,
            "age_at_identification": display.age_at_identification,
        },
        "history": [
            {
                "state": row.state,
                "from": row.start.isoformat(),
                "until": row.until.isoformat() if row.until else None,
                "decided_by": row.decided_by,
                "event": row.event_type,
                "legal_basis": row.basis.as_json(),
            }
            for row in display.history
        ],
        "events": [
            {
                "sequence": row.sequence,
                "type": row.event_type,
                "date": row.on.isoformat(),
                "recorded_by": row.organisation,
                **({"positive": row.positive} if row.positive is not None else {}),
                **({"days": row.days} if row.days is not None else {}),
                **({"document": row.document} if row.document else {}),
                **({"note": row.note} if row.note else {}),
            }
            for row in display.events
        ],
        "deadlines": [
            {
                "kind": row.kind,
                "due": row.due_on.isoformat(),
                "overdue": row.overdue,
                "responsible": row.responsible,
                "organisation": row.organisation or None,
                "action": row.action,
                "product_default": row.period.product_default if row.period else False,
            }
            for row in display.deadlines
        ],
        "right_to_work": display.right_to_work,
        "right_to_work_basis": (
            display.right_to_work_basis.as_json() if display.right_to_work_basis else None
        ),
        "lapses": [
            {
                "from": row.start.isoformat(),
                "until": row.until.isoformat(),
                "document": row.document,
            }
            for row in display.lapses
        ],
        "guardian": (
            {"name": display.guardian, "appointed_on": display.guardian_since.isoformat()}
            if display.guardian and display.guardian_since
            else None
        ),
        "requests": [
            {
                "id": row.id,
                "document": row.document,
                "requested_on": row.requested_on.isoformat(),
                "decision_due": row.due_on.isoformat(),
                "overdue": row.overdue,
                "centre": row.centre,
                "status": row.status,
                "answered_on": row.answered_on.isoformat() if row.answered_on else None,
            }
            for row in display.requests
        ],
        "available_events": [
            {
                "type": row.event_type,
                "label": row.label,
                "allowed": row.allowed,
                **({"only_with_an_earlier_date": True} if row.earlier_only else {}),
                **({"reason": row.reason} if row.reason else {}),
            }
            for row in display.choices
        ],
    }


def notice_sentence(kind: str, params: dict[str, str]) -> str:
    """One notification as a sentence in the active language."""
    values = {
        "deadline": deadline_label(params.get("deadline", "")),
        "reference": params.get("reference", ""),
        "date": params.get("due_on", ""),
        # Never gettext(""): it returns the catalogue's header.
        "action": _(params["action"]) if params.get("action") else "",
    }
    if kind == NotificationKind.REMINDER:
        return (
            _("Reminder: %(deadline)s for %(reference)s falls due on %(date)s; %(action)s.")
            % values
        )
    return _("%(deadline)s for %(reference)s is due on %(date)s; %(action)s.") % values


def notification_text(notification: Notification) -> str:
    return notice_sentence(notification.kind, notification.params)
