"""The qualification of the case facts (a dated snapshot of the engine's result) and the
charges against each suspect."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from nrm import law
from nrm.access.context import Actor
from nrm.access.models import AuditEventType
from nrm.core.errors import Conflict, DomainError
from nrm.prosecution import charges
from nrm.prosecution.actions._common import (
    OFFICE,
    audit,
    lock_case,
    office_only,
    own_suspect,
    past_date,
    text,
    today,
)
from nrm.prosecution.models import CaseFile, CaseSuspect, Charge, QualificationSnapshot
from nrm.prosecution.vocab import CaseStatus
from nrm.qualification.config import law_config

# Charges change while the case is investigated and before the court; after the
# requisitions they are what the court judges.
CHARGEABLE = frozenset({CaseStatus.REGISTERED, CaseStatus.INVESTIGATION, CaseStatus.INDICTED})


def _facts_error(problems: list[law.Problem]) -> DomainError:
    """All the problems in one message; the field is the engine's path of the first one
    (`victim.age_at_acts`), which the pages map to their form field."""
    lines = [f"{p.path}: {p.message.render(_)}" for p in problems]
    field = problems[0].path if problems and problems[0].path != "$" else "facts"
    return DomainError(
        _("The facts are not valid: %(problems)s") % {"problems": "; ".join(lines)}, field=field
    )


@transaction.atomic
def qualification_snapshot_take(
    *,
    actor: Actor,
    case: CaseFile,
    facts: dict[str, Any],
    jurisdictions: list[str] | None = None,
    note: str = "",
    taken_on: date | None = None,
) -> QualificationSnapshot:
    """Run the qualification engine on the case facts and keep its result as it is today:
    facts, result, rulesets applied, who and when. A later change of the rules does not
    change a snapshot; a new snapshot does."""
    case, _relation = lock_case(actor, case, allowed=OFFICE, refusal=office_only())
    try:
        parsed = law.parse_facts(facts)
    except law.FactsError as exc:
        raise _facts_error(list(exc.problems)) from exc
    # The installation's legal rulesets unless the prosecutor chose (nrm/installations/).
    default = list(settings.NRM_INSTALLATION.law_rulesets) or [settings.NRM_JURISDICTION]
    chosen = list(dict.fromkeys(jurisdictions or default))
    try:
        report = law.qualify(parsed, chosen, law_config())
    except ValueError as exc:
        raise DomainError(_("Choose jurisdictions from the list."), field="jurisdictions") from exc
    result = law.report_to_json(report, _)
    rows = result["results"]
    assert isinstance(rows, list)
    own = next(
        (
            r
            for r in rows
            if isinstance(r, dict) and r.get("jurisdiction") == settings.NRM_JURISDICTION
        ),
        rows[0] if rows else {},
    )
    snapshot = QualificationSnapshot.objects.create(
        case=case,
        taken_on=past_date(taken_on or today(), field="taken_on"),
        facts=facts,
        result=result,
        rulesets=[r["ruleset"] for r in rows if isinstance(r, dict)],
        jurisdictions=chosen,
        summary=str(own.get("result", "")) if isinstance(own, dict) else "",
        language=get_language() or settings.LANGUAGE_CODE,
        note=text(note, field="note"),
        taken_by=actor.user,
    )
    audit(
        actor,
        AuditEventType.CREATE,
        "qualification_snapshot_take",
        snapshot,
        {
            "case": case.reference,
            "jurisdictions": chosen,
            "rulesets": snapshot.rulesets,
            "result": snapshot.summary,
        },
    )
    return snapshot


@transaction.atomic
def charge_add(
    *,
    actor: Actor,
    case: CaseFile,
    suspect: CaseSuspect,
    provision: str,
    description: str = "",
    snapshot: QualificationSnapshot | None = None,
    charged_on: date | None = None,
) -> Charge:
    case, _relation = lock_case(actor, case, allowed=OFFICE, refusal=office_only())
    if case.status not in CHARGEABLE:
        raise Conflict(_("Charges no longer change once the conviction has been requested."))
    own_suspect(case, suspect)
    if snapshot is not None and snapshot.case_id != case.pk:
        raise DomainError(_("This qualification belongs to another case."), field="snapshot")
    provision = provision.strip()
    refused = charges.refusal(provision, charges.offence_period(case, snapshot))
    if refused is not None:
        raise DomainError(refused, field="provision")
    if Charge.objects.filter(
        suspect=suspect, provision=provision, withdrawn_on__isnull=True
    ).exists():
        raise Conflict(_("This suspect is already charged under this provision."))
    charge = Charge.objects.create(
        case=case,
        suspect=suspect,
        provision=provision,
        is_trafficking=charges.is_trafficking(provision),
        description=text(description, field="description", limit=300),
        snapshot=snapshot,
        added_on=past_date(charged_on or today(), field="charged_on", not_before=case.opened_on),
        added_by=actor.user,
    )
    audit(
        actor,
        AuditEventType.CREATE,
        "charge_add",
        charge,
        {
            "case": case.reference,
            "suspect": suspect.pk,
            "provision": provision,
            "citation": charges.provision_citation(provision),
            "trafficking": charge.is_trafficking,
        },
    )
    return charge


@transaction.atomic
def charge_withdraw(*, actor: Actor, charge: Charge, withdrawn_on: date | None = None) -> Charge:
    case, _relation = lock_case(actor, charge.case, allowed=OFFICE, refusal=office_only())
    if case.status not in CHARGEABLE:
        raise Conflict(_("Charges no longer change once the conviction has been requested."))
    charge = Charge.objects.select_for_update().get(pk=charge.pk)
    if charge.withdrawn_on is not None:
        raise Conflict(_("This charge was already withdrawn."))
    charge.withdrawn_on = past_date(
        withdrawn_on or today(), field="withdrawn_on", not_before=charge.added_on
    )
    charge.withdrawn_by = actor.user
    charge.save(update_fields=["withdrawn_on", "withdrawn_by"])
    audit(
        actor,
        AuditEventType.END,
        "charge_withdraw",
        charge,
        {"case": case.reference, "provision": charge.provision},
    )
    return charge
