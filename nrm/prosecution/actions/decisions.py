"""One action per transition of `workflow.TRANSITIONS`, and nothing else writes the status.

Each decision locks the case, checks who takes it (403), the version it was taken on and
the table's sources and guards (409), then its own input (400), writes one `CaseDecision`
and moves the status, all in one transaction: nothing is half-applied.

Decisions that concern the victims' residence feed their pathway through nrm.protection's
own action (`pathway_event_record`), never by writing its tables. The decision is the
prosecutor's or the court's act and stands whatever the residence engine says; when the
engine refuses the event for a victim (the person has no pathway here, or is not in a
state where the event applies: already permanent, never given a temporary permit), the
decision is recorded and the refusal kept as a visible note (`PathwayEffect`) instead of
undoing the decision. The one exception is a race on the pathway itself, which cannot
happen here: each pathway row is locked before its version is read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from nrm.access.context import Actor
from nrm.access.models import AuditEventType
from nrm.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from nrm.organisations.models import Organisation, OrganisationType
from nrm.people.models import Person
from nrm.prosecution import workflow
from nrm.prosecution.actions._common import (
    audit,
    case_persons,
    choice,
    involve_case_parties,
    lock_case,
    own_suspect,
    own_victim,
    past_date,
    required_text,
    text,
)
from nrm.prosecution.models import (
    CaseDecision,
    CaseFile,
    CaseSuspect,
    CaseVictim,
    Charge,
    Judgment,
    PathwayEffect,
    Verdict,
)
from nrm.prosecution.money import optional_euros
from nrm.prosecution.permissions import Relation
from nrm.prosecution.vocab import (
    Appellant,
    CaseStatus,
    DismissalReason,
    Instance,
    PathwayEffectStatus,
    Suspension,
    VerdictOutcome,
)
from nrm.protection.actions import pathway_event_record
from nrm.protection.models import PathwayRecord


@dataclass
class Decided:
    """What a decision action returns: the case as it is now, and the decision row."""

    case: CaseFile
    decision: CaseDecision


def _take(
    actor: Actor,
    case: CaseFile,
    transition: workflow.Transition,
    expected_version: int,
) -> tuple[CaseFile, Relation]:
    """Lock, then refuse in this order: not visible (404), not the actor's decision (403),
    changed meanwhile (409), not allowed in this state or by a guard (409)."""
    locked, relation = lock_case(
        actor,
        case,
        allowed=frozenset({Relation.OFFICE, Relation.COURT, Relation.INVESTIGATOR}),
        refusal="",
    )
    state = workflow.case_state(locked)
    availability = workflow.check(transition, locked, relation, state)
    if availability.refusal is PermissionDenied:
        availability.raise_if_refused()
    if locked.version != expected_version:
        raise Conflict(_("Someone else decided on this case meanwhile. Reload and try again."))
    availability.raise_if_refused()
    return locked, relation


def _record(
    actor: Actor,
    case: CaseFile,
    transition: workflow.Transition,
    decided_on: date,
    *,
    victim: CaseVictim | None = None,
    positive: bool | None = None,
    reason_code: str = "",
    reason: str = "",
    details: dict[str, Any] | None = None,
) -> CaseDecision:
    assert actor.organisation is not None
    old = case.status
    if transition.target is not None:
        case.status = transition.target
    case.version += 1
    case.save(update_fields=["status", "version"])
    decision = CaseDecision.objects.create(
        case=case,
        transition=transition.name,
        from_status=old,
        to_status=case.status,
        decided_on=decided_on,
        decided_by=actor.user,
        organisation=actor.organisation,
        victim=victim,
        positive=positive,
        reason_code=reason_code,
        reason=reason,
        details=details or {},
    )
    audit(
        actor,
        AuditEventType.CREATE,
        f"case_{transition.name}",
        decision,
        {
            "case": case.reference,
            "status": {"old": old, "new": case.status},
            "decided_on": decided_on,
            "victim": victim.person.reference if victim else None,
            "positive": positive,
            "reason_code": reason_code or None,
            "details": details or {},
        },
    )
    return decision


def _feed_pathway(
    actor: Actor,
    decision: CaseDecision,
    persons: list[Person],
    event_type: str,
    on: date,
    *,
    positive: bool | None = None,
) -> list[PathwayEffect]:
    """Record the pathway event for each person; keep the engine's refusal as a note."""
    effects = []
    for person in persons:
        record = PathwayRecord.objects.select_for_update().filter(person=person).first()
        version = record.version if record is not None else 0
        status_event = None
        try:
            # A savepoint: a refused event leaves no trace in the pathway, and the
            # decision around it carries on.
            with transaction.atomic():
                status_event = pathway_event_record(
                    actor=actor,
                    person=person,
                    event_type=event_type,
                    on=on,
                    expected_version=version,
                    positive=positive,
                    note=_("Case file %(reference)s") % {"reference": decision.case.reference},
                )
        except (Conflict, DomainError, NotFound, PermissionDenied) as refused:
            status, reason = PathwayEffectStatus.SKIPPED, refused.message
        else:
            status, reason = PathwayEffectStatus.RECORDED, ""
        effects.append(
            PathwayEffect.objects.create(
                decision=decision,
                person=person,
                event_type=event_type,
                status=status,
                reason=reason[:500],
                status_event=status_event,
            )
        )
    return effects


def _victim_persons(case: CaseFile) -> list[Person]:
    return [v.person for v in CaseVictim.objects.filter(case=case).select_related("person")]


def _decision_date(case: CaseFile, decided_on: date | None, field: str = "decided_on") -> date:
    return past_date(decided_on, field=field, not_before=case.opened_on)


# The transitions -----------------------------------------------------------------------------


@transaction.atomic
def case_investigation_open(
    *, actor: Actor, case: CaseFile, expected_version: int, decided_on: date, note: str = ""
) -> Decided:
    t = workflow.OPEN_INVESTIGATION
    case, _relation = _take(actor, case, t, expected_version)
    on = _decision_date(case, decided_on)
    decision = _record(actor, case, t, on, reason=text(note, field="note"))
    return Decided(case, decision)


@transaction.atomic
def case_opinion_give(
    *,
    actor: Actor,
    case: CaseFile,
    expected_version: int,
    decided_on: date,
    victim: CaseVictim,
    positive: bool,
    reason: str = "",
) -> Decided:
    """The prosecutor's opinion on whether one person is a victim of trafficking; it feeds
    the person's pathway (PROSECUTOR_OPINION), on which the immigration office decides."""
    t = workflow.GIVE_OPINION
    case, _relation = _take(actor, case, t, expected_version)
    own_victim(case, victim)
    if positive and case.status == CaseStatus.REGISTERED:
        raise Conflict(
            _(
                "A positive opinion follows the decision to investigate: open the "
                "investigation first."
            )
        )
    on = _decision_date(case, decided_on)
    decision = _record(
        actor, case, t, on, victim=victim, positive=positive, reason=text(reason, field="reason")
    )
    _feed_pathway(actor, decision, [victim.person], "PROSECUTOR_OPINION", on, positive=positive)
    return Decided(case, decision)


@transaction.atomic
def case_dismiss(
    *,
    actor: Actor,
    case: CaseFile,
    expected_version: int,
    decided_on: date,
    reason_code: str,
    reason: str,
) -> Decided:
    """Dismissal with its reason; each victim's pathway records that the case will not reach
    court (DISMISSAL), which ends the temporary status unless another route applies."""
    t = workflow.DISMISS
    case, _relation = _take(actor, case, t, expected_version)
    code = choice(reason_code, DismissalReason.values, field="reason_code")
    why = required_text(reason, field="reason", message=_("Give the reasons for the dismissal."))
    on = _decision_date(case, decided_on)
    decision = _record(actor, case, t, on, reason_code=code, reason=why)
    _feed_pathway(actor, decision, _victim_persons(case), "DISMISSAL", on)
    return Decided(case, decision)


@transaction.atomic
def case_reopen(
    *, actor: Actor, case: CaseFile, expected_version: int, decided_on: date, reason: str
) -> Decided:
    """Resume a dismissed case; each victim's pathway records it (CASE_REOPENED): the
    judicial procedure runs again and the temporary permit can again be renewed. Where the
    engine refuses the event for a victim, the refusal is kept as a note, like DISMISSAL."""
    t = workflow.REOPEN
    case, _relation = _take(actor, case, t, expected_version)
    why = required_text(reason, field="reason", message=_("Say why the case is reopened."))
    on = _decision_date(case, decided_on)
    decision = _record(actor, case, t, on, reason=why)
    _feed_pathway(actor, decision, _victim_persons(case), "CASE_REOPENED", on)
    return Decided(case, decision)


@transaction.atomic
def case_indict(
    *,
    actor: Actor,
    case: CaseFile,
    expected_version: int,
    decided_on: date,
    court: Organisation | None = None,
) -> Decided:
    """Bring the case before the court; the court seised sees the file and its persons."""
    t = workflow.INDICT
    case, _relation = _take(actor, case, t, expected_version)
    chosen = court or case.court
    if chosen is None:
        raise DomainError(_("Choose the court seised."), field="court")
    if chosen.type != OrganisationType.COURT or not chosen.is_active:
        raise DomainError(_("Choose a court."), field="court")
    on = _decision_date(case, decided_on)
    case.court = chosen
    case.save(update_fields=["court"])
    decision = _record(actor, case, t, on, details={"court": chosen.pk})
    involve_case_parties(actor, case, case_persons(case))
    return Decided(case, decision)


def _trafficking_defendants(case: CaseFile) -> list[CaseSuspect]:
    return list(CaseSuspect.objects.filter(case=case).charged(trafficking=True).order_by("pk"))


@transaction.atomic
def case_conviction_request(
    *,
    actor: Actor,
    case: CaseFile,
    expected_version: int,
    decided_on: date,
    defendants: list[CaseSuspect] | None = None,
) -> Decided:
    """Requisitions retaining the trafficking charge: each victim's pathway records it
    (TRAFFICKING_CHARGE_REQUESTED), which opens permanent residence whatever the verdict."""
    t = workflow.REQUEST_CONVICTION
    case, _relation = _take(actor, case, t, expected_version)
    charged = _trafficking_defendants(case)
    if defendants is None:
        chosen = charged
    else:
        for suspect in defendants:
            own_suspect(case, suspect, field="defendants")
        if not defendants:
            raise DomainError(_("Choose at least one defendant."), field="defendants")
        if {d.pk for d in defendants} - {c.pk for c in charged}:
            raise DomainError(
                _(
                    "A conviction for trafficking is requested only against defendants "
                    "charged with it."
                ),
                field="defendants",
            )
        chosen = sorted(defendants, key=lambda d: d.pk)
    on = _decision_date(case, decided_on)
    decision = _record(actor, case, t, on, details={"defendants": [d.pk for d in chosen]})
    _feed_pathway(actor, decision, _victim_persons(case), "TRAFFICKING_CHARGE_REQUESTED", on)
    return Decided(case, decision)


@dataclass
class VerdictData:
    suspect: CaseSuspect
    outcome: str
    convicted_of_trafficking: bool = False
    prison_months: int | None = None
    suspension: str = ""
    fine_eur: Decimal | str | None = None
    confiscation_eur: Decimal | str | None = None


def _check_verdict(case: CaseFile, data: VerdictData, trafficking_ids: set[int]) -> Verdict:
    own_suspect(case, data.suspect, field="verdicts")
    outcome = choice(data.outcome, VerdictOutcome.values, field="verdicts")
    label = data.suspect.label
    if outcome == VerdictOutcome.ACQUITTED and (
        data.convicted_of_trafficking
        or data.prison_months
        or data.suspension
        or data.fine_eur
        or data.confiscation_eur
    ):
        raise DomainError(
            _("%(defendant)s is acquitted: no sentence, fine or confiscation.")
            % {"defendant": label},
            field="verdicts",
        )
    if data.convicted_of_trafficking and data.suspect.pk not in trafficking_ids:
        raise DomainError(
            _("%(defendant)s was not charged with trafficking.") % {"defendant": label},
            field="verdicts",
        )
    if data.prison_months is not None and not 0 <= data.prison_months <= 1200:
        raise DomainError(_("Give the prison sentence in months."), field="verdicts")
    if data.suspension:
        choice(data.suspension, Suspension.values, field="verdicts")
        if not data.prison_months:
            raise DomainError(_("Only a prison sentence is suspended."), field="verdicts")
    return Verdict(
        suspect=data.suspect,
        outcome=outcome,
        convicted_of_trafficking=data.convicted_of_trafficking,
        prison_months=data.prison_months,
        suspension=data.suspension,
        fine_eur=optional_euros(data.fine_eur, field="verdicts"),
        confiscation_eur=optional_euros(data.confiscation_eur, field="verdicts"),
    )


@transaction.atomic
def case_judgment_record(
    *,
    actor: Actor,
    case: CaseFile,
    expected_version: int,
    judged_on: date,
    verdicts: list[VerdictData],
) -> Decided:
    """The court's judgment: one verdict for every charged defendant. A conviction for
    trafficking is recorded in each victim's pathway (CONVICTION)."""
    t = workflow.RECORD_JUDGMENT
    case, _relation = _take(actor, case, t, expected_version)
    charged = set(
        Charge.objects.filter(case=case, withdrawn_on__isnull=True).values_list(
            "suspect_id", flat=True
        )
    )
    trafficking = {d.pk for d in _trafficking_defendants(case)}
    given = [v.suspect.pk for v in verdicts]
    if len(given) != len(set(given)):
        raise DomainError(_("Give one verdict per defendant."), field="verdicts")
    missing = charged - set(given)
    if missing:
        labels = sorted(
            s.label
            for s in CaseSuspect.objects.filter(pk__in=missing).select_related("person", "company")
        )
        raise DomainError(
            _("Give a verdict for every charged defendant; missing: %(defendants)s.")
            % {"defendants": ", ".join(labels)},
            field="verdicts",
        )
    if set(given) - charged:
        raise DomainError(_("Only charged defendants are judged."), field="verdicts")
    rows = [_check_verdict(case, v, trafficking) for v in verdicts]
    on = _decision_date(case, judged_on, "judged_on")
    instance = Instance.APPEAL if case.status == CaseStatus.APPEALED else Instance.FIRST
    assert case.court is not None  # a guard of the transition
    decision = _record(
        actor,
        case,
        t,
        on,
        details={
            "instance": instance,
            "verdicts": {str(r.suspect.pk): r.outcome for r in rows},
        },
    )
    judgment = Judgment.objects.create(
        decision=decision, case=case, court=case.court, instance=instance, judged_on=on
    )
    for row in rows:
        row.judgment = judgment
        row.save()
    audit(
        actor,
        AuditEventType.CREATE,
        "case_judgment_verdicts",
        judgment,
        {
            "case": case.reference,
            "verdicts": [
                {
                    "suspect": r.suspect.pk,
                    "outcome": r.outcome,
                    "trafficking": r.convicted_of_trafficking,
                    "prison_months": r.prison_months,
                    "fine_eur": r.fine_eur,
                    "confiscation_eur": r.confiscation_eur,
                }
                for r in rows
            ],
        },
    )
    if any(r.convicted_of_trafficking for r in rows):
        _feed_pathway(actor, decision, _victim_persons(case), "CONVICTION", on)
    return Decided(case, decision)


@transaction.atomic
def case_appeal(
    *,
    actor: Actor,
    case: CaseFile,
    expected_version: int,
    lodged_on: date,
    appellant: str,
) -> Decided:
    t = workflow.APPEAL
    case, relation = _take(actor, case, t, expected_version)
    appellant = choice(appellant, Appellant.values, field="appellant")
    if relation == Relation.OFFICE and appellant != Appellant.PROSECUTION:
        raise PermissionDenied(
            _("The office records its own appeal; the court records the appeals of others.")
        )
    on = _decision_date(case, lodged_on, "lodged_on")
    decision = _record(actor, case, t, on, details={"appellant": appellant})
    return Decided(case, decision)


@transaction.atomic
def case_finalise(
    *, actor: Actor, case: CaseFile, expected_version: int, decided_on: date
) -> Decided:
    t = workflow.FINALISE
    case, _relation = _take(actor, case, t, expected_version)
    on = _decision_date(case, decided_on)
    decision = _record(actor, case, t, on)
    return Decided(case, decision)


# Used by the API and the pages: the action for each transition name.
ACTIONS: dict[str, Callable[..., Decided]] = {
    workflow.OPEN_INVESTIGATION.name: case_investigation_open,
    workflow.GIVE_OPINION.name: case_opinion_give,
    workflow.DISMISS.name: case_dismiss,
    workflow.REOPEN.name: case_reopen,
    workflow.INDICT.name: case_indict,
    workflow.REQUEST_CONVICTION.name: case_conviction_request,
    workflow.RECORD_JUDGMENT.name: case_judgment_record,
    workflow.APPEAL.name: case_appeal,
    workflow.FINALISE.name: case_finalise,
}
