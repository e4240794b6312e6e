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

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from nrm.access.context import Actor
from nrm.access.models import AuditEventType
from nrm.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from nrm.core.workflow import Step, Transition, take
from nrm.organisations.models import Organisation, OrganisationType
from nrm.people.models import Person
from nrm.prosecution import workflow
from nrm.prosecution.actions._common import (
    audit,
    case_persons,
    choice,
    involve_case_parties,
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


Taking = Step[CaseFile, workflow.CaseState]


def _decide(
    step: Taking,
    decided_on: date,
    *,
    victim: CaseVictim | None = None,
    positive: bool | None = None,
    reason_code: str = "",
    reason: str = "",
    details: dict[str, Any] | None = None,
) -> None:
    """What the decision row keeps, and what its audit row says, besides the status."""
    step.history_fields.update(
        decided_on=decided_on,
        victim=victim,
        positive=positive,
        reason_code=reason_code,
        reason=reason,
        details=details or {},
    )
    step.changes.update(
        {
            "case": step.record.reference,
            "decided_on": decided_on,
            "victim": victim.person.reference if victim else None,
            "positive": positive,
            "reason_code": reason_code or None,
            "details": details or {},
        }
    )


def _take(
    transition: Transition,
    case: CaseFile,
    actor: Actor,
    expected_version: int,
    apply: Callable[[Taking], None],
) -> Decided:
    step = take(
        workflow.DECISIONS,
        transition,
        case,
        actor=actor,
        expected_version=expected_version,
        apply=apply,
    )
    assert isinstance(step.history, CaseDecision)
    return Decided(step.record, step.history)


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


def _feed_victims(actor: Actor, decided: Decided, event_type: str) -> None:
    """Every victim's pathway records the decision (the refusals kept as notes)."""
    decision = decided.decision
    _feed_pathway(actor, decision, _victim_persons(decided.case), event_type, decision.decided_on)


def _decision_date(case: CaseFile, decided_on: date | None, field: str = "decided_on") -> date:
    return past_date(decided_on, field=field, not_before=case.opened_on)


# The transitions -----------------------------------------------------------------------------


@transaction.atomic
def case_investigation_open(
    *, actor: Actor, case: CaseFile, expected_version: int, decided_on: date, note: str = ""
) -> Decided:
    def apply(step: Taking) -> None:
        on = _decision_date(step.record, decided_on)
        _decide(step, on, reason=text(note, field="note"))

    return _take(workflow.OPEN_INVESTIGATION, case, actor, expected_version, apply)


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

    def apply(step: Taking) -> None:
        own_victim(step.record, victim)
        if positive and step.record.status == CaseStatus.REGISTERED:
            raise Conflict(
                _(
                    "A positive opinion follows the decision to investigate: open the "
                    "investigation first."
                )
            )
        on = _decision_date(step.record, decided_on)
        _decide(step, on, victim=victim, positive=positive, reason=text(reason, field="reason"))

    decided = _take(workflow.GIVE_OPINION, case, actor, expected_version, apply)
    on = decided.decision.decided_on
    _feed_pathway(
        actor, decided.decision, [victim.person], "PROSECUTOR_OPINION", on, positive=positive
    )
    return decided


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

    def apply(step: Taking) -> None:
        code = choice(reason_code, DismissalReason.values, field="reason_code")
        why = required_text(
            reason, field="reason", message=_("Give the reasons for the dismissal.")
        )
        _decide(step, _decision_date(step.record, decided_on), reason_code=code, reason=why)

    decided = _take(workflow.DISMISS, case, actor, expected_version, apply)
    _feed_victims(actor, decided, "DISMISSAL")
    return decided


@transaction.atomic
def case_reopen(
    *, actor: Actor, case: CaseFile, expected_version: int, decided_on: date, reason: str
) -> Decided:
    """Resume a dismissed case; each victim's pathway records it (CASE_REOPENED): the
    judicial procedure runs again and the temporary permit can again be renewed. Where the
    engine refuses the event for a victim, the refusal is kept as a note, like DISMISSAL."""

    def apply(step: Taking) -> None:
        why = required_text(reason, field="reason", message=_("Say why the case is reopened."))
        _decide(step, _decision_date(step.record, decided_on), reason=why)

    decided = _take(workflow.REOPEN, case, actor, expected_version, apply)
    _feed_victims(actor, decided, "CASE_REOPENED")
    return decided


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

    def apply(step: Taking) -> None:
        chosen = court or step.record.court
        if chosen is None:
            raise DomainError(_("Choose the court seised."), field="court")
        if chosen.type != OrganisationType.COURT or not chosen.is_active:
            raise DomainError(_("Choose a court."), field="court")
        on = _decision_date(step.record, decided_on)
        step.record.court = chosen
        _decide(step, on, details={"court": chosen.pk})

    decided = _take(workflow.INDICT, case, actor, expected_version, apply)
    involve_case_parties(actor, decided.case, case_persons(decided.case))
    return decided


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

    def apply(step: Taking) -> None:
        charged = _trafficking_defendants(step.record)
        if defendants is None:
            chosen = charged
        else:
            for suspect in defendants:
                own_suspect(step.record, suspect, field="defendants")
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
        on = _decision_date(step.record, decided_on)
        _decide(step, on, details={"defendants": [d.pk for d in chosen]})

    decided = _take(workflow.REQUEST_CONVICTION, case, actor, expected_version, apply)
    _feed_victims(actor, decided, "TRAFFICKING_CHARGE_REQUESTED")
    return decided


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
    rows: list[Verdict] = []

    def apply(step: Taking) -> None:
        locked = step.record
        charged = set(
            Charge.objects.filter(case=locked, withdrawn_on__isnull=True).values_list(
                "suspect_id", flat=True
            )
        )
        trafficking = {d.pk for d in _trafficking_defendants(locked)}
        given = [v.suspect.pk for v in verdicts]
        if len(given) != len(set(given)):
            raise DomainError(_("Give one verdict per defendant."), field="verdicts")
        missing = charged - set(given)
        if missing:
            labels = sorted(
                s.label
                for s in CaseSuspect.objects.filter(pk__in=missing).select_related(
                    "person", "company"
                )
            )
            raise DomainError(
                _("Give a verdict for every charged defendant; missing: %(defendants)s.")
                % {"defendants": ", ".join(labels)},
                field="verdicts",
            )
        if set(given) - charged:
            raise DomainError(_("Only charged defendants are judged."), field="verdicts")
        rows.extend(_check_verdict(locked, v, trafficking) for v in verdicts)
        on = _decision_date(locked, judged_on, "judged_on")
        instance = Instance.APPEAL if locked.status == CaseStatus.APPEALED else Instance.FIRST
        _decide(
            step,
            on,
            details={
                "instance": instance,
                "verdicts": {str(r.suspect.pk): r.outcome for r in rows},
            },
        )

    decided = _take(workflow.RECORD_JUDGMENT, case, actor, expected_version, apply)
    case, decision = decided.case, decided.decision
    assert case.court is not None  # a guard of the transition
    judgment = Judgment.objects.create(
        decision=decision,
        case=case,
        court=case.court,
        instance=decision.details["instance"],
        judged_on=decision.decided_on,
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
        _feed_victims(actor, decided, "CONVICTION")
    return decided


@transaction.atomic
def case_appeal(
    *,
    actor: Actor,
    case: CaseFile,
    expected_version: int,
    lodged_on: date,
    appellant: str,
) -> Decided:
    def apply(step: Taking) -> None:
        chosen = choice(appellant, Appellant.values, field="appellant")
        if step.context.relation == Relation.OFFICE and chosen != Appellant.PROSECUTION:
            raise PermissionDenied(
                _("The office records its own appeal; the court records the appeals of others.")
            )
        on = _decision_date(step.record, lodged_on, "lodged_on")
        _decide(step, on, details={"appellant": chosen})

    return _take(workflow.APPEAL, case, actor, expected_version, apply)


@transaction.atomic
def case_finalise(
    *, actor: Actor, case: CaseFile, expected_version: int, decided_on: date
) -> Decided:
    def apply(step: Taking) -> None:
        _decide(step, _decision_date(step.record, decided_on))

    return _take(workflow.FINALISE, case, actor, expected_version, apply)


class _ActionsByName(Mapping[str, Callable[..., Decided]]):
    """The former name → action map, read from the registry (the one place a decision is
    named); kept for the callers that still index it."""

    def __getitem__(self, name: str) -> Callable[..., Decided]:
        if name not in workflow.TRANSITIONS:
            raise KeyError(name)
        return workflow.TRANSITIONS[name].run

    def __iter__(self) -> Iterator[str]:
        return iter(workflow.TRANSITIONS)

    def __len__(self) -> int:
        return len(workflow.TRANSITIONS)


ACTIONS: Mapping[str, Callable[..., Decided]] = _ActionsByName()
