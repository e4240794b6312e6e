"""The identification decision's workflow as one table, and who takes each step.

A decision is taken by the competent authority (`competent_kinds`: in Denmark the Danish
Immigration Service without legal stay, the CMM with legal stay); the same authority informs
the person and reconsiders a negative decision. The reconsideration is requested by the
person, recorded either by the deciding authority or by the organisation supporting them
(the CMM, its NGO partners, the municipality).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nrm import pathway
from nrm.access.audit import audit_record
from nrm.access.context import Actor
from nrm.access.models import AuditEventType
from nrm.access.policy import Ability, decide_person, purpose_for
from nrm.core.workflow import LegalBasis, Step, Transition, Workflow
from nrm.identification.models import DecisionEvent, DecisionStatus, IdentificationDecision
from nrm.organisations.models import OrganisationType, Role
from nrm.protection.rules import may_record

S = DecisionStatus
T = OrganisationType
R = Role

# The event of the installation's pathway that a positive decision records.
IDENTIFIED_EVENT = "IDENTIFIED"

# Who may file a reconsideration request on the person's behalf besides the deciding
# authority: the organisations that support the person (product choice).
SUPPORT_TYPES = frozenset({T.IDENTIFICATION_BODY, T.NGO, T.MUNICIPALITY})
SUPPORT_ROLES = frozenset({R.CASEWORKER, R.CENTRE_DIRECTOR})


def competent_kinds(jurisdiction: str, legal_stay: bool) -> tuple[str, ...]:
    """The kinds of authority that identify in this pathway, for this person's stay; empty
    where the pathway has no formal identification step (Belgium)."""
    rule = pathway.rules_for(jurisdiction).rule(IDENTIFIED_EVENT)
    if rule is None:
        return ()
    return tuple(str(kind) for kind in rule.taken_by_for(pathway.Person(has_legal_stay=legal_stay)))


def may_decide(actor: Actor, jurisdiction: str, legal_stay: bool) -> bool:
    """This actor's organisation and role identify persons with (or without) legal stay."""
    organisation = actor.organisation
    kinds = competent_kinds(jurisdiction, legal_stay)
    return (
        organisation is not None
        and actor.user.is_active
        and bool(kinds)
        and organisation.country == jurisdiction
        and may_record(organisation.type, actor.role, kinds)
    )


class Party(StrEnum):
    DECIDING = "deciding"
    SUPPORTING = "supporting"


@dataclass(frozen=True)
class Context:
    sees_person: bool
    is_deciding_body: bool
    is_supporting: bool


def _context(actor: Actor, decision: IdentificationDecision) -> Context:
    sees = decide_person(actor, decision.person_id, Ability.PERSON_VIEW).allowed
    organisation = actor.organisation
    deciding = (
        organisation is not None
        and organisation.pk == decision.body_id
        and may_decide(actor, settings.NRM_JURISDICTION, decision.legal_stay)
    )
    supporting = (
        organisation is not None
        and organisation.type in SUPPORT_TYPES
        and actor.role in SUPPORT_ROLES
        and sees
    )
    return Context(sees_person=sees, is_deciding_body=deciding, is_supporting=supporting)


def _refuse_party(
    transition: Transition, actor: Actor, decision: IdentificationDecision, context: Context
) -> str | None:
    if context.is_deciding_body:
        return None
    if Party.SUPPORTING in transition.parties and context.is_supporting:
        return None
    if Party.SUPPORTING in transition.parties:
        return _(
            "Only the deciding authority or the organisation supporting the person records a "
            "request for reconsideration."
        )
    return _("Only the authority that took this decision can do this.")


def _state_reason(status: str) -> str:
    if status == S.DECIDED:
        return _("The person has not been informed of this decision yet.")
    if status == S.INFORMED:
        return _("The person has been informed of this decision.")
    if status == S.RECONSIDERATION_REQUESTED:
        return _("A reconsideration has been requested and awaits the authority's decision.")
    return _("This decision was replaced by a new one after reconsideration.")


def only_negative(decision: IdentificationDecision, context: Context) -> str | None:
    if decision.is_positive:
        return _("A positive decision is not reconsidered: the person is identified as a victim.")
    return None


def _history(step: Step[IdentificationDecision, Context]) -> DecisionEvent:
    assert step.actor.organisation is not None  # a party has one
    return DecisionEvent.objects.create(
        decision=step.record,
        transition=step.transition.name,
        from_status=step.old_status,
        to_status=step.new_status,
        on=step.history_fields["on"],
        by=step.actor.user,
        organisation=step.actor.organisation,
    )


_BASIS = LegalBasis(
    gettext_lazy(
        "The Danish Immigration Service identifies victims without legal stay and the Center "
        "mod Menneskehandel those with legal stay; since the 2022-2025 action plan they are "
        "the only formal identifiers."
    ),
    (("BSR-TRM", "V"), ("TIP-DK-2017..2023", "V")),
)

INFORM = Transition(
    name="inform",
    label=gettext_lazy("Person informed"),
    sources=frozenset({S.DECIDED}),
    target=S.INFORMED,
    parties=frozenset({Party.DECIDING}),
    action="nrm.identification.actions.identification_inform",
    form="nrm.identification.forms.InformForm",
    done=gettext_lazy("Recorded: the person is informed of the decision."),
    legal_basis=_BASIS,
)
REQUEST_RECONSIDERATION = Transition(
    name="request_reconsideration",
    label=gettext_lazy("Reconsideration requested"),
    sources=frozenset({S.INFORMED}),
    target=S.RECONSIDERATION_REQUESTED,
    parties=frozenset({Party.DECIDING, Party.SUPPORTING}),
    guards=(only_negative,),
    reason_required=True,
    action="nrm.identification.actions.identification_reconsideration_request",
    form="nrm.identification.forms.ReconsiderationRequestForm",
    done=gettext_lazy("Recorded: the person asks for the decision to be reconsidered."),
    legal_basis=_BASIS,
)
RECONSIDER = Transition(
    name="reconsider",
    label=gettext_lazy("Decide again"),
    sources=frozenset({S.RECONSIDERATION_REQUESTED}),
    target=S.RECONSIDERED,
    parties=frozenset({Party.DECIDING}),
    reason_required=True,
    action="nrm.identification.actions.identification_reconsider",
    form="nrm.identification.forms.ReconsiderForm",
    done=gettext_lazy("The new decision is recorded."),
    pathway_event=IDENTIFIED_EVENT,
    legal_basis=_BASIS,
)

DECISIONS: Workflow[IdentificationDecision, Context] = Workflow(
    name="identification",
    model=IdentificationDecision,
    record_kwarg="decision",
    transitions=(INFORM, REQUEST_RECONSIDERATION, RECONSIDER),
    context=_context,
    visible=lambda actor, decision, context: context.sees_person,
    refuse_party=_refuse_party,
    state_reason=_state_reason,
    not_found=lambda: _("No such decision."),
    changed_meanwhile=lambda: _(
        "Someone else acted on this decision meanwhile. Reload the page and try again."
    ),
    history=_history,
    audit=audit_record,
    purpose=purpose_for,
    audit_event=AuditEventType.UPDATE,
    select_related=("person", "body"),
)
