"""The decisions on a criminal case file as one table.

Each transition names its source states, its target (None: the file stays where it is, as
for a victim-status opinion), who takes it (the assigned prosecutors of the office holding
the file, or the judges of the court seised: organisation type and role), its guards (each
returning the reason it refuses), its legal basis with sources and their verification tags
(RULES.md §0), and the victim-pathway event it feeds (nrm.protection).

`available_transitions(case, actor)` answers for every transition whether this actor may
take it now and, either way, why: the page shows the reason next to each decision. Checks
that need the form's input (a reason, a verdict for every defendant) are made by the
actions and answered 400 with the field at fault.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nrm.access.audit import audit_record
from nrm.access.context import Actor
from nrm.access.models import AuditEventType
from nrm.access.policy import purpose_for
from nrm.core.errors import PermissionDenied
from nrm.core.workflow import Availability, LegalBasis, Step, Transition, Workflow, no_history
from nrm.organisations.models import OrganisationType, Role
from nrm.prosecution import permissions
from nrm.prosecution.models import (
    Asset,
    BackPayClaim,
    CaseDecision,
    CaseFile,
    CaseSuspect,
    CaseVictim,
    CivilClaim,
    StateFundApplication,
    Verdict,
)
from nrm.prosecution.permissions import Relation
from nrm.prosecution.vocab import (
    AssetStatus,
    BackPayStatus,
    CaseStatus,
    ClaimStatus,
    StateFundStatus,
    VerdictOutcome,
)

S = CaseStatus


class Party(StrEnum):
    OFFICE = "OFFICE"
    COURT = "COURT"


# Who each party is, as (organisation type, role); the page shows it in the table.
PARTY_MEMBERS: dict[Party, tuple[str, str]] = {
    Party.OFFICE: (OrganisationType.PROSECUTION_OFFICE, Role.PROSECUTOR),
    Party.COURT: (OrganisationType.COURT, Role.JUDGE),
}
PARTY_OF_RELATION = {Relation.OFFICE: Party.OFFICE, Relation.COURT: Party.COURT}


@dataclass(frozen=True)
class CaseState:
    """What the guards read, and how the actor stands to the case (the workflow's context)."""

    victims: int
    charged_suspects: int
    trafficking_suspects: int
    convictions: int
    relation: Relation = Relation.NONE


def case_state(case: CaseFile, relation: Relation = Relation.NONE) -> CaseState:
    victims = CaseVictim.objects.filter(case=case).count()
    suspects = CaseSuspect.objects.filter(case=case)
    convictions = Verdict.objects.filter(
        judgment__case=case, outcome=VerdictOutcome.CONVICTED
    ).count()
    return CaseState(
        victims=victims,
        charged_suspects=suspects.charged().count(),
        trafficking_suspects=suspects.charged(trafficking=True).count(),
        convictions=convictions,
        relation=relation,
    )


def case_context(actor: Actor, case: CaseFile) -> CaseState:
    return case_state(case, permissions.relation(actor, case))


Guard = Callable[[CaseFile, CaseState], str | None]
# Every decision is announced the same way; the page names it.
DONE = gettext_lazy("Decision recorded.")


def has_victims(case: CaseFile, state: CaseState) -> str | None:
    if state.victims == 0:
        return _("Name the victims in the case file first.")
    return None


def has_charged_defendant(case: CaseFile, state: CaseState) -> str | None:
    if state.charged_suspects == 0:
        return _("Charge at least one suspect first.")
    return None


def has_trafficking_charge(case: CaseFile, state: CaseState) -> str | None:
    if state.trafficking_suspects == 0:
        return _(
            "A request for conviction for trafficking needs a defendant charged with "
            "trafficking in human beings."
        )
    return None


def has_court(case: CaseFile, state: CaseState) -> str | None:
    if case.court_id is None:
        return _("No court is seised of this case.")
    return None


def taken_by(transition: Transition) -> list[tuple[str, str]]:
    """Who takes it, as (organisation type, role) pairs, for the page's table."""
    return [PARTY_MEMBERS[Party(party)] for party in sorted(transition.parties)]


_OPEN = frozenset({S.REGISTERED, S.INVESTIGATION, S.INDICTED, S.CONVICTION_REQUESTED})
_OPINION_SOURCES = frozenset({*_OPEN, S.JUDGED, S.APPEALED})

OPEN_INVESTIGATION = Transition(
    action="nrm.prosecution.actions.case_investigation_open",
    form="nrm.prosecution.forms.OpenInvestigationForm",
    schema="nrm.prosecution.api.CaseInvestigationOpenIn",
    done=DONE,
    name="open_investigation",
    label=gettext_lazy("Open an investigation"),
    sources=frozenset({S.REGISTERED}),
    target=S.INVESTIGATION,
    parties=frozenset({Party.OFFICE}),
    legal_basis=LegalBasis(
        gettext_lazy(
            "The specialised prosecutor or labour auditor decides whether to investigate; for "
            "the victims, an investigation opens the way to the six-month permit."
        ),
        (("SEED", "V"), ("RTBF-2022", "V"), ("DROITSQ", "V")),
    ),
)
GIVE_OPINION = Transition(
    action="nrm.prosecution.actions.case_opinion_give",
    form="nrm.prosecution.forms.OpinionForm",
    schema="nrm.prosecution.api.CaseOpinionGiveIn",
    done=DONE,
    name="give_opinion",
    label=gettext_lazy("Give a victim-status opinion"),
    sources=_OPINION_SOURCES,
    target=None,
    parties=frozenset({Party.OFFICE}),
    guards=(has_victims,),
    pathway_event="PROSECUTOR_OPINION",
    legal_basis=LegalBasis(
        gettext_lazy(
            "The prosecutor or labour auditor confirms whether the person is considered a "
            "victim, how the case progresses and whether the person cooperates; the "
            "immigration office decides on residence on that opinion."
        ),
        (("RTBF-2022", "V"), ("DROITSQ", "V")),
    ),
)
DISMISS = Transition(
    action="nrm.prosecution.actions.case_dismiss",
    form="nrm.prosecution.forms.DismissForm",
    schema="nrm.prosecution.api.CaseDismissIn",
    done=DONE,
    name="dismiss",
    label=gettext_lazy("Dismiss the case"),
    sources=frozenset({S.REGISTERED, S.INVESTIGATION}),
    target=S.DISMISSED,
    parties=frozenset({Party.OFFICE}),
    pathway_event="DISMISSAL",
    reason_required=True,
    legal_basis=LegalBasis(
        gettext_lazy(
            "A dismissal ends the judicial procedure on which the victims' temporary status "
            "depends; the status then ends unless permanent or humanitarian residence applies."
        ),
        (("WZP", "S"), ("PAGASA-STATUS", "S"), ("RTBF-2022", "S")),
    ),
)
REOPEN = Transition(
    action="nrm.prosecution.actions.case_reopen",
    form="nrm.prosecution.forms.ReopenForm",
    schema="nrm.prosecution.api.CaseReopenIn",
    done=DONE,
    name="reopen",
    label=gettext_lazy("Reopen the investigation"),
    sources=frozenset({S.DISMISSED}),
    target=S.INVESTIGATION,
    parties=frozenset({Party.OFFICE}),
    reason_required=True,
    pathway_event="CASE_REOPENED",
    legal_basis=LegalBasis(
        gettext_lazy(
            "A dismissal is not final: the prosecutor may resume the case, for instance on new "
            "facts. For the victims the judicial procedure then runs again, and the temporary "
            "permit can again be renewed."
        ),
        (("BE-CIC", "K"), ("PAGASA-STATUS", "S"), ("RTBF-2022", "S")),
    ),
)
INDICT = Transition(
    action="nrm.prosecution.actions.case_indict",
    form="nrm.prosecution.forms.IndictForm",
    schema="nrm.prosecution.api.CaseIndictIn",
    done=DONE,
    name="indict",
    label=gettext_lazy("Bring the case before the court"),
    sources=frozenset({S.INVESTIGATION}),
    target=S.INDICTED,
    parties=frozenset({Party.OFFICE}),
    guards=(has_charged_defendant,),
    legal_basis=LegalBasis(
        gettext_lazy(
            "The prosecutor brings the charged suspects before the criminal court, by summons "
            "or by referral of the council chamber; the court seised then sees the case file."
        ),
        (("BE-CIC", "K"),),
    ),
)
REQUEST_CONVICTION = Transition(
    action="nrm.prosecution.actions.case_conviction_request",
    form="nrm.prosecution.forms.ConvictionRequestForm",
    schema="nrm.prosecution.api.CaseConvictionRequestIn",
    done=DONE,
    name="request_conviction",
    label=gettext_lazy("Request conviction for trafficking"),
    sources=frozenset({S.INDICTED}),
    target=S.CONVICTION_REQUESTED,
    parties=frozenset({Party.OFFICE}),
    guards=(has_trafficking_charge,),
    pathway_event="TRAFFICKING_CHARGE_REQUESTED",
    legal_basis=LegalBasis(
        gettext_lazy(
            "When the prosecutor or labour auditor retains the trafficking charge in the "
            "requisitions, the victims can obtain permanent residence, whether or not the "
            "defendants are convicted."
        ),
        (("SEED", "V"), ("RTBF-2022", "S")),
    ),
)
RECORD_JUDGMENT = Transition(
    action="nrm.prosecution.actions.case_judgment_record",
    form="nrm.prosecution.forms.JudgmentForm",
    schema="nrm.prosecution.api.CaseJudgmentRecordIn",
    done=DONE,
    name="record_judgment",
    label=gettext_lazy("Record the judgment"),
    sources=frozenset({S.INDICTED, S.CONVICTION_REQUESTED, S.APPEALED}),
    target=S.JUDGED,
    parties=frozenset({Party.COURT}),
    guards=(has_court, has_charged_defendant),
    pathway_event="CONVICTION",
    legal_basis=LegalBasis(
        gettext_lazy(
            "The court convicts or acquits each defendant and may order special confiscation, "
            "for trafficking even of property that does not belong to the convicted person; a "
            "conviction for trafficking opens the way to permanent residence."
        ),
        (("PAGASA-STATUS", "V"), ("ACCHUB-433N", "S"), ("FANC-ART43", "V")),
    ),
)
APPEAL = Transition(
    action="nrm.prosecution.actions.case_appeal",
    form="nrm.prosecution.forms.AppealForm",
    schema="nrm.prosecution.api.CaseAppealIn",
    done=DONE,
    name="appeal",
    label=gettext_lazy("Record an appeal"),
    sources=frozenset({S.JUDGED}),
    target=S.APPEALED,
    parties=frozenset({Party.OFFICE, Party.COURT}),
    legal_basis=LegalBasis(
        gettext_lazy(
            "The prosecution, a defendant or a civil party may appeal a judgment of the "
            "criminal court. The office records its own appeal; the court records the others."
        ),
        (("BE-CIC", "K"),),
    ),
)
FINALISE = Transition(
    action="nrm.prosecution.actions.case_finalise",
    form="nrm.prosecution.forms.FinaliseForm",
    schema="nrm.prosecution.api.CaseFinaliseIn",
    done=DONE,
    name="finalise",
    label=gettext_lazy("Record that the judgment is final"),
    sources=frozenset({S.JUDGED}),
    target=S.FINAL,
    parties=frozenset({Party.OFFICE, Party.COURT}),
    legal_basis=LegalBasis(
        gettext_lazy(
            "A judgment becomes final when no appeal lies any more; the state fund for victims "
            "of intentional violence asks for a final judgment where the author is known."
        ),
        (("BE-CIC", "K"), ("AVOCAT-PAYE", "S")),
    ),
)


def state_reason(status: str) -> str:
    # Whole sentences per state, for the translators.
    if status == S.REGISTERED:
        return _("The case file is registered; no decision has been taken on it yet.")
    if status == S.INVESTIGATION:
        return _("The case is under investigation.")
    if status == S.DISMISSED:
        return _("The case was dismissed.")
    if status == S.INDICTED:
        return _("The case is before the court.")
    if status == S.CONVICTION_REQUESTED:
        return _("The prosecution has requested a conviction for trafficking.")
    if status == S.JUDGED:
        return _("The court has given its judgment.")
    if status == S.APPEALED:
        return _("The judgment is under appeal.")
    return _("The judgment is final; the case is closed.")


def party_reason(transition: Transition) -> str:
    if transition.parties == {Party.COURT}:
        return _("Only a judge of the court seised takes this decision.")
    if transition.parties == {Party.OFFICE}:
        return _("Only the prosecutors assigned to this case take this decision.")
    return _("Only the prosecutors assigned to this case or the court seised record this.")


def _refuse_party(
    transition: Transition, actor: Actor, case: CaseFile, state: CaseState
) -> str | None:
    party = PARTY_OF_RELATION.get(state.relation)
    if party is None or party not in transition.parties:
        return party_reason(transition)
    return None


def _history(step: Step[CaseFile, CaseState]) -> CaseDecision:
    """The decision row: the history of a case file, and what its audit row is about."""
    assert step.actor.organisation is not None  # a party to the case has one
    fields = step.history_fields
    return CaseDecision.objects.create(
        case=step.record,
        transition=step.transition.name,
        from_status=step.old_status,
        to_status=step.new_status,
        decided_on=fields["decided_on"],
        decided_by=step.actor.user,
        organisation=step.actor.organisation,
        victim=fields.get("victim"),
        positive=fields.get("positive"),
        reason_code=fields.get("reason_code", ""),
        reason=fields.get("reason", ""),
        details=fields.get("details") or {},
    )


DECISIONS: Workflow[CaseFile, CaseState] = Workflow(
    name="case",
    model=CaseFile,
    record_kwarg="case",
    transitions=(
        OPEN_INVESTIGATION,
        GIVE_OPINION,
        DISMISS,
        REOPEN,
        INDICT,
        REQUEST_CONVICTION,
        RECORD_JUDGMENT,
        APPEAL,
        FINALISE,
    ),
    context=case_context,
    visible=lambda actor, case, state: state.relation != Relation.NONE,
    refuse_party=_refuse_party,
    state_reason=state_reason,
    not_found=lambda: _("No such case file."),
    changed_meanwhile=lambda: _(
        "Someone else decided on this case meanwhile. Reload and try again."
    ),
    history=_history,
    audit=audit_record,
    purpose=purpose_for,
    audit_event=AuditEventType.CREATE,
    audit_history=True,
    select_related=("office", "court"),
    form_kwargs=lambda case: {"case": case},
)
TRANSITIONS: dict[str, Transition] = DECISIONS.by_name


def available_transitions(case: CaseFile, actor: Actor) -> list[Availability[Transition]]:
    """Every transition, allowed or not, each with its reason, in the table's order."""
    return DECISIONS.available(case, actor)


# Assets and claims ---------------------------------------------------------------------------
# Records of a case file with their own small workflows. The actor's part is their relation
# to the case; the case row is locked first, as every other write on the case does.


def office_only() -> str:
    return _("Only the prosecutors assigned to this case do this.")


def court_only() -> str:
    return _("Only a judge of the court seised does this.")


def office_or_court() -> str:
    return _("Only the prosecutors assigned to this case or the court seised do this.")


def office_or_investigators() -> str:
    return _("Only the prosecutors and investigators assigned to this case do this.")


_RELATION_REASONS: dict[frozenset[str], Callable[[], str]] = {
    frozenset({Relation.OFFICE}): office_only,
    frozenset({Relation.COURT}): court_only,
    frozenset({Relation.OFFICE, Relation.COURT}): office_or_court,
    frozenset({Relation.OFFICE, Relation.INVESTIGATOR}): office_or_investigators,
}


@dataclass
class OnCase:
    """The context of a record of a case file: the case and the actor's relation to it.

    One context serves every record of the case on the page, so what a guard reads about
    the case (a conviction) is read once, when first asked."""

    case: CaseFile
    relation: Relation
    _convicted: bool | None = field(default=None, repr=False)

    @property
    def convicted(self) -> bool:
        if self._convicted is None:
            self._convicted = Verdict.objects.filter(
                judgment__case_id=self.case.pk, outcome=VerdictOutcome.CONVICTED
            ).exists()
        return self._convicted


CaseRecord = Asset | CivilClaim | BackPayClaim | StateFundApplication


def _on_case(actor: Actor, record: CaseRecord) -> OnCase:
    return OnCase(record.case, permissions.relation(actor, record.case))


def _lock_case_of(record: CaseRecord) -> None:
    CaseFile.objects.select_for_update(of=("self",)).filter(pk=record.case_id).first()


def _refuse_relation(
    transition: Transition, actor: Actor, record: object, on: OnCase
) -> str | None:
    if on.relation in transition.parties:
        return None
    return _RELATION_REASONS[transition.parties]()


def _changed_meanwhile() -> str:
    return _("Someone else changed this meanwhile. Reload and try again.")


def has_conviction(asset: Asset, on: OnCase) -> str | None:
    if not on.convicted:
        return _("Confiscation follows a conviction; this case has none.")
    return None


def is_judged(claim: CivilClaim, on: OnCase) -> str | None:
    if on.case.status not in {S.JUDGED, S.APPEALED, S.FINAL}:
        return _("The court decides on civil claims with its judgment.")
    return None


def _asset_state(status: str) -> str:
    if status == AssetStatus.RELEASED:
        return _("This asset was released.")
    if status == AssetStatus.CONFISCATED:
        return _("This asset was confiscated.")
    return _("This asset is frozen.")


_OFFICE_OR_COURT = frozenset({Relation.OFFICE, Relation.COURT})
_COURT = frozenset({Relation.COURT})
_OFFICE = frozenset({Relation.OFFICE})
_OFFICE_OR_INVESTIGATOR = frozenset({Relation.OFFICE, Relation.INVESTIGATOR})
_ON_CASE: dict[str, Any] = {
    "context": _on_case,
    "visible": lambda actor, record, on: on.relation != Relation.NONE,
    "refuse_party": _refuse_relation,
    "changed_meanwhile": _changed_meanwhile,
    "history": no_history,
    "audit": audit_record,
    "purpose": purpose_for,
    "lock_first": _lock_case_of,
    "select_related": ("case",),
    "form_kwargs": lambda record: {"case": record.case},
    "unknown": lambda: _("No such step."),
}


def require_part(actor: Actor, case: CaseFile, allowed: frozenset[Relation]) -> Relation:
    """The actor's relation to the case, or 403 with the sentence naming who does this.

    The check of every write on a case that is not a transition of a registry (naming a
    victim, freezing an asset, charging): the page's operations and the API both call it,
    before they read the input."""
    relation = permissions.relation(actor, case)
    if relation not in allowed:
        raise PermissionDenied(_RELATION_REASONS[allowed]())
    return relation


RELEASE = Transition(
    name="release",
    label=gettext_lazy("Release"),
    sources=frozenset({AssetStatus.FROZEN}),
    target=AssetStatus.RELEASED,
    parties=_OFFICE_OR_COURT,
    action="nrm.prosecution.actions.asset_release",
    form="nrm.prosecution.forms.AssetReleaseForm",
    schema="nrm.prosecution.api.AssetReleaseIn",
    done=gettext_lazy("Asset released."),
)
CONFISCATE = Transition(
    name="confiscate",
    label=gettext_lazy("Confiscate"),
    sources=frozenset({AssetStatus.FROZEN}),
    target=AssetStatus.CONFISCATED,
    parties=_COURT,
    guards=(has_conviction,),
    action="nrm.prosecution.actions.asset_confiscate",
    form="nrm.prosecution.forms.AssetConfiscateForm",
    schema="nrm.prosecution.api.AssetConfiscateIn",
    done=gettext_lazy("Confiscation recorded."),
)
ASSETS: Workflow[Asset, OnCase] = Workflow(
    name="asset",
    model=Asset,
    record_kwarg="asset",
    transitions=(RELEASE, CONFISCATE),
    state_reason=_asset_state,
    not_found=lambda: _("No such asset."),
    **_ON_CASE,
)


def _claim_decided(status: str) -> str:
    if status == ClaimStatus.FILED:
        return _("The claim awaits the court's decision.")
    return _("The court has already decided on this claim.")


def _claim_transition(name: str, target: str, form: str) -> Transition:
    return Transition(
        name=name,
        label=dict(ClaimStatus.choices)[target],
        sources=frozenset({ClaimStatus.FILED}),
        target=target,
        parties=_COURT,
        guards=(is_judged,),
        action="nrm.prosecution.actions.civil_claim_decide",
        form=f"nrm.prosecution.forms.{form}",
        done=gettext_lazy("Decision recorded."),
        audit_action="civil_claim_decide",
    )


CIVIL_CLAIMS: Workflow[CivilClaim, OnCase] = Workflow(
    name="civil_claim",
    model=CivilClaim,
    record_kwarg="claim",
    transitions=(
        _claim_transition("award", ClaimStatus.AWARDED, "CivilClaimAwardForm"),
        _claim_transition("reject", ClaimStatus.REJECTED, "CivilClaimRejectForm"),
    ),
    state_reason=_claim_decided,
    not_found=lambda: _("No such record in this case file."),
    **_ON_CASE,
)


def _back_pay_state(status: str) -> str:
    if status == BackPayStatus.FILED:
        return _("The claim awaits its outcome.")
    return _("This claim can no longer move to that status.")


def _back_pay_transition(name: str, target: str, sources: frozenset[str], form: str) -> Transition:
    return Transition(
        name=name,
        label=dict(BackPayStatus.choices)[target],
        sources=sources,
        target=target,
        parties=_OFFICE_OR_INVESTIGATOR,
        action="nrm.prosecution.actions.back_pay_claim_decide",
        form=f"nrm.prosecution.forms.{form}",
        done=gettext_lazy("Outcome recorded."),
        audit_action="back_pay_claim_decide",
    )


_FILED = frozenset({BackPayStatus.FILED})
BACK_PAY_CLAIMS: Workflow[BackPayClaim, OnCase] = Workflow(
    name="back_pay_claim",
    model=BackPayClaim,
    record_kwarg="claim",
    transitions=(
        _back_pay_transition("grant", BackPayStatus.GRANTED, _FILED, "BackPayGrantForm"),
        _back_pay_transition("refuse", BackPayStatus.REFUSED, _FILED, "BackPayRefuseForm"),
        _back_pay_transition(
            "pay",
            BackPayStatus.PAID,
            frozenset({BackPayStatus.FILED, BackPayStatus.GRANTED}),
            "BackPayPaidForm",
        ),
    ),
    state_reason=_back_pay_state,
    not_found=lambda: _("No such record in this case file."),
    **_ON_CASE,
)


def _state_fund_state(status: str) -> str:
    if status == StateFundStatus.FILED:
        return _("The application awaits its outcome.")
    return _("The outcome of this application is already recorded.")


def _state_fund_transition(name: str, target: str, form: str) -> Transition:
    return Transition(
        name=name,
        label=dict(StateFundStatus.choices)[target],
        sources=frozenset({StateFundStatus.FILED}),
        target=target,
        parties=_OFFICE,
        action="nrm.prosecution.actions.state_fund_application_decide",
        form=f"nrm.prosecution.forms.{form}",
        done=gettext_lazy("Outcome recorded."),
        audit_action="state_fund_application_decide",
    )


STATE_FUND_APPLICATIONS: Workflow[StateFundApplication, OnCase] = Workflow(
    name="state_fund_application",
    model=StateFundApplication,
    record_kwarg="application",
    transitions=(
        _state_fund_transition("grant", StateFundStatus.GRANTED, "StateFundGrantForm"),
        _state_fund_transition("refuse", StateFundStatus.REFUSED, "StateFundRefuseForm"),
        _state_fund_transition("withdraw", StateFundStatus.WITHDRAWN, "StateFundWithdrawForm"),
    ),
    state_reason=_state_fund_state,
    not_found=lambda: _("No such record in this case file."),
    **_ON_CASE,
)


def by_target(registry: Workflow[Any, Any], status: str) -> Transition | None:
    """The transition of `registry` that moves its record to `status` (a claim's outcome)."""
    return next((t for t in registry.transitions if t.target == status), None)
