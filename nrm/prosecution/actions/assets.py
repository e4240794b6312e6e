"""Frozen assets, confiscation and its allocation to victims' compensation; civil parties and
their claims; back-pay claims (joint liability along the chain, or the state procedure the
seed note reports); applications to the state fund for victims of intentional violence.

Amounts are exact euros (`nrm.prosecution.money`). The case's allocations never exceed its
confiscated value: the case row is locked while the remaining value is computed, so two
allocations at once queue and the second sees what the first took.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from nrm.access.context import Actor
from nrm.access.models import AuditEventType
from nrm.core.errors import Conflict, DomainError
from nrm.core.workflow import Step, take
from nrm.inspections.models import ChainLink, Company, Worksite
from nrm.organisations.models import Organisation, OrganisationType
from nrm.prosecution.actions._common import (
    COURT,
    OFFICE,
    OFFICE_OR_COURT,
    OFFICE_OR_INVESTIGATOR,
    audit,
    choice,
    court_only,
    lock_case,
    office_only,
    office_or_court,
    office_or_investigators,
    own_suspect,
    own_victim,
    past_date,
    required_text,
    text,
)
from nrm.prosecution.config import state_fund_ceiling
from nrm.prosecution.liability import debtors_along_chain
from nrm.prosecution.models import (
    Allocation,
    Asset,
    BackPayClaim,
    BackPayDebtor,
    CaseFile,
    CaseSuspect,
    CaseVictim,
    CivilClaim,
    CivilParty,
    StateFundApplication,
)
from nrm.prosecution.money import ZERO, euros, optional_euros
from nrm.prosecution.vocab import (
    AssetKind,
    AssetStatus,
    BackPayRoute,
    BackPayStatus,
    CaseStatus,
    CivilPartyKind,
    ClaimStatus,
    StateFundStatus,
)
from nrm.prosecution.workflow import (
    ASSETS,
    BACK_PAY_CLAIMS,
    CIVIL_CLAIMS,
    CONFISCATE,
    RELEASE,
    STATE_FUND_APPLICATIONS,
    OnCase,
    by_target,
)

CLOSED = frozenset({CaseStatus.DISMISSED, CaseStatus.FINAL})


# Assets -------------------------------------------------------------------------------------------


@transaction.atomic
def asset_freeze(
    *,
    actor: Actor,
    case: CaseFile,
    kind: str,
    value_eur: Decimal | str,
    frozen_on: date,
    description: str = "",
    owner: CaseSuspect | None = None,
) -> Asset:
    """A freezing order, so that victims can be compensated if the case ends in conviction."""
    case, _relation = lock_case(actor, case, allowed=OFFICE, refusal=office_only())
    if case.status in CLOSED:
        raise Conflict(_("Assets are not frozen in a closed case."))
    if owner is not None:
        own_suspect(case, owner, field="owner")
    asset = Asset.objects.create(
        case=case,
        kind=choice(kind, AssetKind.values, field="kind"),
        description=text(description, field="description"),
        owner=owner,
        value_eur=euros(value_eur, field="value_eur"),
        frozen_on=past_date(frozen_on, field="frozen_on", not_before=case.opened_on),
        recorded_by=actor.user,
    )
    audit(
        actor,
        AuditEventType.CREATE,
        "asset_freeze",
        asset,
        {
            "case": case.reference,
            "kind": asset.kind,
            "value_eur": asset.value_eur,
            "frozen_on": asset.frozen_on,
            "owner": owner.pk if owner else None,
        },
    )
    return asset


@transaction.atomic
def asset_release(
    *, actor: Actor, asset: Asset, expected_version: int, released_on: date, reason: str
) -> Asset:
    """Lift the freezing order (the prosecutor's own, or the court ordering it)."""

    def apply(step: Step[Asset, OnCase]) -> None:
        locked = step.record
        locked.release_reason = required_text(
            reason, field="reason", message=_("Say why the asset is released.")
        )
        locked.released_on = past_date(
            released_on, field="released_on", not_before=locked.frozen_on
        )
        step.changes.update(
            {"case": step.context.case.reference, "released_on": locked.released_on}
        )

    return take(
        ASSETS, RELEASE, asset, actor=actor, expected_version=expected_version, apply=apply
    ).record


@transaction.atomic
def asset_confiscate(
    *,
    actor: Actor,
    asset: Asset,
    expected_version: int,
    confiscated_on: date,
    confiscated_value_eur: Decimal | str,
) -> Asset:
    """Special confiscation ordered by the court after a conviction. For trafficking it may
    reach property that does not belong to the convicted person (433novies, [S]), so any
    conviction in the case allows it (the transition's guard). The value realised may differ
    from the estimate."""

    def apply(step: Step[Asset, OnCase]) -> None:
        locked = step.record
        locked.confiscated_value_eur = euros(confiscated_value_eur, field="confiscated_value_eur")
        locked.confiscated_on = past_date(
            confiscated_on, field="confiscated_on", not_before=locked.frozen_on
        )
        step.changes.update(
            {
                "case": step.context.case.reference,
                "confiscated_on": locked.confiscated_on,
                "confiscated_value_eur": locked.confiscated_value_eur,
            }
        )

    return take(
        ASSETS, CONFISCATE, asset, actor=actor, expected_version=expected_version, apply=apply
    ).record


def confiscated_total(case: CaseFile) -> Decimal:
    total = Asset.objects.filter(case=case, status=AssetStatus.CONFISCATED).aggregate(
        total=Sum("confiscated_value_eur")
    )["total"]
    return total if total is not None else ZERO


def allocated_total(case: CaseFile) -> Decimal:
    total = Allocation.objects.filter(case=case).aggregate(total=Sum("amount_eur"))["total"]
    return total if total is not None else ZERO


@transaction.atomic
def allocation_make(
    *,
    actor: Actor,
    case: CaseFile,
    amount_eur: Decimal | str,
    allocated_on: date,
    civil_claim: CivilClaim | None = None,
    back_pay_claim: BackPayClaim | None = None,
) -> Allocation:
    """Allocate confiscated value to a victim's compensation (PRODUCT CHOICE: recorded by the
    court, which allocates confiscated advantages to the civil party, CP art. 43bis [K])."""
    case, _relation = lock_case(actor, case, allowed=COURT, refusal=court_only())
    amount = euros(amount_eur, field="amount_eur", allow_zero=False)
    if (civil_claim is None) == (back_pay_claim is None):
        raise DomainError(
            _("Allocate to one claim: a civil claim or a back-pay claim."), field="claim"
        )
    if civil_claim is not None:
        civil_claim = CivilClaim.objects.select_for_update().get(pk=civil_claim.pk)
        if civil_claim.case_id != case.pk:
            raise DomainError(_("This claim belongs to another case."), field="claim")
        if civil_claim.status != ClaimStatus.AWARDED or civil_claim.amount_awarded_eur is None:
            raise Conflict(_("Confiscated value goes to a civil claim once the court awarded it."))
        ceiling = civil_claim.amount_awarded_eur
        already = civil_claim.allocations.aggregate(total=Sum("amount_eur"))["total"] or ZERO
    else:
        assert back_pay_claim is not None
        back_pay_claim = BackPayClaim.objects.select_for_update().get(pk=back_pay_claim.pk)
        if back_pay_claim.case_id != case.pk:
            raise DomainError(_("This claim belongs to another case."), field="claim")
        if back_pay_claim.status == BackPayStatus.REFUSED:
            raise Conflict(_("This back-pay claim was refused."))
        ceiling = back_pay_claim.amount_claimed_eur - (back_pay_claim.amount_paid_eur or ZERO)
        already = back_pay_claim.allocations.aggregate(total=Sum("amount_eur"))["total"] or ZERO
    remaining = confiscated_total(case) - allocated_total(case)
    if amount > remaining:
        raise Conflict(
            _("Only EUR %(remaining)s of the confiscated value is left to allocate.")
            % {"remaining": f"{remaining:.2f}"}
        )
    if amount > ceiling - already:
        raise Conflict(
            _("Only EUR %(open)s of this claim is still open.")
            % {"open": f"{max(ceiling - already, ZERO):.2f}"}
        )
    allocation = Allocation.objects.create(
        case=case,
        amount_eur=amount,
        civil_claim=civil_claim,
        back_pay_claim=back_pay_claim,
        allocated_on=past_date(allocated_on, field="allocated_on", not_before=case.opened_on),
        allocated_by=actor.user,
    )
    audit(
        actor,
        AuditEventType.CREATE,
        "allocation_make",
        allocation,
        {
            "case": case.reference,
            "amount_eur": amount,
            "civil_claim": civil_claim.pk if civil_claim else None,
            "back_pay_claim": back_pay_claim.pk if back_pay_claim else None,
            "remaining_eur": remaining - amount,
        },
    )
    return allocation


# Civil parties and civil claims --------------------------------------------------------------


@transaction.atomic
def civil_party_join(
    *,
    actor: Actor,
    case: CaseFile,
    kind: str,
    joined_on: date,
    victim: CaseVictim | None = None,
    organisation: Organisation | None = None,
) -> CivilParty:
    """A victim, or an organisation such as the independent rapporteur, joins as civil party."""
    case, _relation = lock_case(actor, case, allowed=OFFICE_OR_COURT, refusal=office_or_court())
    kind = choice(kind, CivilPartyKind.values, field="kind")
    if kind == CivilPartyKind.VICTIM:
        if victim is None or organisation is not None:
            raise DomainError(_("Choose the victim who joins."), field="victim")
        own_victim(case, victim)
        if CivilParty.objects.filter(case=case, victim=victim).exists():
            raise Conflict(_("This victim is already a civil party."))
    else:
        if organisation is None or victim is not None:
            raise DomainError(_("Choose the organisation that joins."), field="organisation")
        if kind == CivilPartyKind.RAPPORTEUR and organisation.type != OrganisationType.RAPPORTEUR:
            raise DomainError(
                _("Choose the independent rapporteur's organisation."), field="organisation"
            )
        if organisation.type == OrganisationType.PLATFORM_OPERATOR:
            raise DomainError(_("Choose an organisation of the mechanism."), field="organisation")
        if CivilParty.objects.filter(case=case, organisation=organisation).exists():
            raise Conflict(_("This organisation is already a civil party."))
    party = CivilParty.objects.create(
        case=case,
        kind=kind,
        victim=victim,
        organisation=organisation,
        joined_on=past_date(joined_on, field="joined_on", not_before=case.opened_on),
        recorded_by=actor.user,
    )
    audit(
        actor,
        AuditEventType.CREATE,
        "civil_party_join",
        party,
        {
            "case": case.reference,
            "kind": kind,
            "victim": victim.person.reference if victim else None,
            "organisation": organisation.pk if organisation else None,
        },
    )
    return party


@transaction.atomic
def civil_claim_file(
    *,
    actor: Actor,
    civil_party: CivilParty,
    amount_claimed_eur: Decimal | str,
    filed_on: date,
    description: str = "",
) -> CivilClaim:
    case, _relation = lock_case(
        actor, civil_party.case, allowed=OFFICE_OR_COURT, refusal=office_or_court()
    )
    if case.status in CLOSED:
        raise Conflict(_("No claim is filed in a closed case."))
    claim = CivilClaim.objects.create(
        case=case,
        civil_party=civil_party,
        description=text(description, field="description"),
        amount_claimed_eur=euros(amount_claimed_eur, field="amount_claimed_eur", allow_zero=False),
        filed_on=past_date(filed_on, field="filed_on", not_before=civil_party.joined_on),
        recorded_by=actor.user,
    )
    audit(
        actor,
        AuditEventType.CREATE,
        "civil_claim_file",
        claim,
        {"case": case.reference, "civil_party": civil_party.pk, "amount": claim.amount_claimed_eur},
    )
    return claim


@transaction.atomic
def civil_claim_decide(
    *,
    actor: Actor,
    claim: CivilClaim,
    expected_version: int,
    status: str,
    decided_on: date,
    amount_awarded_eur: Decimal | str | None = None,
) -> CivilClaim:
    """The court awards or rejects a civil claim, in or after its judgment."""
    # An unknown outcome is refused once who, when and in which state are checked.
    transition = by_target(CIVIL_CLAIMS, status) or CIVIL_CLAIMS.transitions[0]

    def apply(step: Step[CivilClaim, OnCase]) -> None:
        locked = step.record
        chosen = choice(status, [ClaimStatus.AWARDED, ClaimStatus.REJECTED], field="status")
        awarded = optional_euros(amount_awarded_eur, field="amount_awarded_eur")
        if chosen == ClaimStatus.AWARDED:
            if awarded is None or awarded <= ZERO:
                raise DomainError(_("Give the amount awarded."), field="amount_awarded_eur")
            if awarded > locked.amount_claimed_eur:
                raise DomainError(
                    _("The court does not award more than is claimed."),
                    field="amount_awarded_eur",
                )
        elif awarded is not None:
            raise DomainError(_("A rejected claim awards nothing."), field="amount_awarded_eur")
        locked.amount_awarded_eur = awarded
        locked.decided_on = past_date(decided_on, field="decided_on", not_before=locked.filed_on)
        step.changes.update(
            {"case": step.context.case.reference, "status": chosen, "amount_awarded_eur": awarded}
        )

    return take(
        CIVIL_CLAIMS, transition, claim, actor=actor, expected_version=expected_version, apply=apply
    ).record


# Back pay ----------------------------------------------------------------------------------------


@transaction.atomic
def back_pay_claim_file(
    *,
    actor: Actor,
    case: CaseFile,
    worker: CaseVictim,
    route: str,
    amount_claimed_eur: Decimal | str,
    filed_on: date,
    employer: Company | None = None,
    worksite: Worksite | None = None,
    worked_from: date | None = None,
    worked_until: date | None = None,
    months_unpaid: int | None = None,
    worked_without_permit: bool | None = None,
) -> BackPayClaim:
    """A worker's wages. Joint liability: the employer and the companies above it in the
    site's chain become debtors (`liability.debtors_along_chain`); without a known start of
    work the 3-month presumption is applied and marked [K]. State procedure: recorded with
    the seed note's condition (6 months unpaid, configurable) shown as met or not; the NSSO
    decides (PRODUCT CHOICE: the platform does not refuse an application it only tracks)."""
    from nrm.prosecution.config import employment_presumption

    case, _relation = lock_case(
        actor, case, allowed=OFFICE_OR_INVESTIGATOR, refusal=office_or_investigators()
    )
    own_victim(case, worker, field="worker")
    route = choice(route, BackPayRoute.values, field="route")
    amount = euros(amount_claimed_eur, field="amount_claimed_eur", allow_zero=False)
    if worked_from is not None:
        past_date(worked_from, field="worked_from")
    if worked_until is not None:
        past_date(worked_until, field="worked_until")
        if worked_from is not None and worked_until < worked_from:
            raise DomainError(_("The work ends after it starts."), field="worked_until")
    if months_unpaid is not None and not 0 <= months_unpaid <= 600:
        raise DomainError(_("Give the number of months not paid."), field="months_unpaid")
    debtors = []
    if route == BackPayRoute.JOINT_LIABILITY:
        if employer is None:
            raise DomainError(_("Choose the employer."), field="employer")
        chain: dict[int, int | None] = {}
        if worksite is not None:
            links = list(ChainLink.objects.filter(worksite=worksite).select_related("parent"))
            chain = {
                link.company_id: (link.parent.company_id if link.parent else None) for link in links
            }
            if employer.pk not in chain:
                raise DomainError(
                    _("The employer is not in the chain recorded for that site."),
                    field="worksite",
                )
        debtors = debtors_along_chain(chain, employer.pk)
    else:
        if worked_without_permit is None:
            raise DomainError(
                _("Say whether the person worked without a work permit."),
                field="worked_without_permit",
            )
        if months_unpaid is None:
            raise DomainError(_("Give the number of months not paid."), field="months_unpaid")
    presumed = (
        employment_presumption().value
        if route == BackPayRoute.JOINT_LIABILITY and worked_from is None
        else None
    )
    claim = BackPayClaim.objects.create(
        case=case,
        worker=worker,
        route=route,
        employer=employer,
        worksite=worksite,
        worked_from=worked_from,
        worked_until=worked_until,
        months_presumed=presumed,
        months_unpaid=months_unpaid,
        worked_without_permit=worked_without_permit,
        amount_claimed_eur=amount,
        filed_on=past_date(filed_on, field="filed_on", not_before=case.opened_on),
        recorded_by=actor.user,
    )
    BackPayDebtor.objects.bulk_create(
        [
            BackPayDebtor(
                claim=claim, company_id=d.company_id, liability=d.liability, position=index
            )
            for index, d in enumerate(debtors)
        ]
    )
    audit(
        actor,
        AuditEventType.CREATE,
        "back_pay_claim_file",
        claim,
        {
            "case": case.reference,
            "worker": worker.person.reference,
            "route": route,
            "amount_eur": amount,
            "debtors": [[d.company_id, str(d.liability)] for d in debtors],
            "months_presumed": presumed,
        },
    )
    return claim


@transaction.atomic
def back_pay_debtor_exempt(*, actor: Actor, debtor: BackPayDebtor) -> BackPayDebtor:
    """The direct contractor showed the employer's written declaration: not liable."""
    case, _relation = lock_case(
        actor, debtor.claim.case, allowed=OFFICE_OR_INVESTIGATOR, refusal=office_or_investigators()
    )
    debtor = BackPayDebtor.objects.select_for_update().get(pk=debtor.pk)
    if debtor.liability != "DIRECT_CONTRACTOR":
        raise Conflict(_("Only the direct contractor is exempted by a written declaration."))
    if debtor.exempted:
        raise Conflict(_("This debtor is already exempted."))
    debtor.exempted = True
    debtor.save(update_fields=["exempted"])
    audit(
        actor,
        AuditEventType.UPDATE,
        "back_pay_debtor_exempt",
        debtor,
        {"case": case.reference, "company": debtor.company_id},
    )
    return debtor


@transaction.atomic
def back_pay_claim_decide(
    *,
    actor: Actor,
    claim: BackPayClaim,
    expected_version: int,
    status: str,
    decided_on: date,
    amount_paid_eur: Decimal | str | None = None,
) -> BackPayClaim:
    """The outcome reported by whoever decides (the employer paying, a labour court, the
    NSSO): granted, refused, paid."""
    transition = by_target(BACK_PAY_CLAIMS, status) or BACK_PAY_CLAIMS.transitions[0]

    def apply(step: Step[BackPayClaim, OnCase]) -> None:
        locked = step.record
        chosen = choice(
            status,
            [BackPayStatus.GRANTED, BackPayStatus.REFUSED, BackPayStatus.PAID],
            field="status",
        )
        paid = optional_euros(amount_paid_eur, field="amount_paid_eur")
        if chosen == BackPayStatus.PAID:
            if paid is None or paid <= ZERO:
                raise DomainError(_("Give the amount paid."), field="amount_paid_eur")
            if paid > locked.amount_claimed_eur:
                raise DomainError(_("More than the amount claimed."), field="amount_paid_eur")
        elif paid is not None:
            raise DomainError(_("Only a payment has an amount paid."), field="amount_paid_eur")
        locked.amount_paid_eur = paid
        locked.decided_on = past_date(decided_on, field="decided_on", not_before=locked.filed_on)
        step.changes.update(
            {"case": step.context.case.reference, "status": chosen, "amount_paid_eur": paid}
        )

    return take(
        BACK_PAY_CLAIMS,
        transition,
        claim,
        actor=actor,
        expected_version=expected_version,
        apply=apply,
    ).record


# The state fund ----------------------------------------------------------------------------


@transaction.atomic
def state_fund_application_file(
    *,
    actor: Actor,
    case: CaseFile,
    victim: CaseVictim,
    filed_on: date,
    amount_requested_eur: Decimal | str,
    note: str = "",
) -> StateFundApplication:
    """Track an application to the Commission for financial aid to victims of intentional
    acts of violence (PRODUCT CHOICE: the office tracks it; the Commission asks the
    prosecution for the file)."""
    case, _relation = lock_case(actor, case, allowed=OFFICE, refusal=office_only())
    own_victim(case, victim)
    application = StateFundApplication.objects.create(
        case=case,
        victim=victim,
        filed_on=past_date(filed_on, field="filed_on", not_before=case.opened_on),
        amount_requested_eur=euros(
            amount_requested_eur, field="amount_requested_eur", allow_zero=False
        ),
        note=text(note, field="note"),
        recorded_by=actor.user,
    )
    audit(
        actor,
        AuditEventType.CREATE,
        "state_fund_application_file",
        application,
        {
            "case": case.reference,
            "victim": victim.person.reference,
            "amount_requested_eur": application.amount_requested_eur,
        },
    )
    return application


@transaction.atomic
def state_fund_application_decide(
    *,
    actor: Actor,
    application: StateFundApplication,
    expected_version: int,
    status: str,
    decided_on: date,
    amount_granted_eur: Decimal | str | None = None,
) -> StateFundApplication:
    registry = STATE_FUND_APPLICATIONS
    transition = by_target(registry, status) or registry.transitions[0]

    def apply(step: Step[StateFundApplication, OnCase]) -> None:
        locked = step.record
        chosen = choice(
            status,
            [StateFundStatus.GRANTED, StateFundStatus.REFUSED, StateFundStatus.WITHDRAWN],
            field="status",
        )
        granted = optional_euros(amount_granted_eur, field="amount_granted_eur")
        if chosen == StateFundStatus.GRANTED:
            if granted is None or granted <= ZERO:
                raise DomainError(_("Give the amount granted."), field="amount_granted_eur")
            if granted > locked.amount_requested_eur:
                raise DomainError(_("More than the amount requested."), field="amount_granted_eur")
            ceiling = state_fund_ceiling().value
            if ceiling is not None and granted > Decimal(ceiling):
                raise DomainError(
                    _("Above the configured ceiling of EUR %(ceiling)s (unverified).")
                    % {"ceiling": ceiling},
                    field="amount_granted_eur",
                )
        elif granted is not None:
            raise DomainError(
                _("Only a granted application has an amount."), field="amount_granted_eur"
            )
        locked.amount_granted_eur = granted
        locked.decided_on = past_date(decided_on, field="decided_on", not_before=locked.filed_on)
        step.changes.update(
            {"case": step.context.case.reference, "status": chosen, "amount_granted_eur": granted}
        )

    return take(
        registry,
        transition,
        application,
        actor=actor,
        expected_version=expected_version,
        apply=apply,
    ).record
