"""Protected victim statements and their disclosure to the defence.

A statement is stored apart from the case file, encrypted. The defence (a lawyer, not a
user of the platform) receives it only after a judge of the court seised records a decision
granting it: who decided, when, the scope (the full text, or a redacted version the judge
writes), the conditions, whether the defence may question the victim, for whose defence,
until when. A granted decision allows one export, made by the court and handed to the
lawyer; the export is claimed with a conditional UPDATE so that two clicks cannot make two,
and it is audited. The text never enters the audit trail.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nrm.access.context import Actor
from nrm.access.models import AuditEventType
from nrm.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from nrm.prosecution import permissions
from nrm.prosecution.actions._common import (
    COURT,
    OFFICE_OR_INVESTIGATOR,
    STATEMENT_MAX,
    audit,
    choice,
    court_only,
    lock_case,
    office_or_investigators,
    own_suspect,
    own_victim,
    past_date,
    required_text,
    today,
)
from nrm.prosecution.actions._common import text as clean_text
from nrm.prosecution.models import (
    CaseFile,
    CaseSuspect,
    CaseVictim,
    DisclosureDecision,
    ProtectedStatement,
)
from nrm.prosecution.permissions import Relation
from nrm.prosecution.vocab import DisclosureOutcome, DisclosureScope


@transaction.atomic
def statement_record(
    *,
    actor: Actor,
    case: CaseFile,
    victim: CaseVictim,
    taken_on: date,
    text: str,
    language: str = "",
) -> ProtectedStatement:
    """Record a victim's statement (taken by the police, the inspection or the office)."""
    case, _relation = lock_case(
        actor, case, allowed=OFFICE_OR_INVESTIGATOR, refusal=office_or_investigators()
    )
    own_victim(case, victim)
    assert actor.organisation is not None
    body = required_text(text, field="text", message=_("Write the statement."), limit=STATEMENT_MAX)
    statement = ProtectedStatement.objects.create(
        case=case,
        victim=victim,
        taken_on=past_date(taken_on, field="taken_on"),
        language=clean_text(language, field="language", limit=3),
        text=body,
        taken_by_organisation=actor.organisation,
        recorded_by=actor.user,
    )
    audit(
        actor,
        AuditEventType.CREATE,
        "statement_record",
        statement,
        # Never the text: the audit trail is read by auditors, not by the case's team.
        {"case": case.reference, "victim": victim.person.reference, "length": len(body)},
    )
    return statement


def _court_of(actor: Actor, statement: ProtectedStatement) -> CaseFile:
    """The statement's case, locked, for a judge of its court. Whoever may not read the
    statement (an investigator of the case included) is answered 404, not 403: they must not
    learn that it exists."""
    case, relation = lock_case(
        actor,
        statement.case,
        allowed=frozenset({Relation.OFFICE, Relation.COURT, Relation.INVESTIGATOR}),
        refusal="",
    )
    if relation not in permissions.READS_STATEMENTS:
        raise NotFound(_("No such statement."))
    if relation not in COURT:
        raise PermissionDenied(court_only())
    return case


@transaction.atomic
def disclosure_decide(
    *,
    actor: Actor,
    statement: ProtectedStatement,
    outcome: str,
    decided_on: date,
    scope: str = "",
    redacted_text: str = "",
    conditions: str = "",
    questioning_allowed: bool = False,
    defence_of: CaseSuspect | None = None,
    recipient: str = "",
    valid_until: date | None = None,
) -> DisclosureDecision:
    """A judge of the court seised decides whether and how the defence sees a statement,
    weighing the risk to the victim."""
    case = _court_of(actor, statement)
    outcome = choice(outcome, DisclosureOutcome.values, field="outcome")
    on = past_date(decided_on, field="decided_on", not_before=statement.taken_on)
    if defence_of is not None:
        own_suspect(case, defence_of, field="defence_of")
    if outcome == DisclosureOutcome.GRANTED:
        scope = choice(scope, DisclosureScope.values, field="scope")
        if scope == DisclosureScope.REDACTED:
            redacted_text = required_text(
                redacted_text,
                field="redacted_text",
                message=_("Write the redacted version the defence may see."),
                limit=STATEMENT_MAX,
            )
        else:
            redacted_text = ""
        if valid_until is not None and valid_until < on:
            raise DomainError(_("The disclosure ends after it is decided."), field="valid_until")
    else:
        if scope or redacted_text or questioning_allowed or recipient or valid_until:
            raise DomainError(
                _("A refusal has no scope, redacted version, recipient or period."), field="scope"
            )
    assert case.court is not None  # the relation COURT implies it
    decision = DisclosureDecision.objects.create(
        statement=statement,
        court=case.court,
        decided_by=actor.user,
        decided_on=on,
        outcome=outcome,
        scope=scope,
        redacted_text=redacted_text,
        conditions=clean_text(conditions, field="conditions"),
        questioning_allowed=questioning_allowed,
        defence_of=defence_of,
        recipient=clean_text(recipient, field="recipient", limit=300),
        valid_until=valid_until,
    )
    audit(
        actor,
        AuditEventType.CREATE,
        "disclosure_decide",
        decision,
        {
            "case": case.reference,
            "statement": statement.reference,
            "outcome": outcome,
            "scope": scope or None,
            "questioning_allowed": questioning_allowed,
            "defence_of": defence_of.pk if defence_of else None,
            "valid_until": valid_until,
        },
    )
    return decision


@transaction.atomic
def disclosure_revoke(*, actor: Actor, disclosure: DisclosureDecision) -> DisclosureDecision:
    """Withdraw a granted disclosure before it is exported."""
    case = _court_of(actor, disclosure.statement)
    disclosure = DisclosureDecision.objects.select_for_update().get(pk=disclosure.pk)
    if disclosure.outcome != DisclosureOutcome.GRANTED:
        raise Conflict(_("Only a granted disclosure is revoked."))
    if disclosure.revoked_at is not None:
        raise Conflict(_("This disclosure was already revoked."))
    if disclosure.exported_at is not None:
        raise Conflict(_("This statement was already handed to the defence."))
    disclosure.revoked_at = timezone.now()
    disclosure.save(update_fields=["revoked_at"])
    audit(
        actor,
        AuditEventType.END,
        "disclosure_revoke",
        disclosure,
        {"case": case.reference, "statement": disclosure.statement.reference},
    )
    return disclosure


@dataclass(frozen=True)
class DisclosureDocument:
    """What the defence receives: only what the decision's scope allows."""

    case_reference: str
    statement_reference: str
    taken_on: date
    language: str
    text: str
    scope: str
    conditions: str
    questioning_allowed: bool
    defence_of: str
    recipient: str
    decided_on: date
    decided_by: str
    court: str
    exported_at: datetime


@transaction.atomic
def disclosure_export(*, actor: Actor, disclosure: DisclosureDecision) -> DisclosureDocument:
    """The one export a granted disclosure allows, by a judge of the court; audited."""
    case = _court_of(actor, disclosure.statement)
    current = DisclosureDecision.objects.select_related("statement").get(pk=disclosure.pk)
    if current.outcome != DisclosureOutcome.GRANTED:
        raise Conflict(_("The judge refused to disclose this statement."))
    if current.revoked_at is not None:
        raise Conflict(_("This disclosure was revoked."))
    if current.valid_until is not None and current.valid_until < today():
        raise Conflict(
            _("This disclosure was allowed until %(date)s.")
            % {"date": current.valid_until.isoformat()}
        )
    now = timezone.now()
    claimed = DisclosureDecision.objects.filter(
        pk=current.pk,
        outcome=DisclosureOutcome.GRANTED,
        revoked_at__isnull=True,
        exported_at__isnull=True,
    ).update(exported_at=now, exported_by=actor.user)
    if claimed != 1:
        raise Conflict(
            _("This statement was already handed to the defence on %(date)s.")
            % {"date": timezone.localtime(current.exported_at).strftime("%Y-%m-%d %H:%M")}
            if current.exported_at
            else _("This statement was already handed to the defence.")
        )
    statement = current.statement
    body = statement.text if current.scope == DisclosureScope.FULL else current.redacted_text
    defence = (
        CaseSuspect.objects.select_related("person", "company").get(pk=current.defence_of_id).label
        if current.defence_of_id
        else _("every defendant")
    )
    audit(
        actor,
        AuditEventType.EXPORT,
        "disclosure_export",
        current,
        {
            "case": case.reference,
            "statement": statement.reference,
            "scope": current.scope,
            "defence_of": current.defence_of_id,
        },
    )
    return DisclosureDocument(
        case_reference=case.reference,
        statement_reference=statement.reference,
        taken_on=statement.taken_on,
        language=statement.language,
        text=body,
        scope=current.scope,
        conditions=current.conditions,
        questioning_allowed=current.questioning_allowed,
        defence_of=defence,
        recipient=current.recipient,
        decided_on=current.decided_on,
        decided_by=current.decided_by.get_full_name() or current.decided_by.username,
        court=str(current.court),
        exported_at=now,
    )
