"""Every read of identification decisions, with its access check and audit row."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from nrm.access.audit import audit_record
from nrm.access.context import Actor
from nrm.access.models import AuditEventType
from nrm.access.policy import Ability, decide_person, purpose_for
from nrm.core.errors import NotFound
from nrm.core.workflow import Availability, Transition
from nrm.identification.actions import legal_stay_of
from nrm.identification.models import DecisionStatus, IdentificationDecision
from nrm.identification.workflow import DECISIONS, competent_kinds, may_decide
from nrm.people.models import Person
from nrm.people.queries import person_get_for_actor
from nrm.protection.models import PathwayRecord


def identification_in_use() -> bool:
    """Whether this installation's pathway has a formal identification step (Denmark)."""
    return bool(competent_kinds(settings.NRM_JURISDICTION, legal_stay=False))


def may_read_reasons(actor: Actor, decision: IdentificationDecision) -> bool:
    """Product choice: the reasons are read by the deciding authority and the CMM, whose
    contact person explains them to the person; police and prosecution see the outcome."""
    organisation = actor.organisation
    if organisation is None:
        return False
    return organisation.pk == decision.body_id or may_decide(
        actor, settings.NRM_JURISDICTION, legal_stay=True
    )


@dataclass
class DecisionRow:
    decision: IdentificationDecision
    reasons_visible: bool
    transitions: list[Availability[Transition]] = field(default_factory=list)


@dataclass
class IdentificationView:
    person: Person
    legal_stay: bool
    has_pathway_events: bool
    rows: list[DecisionRow]
    current: DecisionRow | None
    may_decide: bool
    decide_reason: str


def identification_get_for_actor(actor: Actor, reference: str) -> IdentificationView:
    """The person's identification decisions, newest first, with what the actor may do.
    404 when the installation does not identify formally or the person is not visible."""
    if not identification_in_use():
        raise NotFound(_("No such page."))
    person = person_get_for_actor(actor, reference, action="identification_view")
    decisions = list(
        IdentificationDecision.objects.filter(person=person)
        .select_related("body", "decided_by", "reconsiders")
        .order_by("-decided_on", "-pk")
    )
    legal_stay = legal_stay_of(person)
    rows = [DecisionRow(decision=d, reasons_visible=may_read_reasons(actor, d)) for d in decisions]
    current = next((r for r in rows if r.decision.status != DecisionStatus.RECONSIDERED), None)
    if current is not None:
        current.transitions = DECISIONS.available(current.decision, actor)
    competent = may_decide(actor, settings.NRM_JURISDICTION, legal_stay)
    if current is not None:
        reason = _("A decision exists; a new one follows only a request for reconsideration.")
    elif not competent and legal_stay:
        reason = _("A person with legal stay is identified by the Center mod Menneskehandel.")
    elif not competent:
        reason = _("A person without legal stay is identified by the Danish Immigration Service.")
    else:
        reason = _("Your authority identifies this person.")
    return IdentificationView(
        person=person,
        legal_stay=legal_stay,
        has_pathway_events=PathwayRecord.objects.filter(
            person=person, events__isnull=False
        ).exists(),
        rows=rows,
        current=current,
        may_decide=competent and current is None,
        decide_reason=reason,
    )


def decision_get_for_actor(actor: Actor, decision_id: int) -> IdentificationDecision:
    """One decision for a write; 404 when missing or its person is not the actor's to see."""
    decision = (
        IdentificationDecision.objects.select_related("person", "body")
        .filter(pk=decision_id)
        .first()
    )
    if (
        decision is None
        or not decide_person(actor, decision.person_id, Ability.PERSON_VIEW).allowed
    ):
        raise NotFound(_("No such decision."))
    return decision


def decisions_to_handle(actor: Actor) -> QuerySet[IdentificationDecision]:
    """The actor's authority's decisions that await a step from it: the person still to
    inform, a reconsideration to decide."""
    return (
        IdentificationDecision.objects.filter(
            body_id=actor.organisation_id,
            status__in=[DecisionStatus.DECIDED, DecisionStatus.RECONSIDERATION_REQUESTED],
        )
        .select_related("person")
        .order_by("decided_on", "pk")
    )


def worklist_for_actor(actor: Actor) -> list[IdentificationDecision]:
    """The worklist, its read audited (references and outcomes only)."""
    if not identification_in_use() or actor.organisation is None:
        raise NotFound(_("No such page."))
    rows = list(decisions_to_handle(actor)[:200])
    if rows:
        audit_record(
            actor=actor,
            event_type=AuditEventType.READ,
            action="identification_worklist",
            record_type=IdentificationDecision._meta.label_lower,
            record_id="*",
            purpose=purpose_for(actor),
            changes={"decisions": [d.pk for d in rows]},
        )
    return rows
