"""Every write of a person's say: consent answers, withdrawals, safe contact. Audited; free
text is encrypted and never in the audit row."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nrm.access.audit import audit_record
from nrm.access.context import Actor
from nrm.access.models import AuditEventType
from nrm.access.policy import Ability
from nrm.consent import rules
from nrm.consent.models import (
    ConsentBasis,
    ConsentPurpose,
    ConsentRecord,
    ContactChannel,
    SafeContact,
    UnsafeKind,
)
from nrm.core.errors import Conflict, DomainError, NotFound, bounded_text
from nrm.people.models import Person
from nrm.people.queries import person_find_for_actor
from nrm.people.vocab import LANGUAGE_CODES

TEXT_MAX = 2000


@dataclass
class ConsentAnswer:
    purpose: str
    given: bool
    on: dt.date
    # The language the question was asked in; empty only where an older record of the
    # answer did not say (a screening's worker of unknown language).
    language: str
    interpreter: bool = False
    basis: str = ConsentBasis.PERSON
    guardian_informed: bool = False
    channels: list[str] = field(default_factory=list)
    note: str = ""


def _validate(answer: ConsentAnswer, person: Person) -> None:
    if answer.purpose not in ConsentPurpose.values:
        raise DomainError(_("Choose the purpose from the list."), field="purpose")
    if answer.on > timezone.localdate():
        raise DomainError(_("An answer cannot be dated in the future."), field="on")
    if answer.language and answer.language not in LANGUAGE_CODES:
        raise DomainError(_("Choose the language the question was asked in."), field="language")
    if answer.basis not in ConsentBasis.values:
        raise DomainError(_("Choose the basis from the list."), field="basis")
    if answer.basis == ConsentBasis.CHILD_BEST_INTERESTS:
        if not rules.child_exemption_applies(answer.purpose, person.age_at_first_contact):
            raise DomainError(
                _(
                    "A decision in the child's best interests replaces consent only for a "
                    "child's referral or the sharing with the police and the prosecution "
                    "(Directive 2011/36/EU art. 13)."
                ),
                field="basis",
            )
        if not answer.guardian_informed:
            raise DomainError(
                _("Inform the guardian before deciding in the child's best interests."),
                field="guardian_informed",
            )
        if not answer.given:
            raise DomainError(
                _("A best-interests decision records that the step goes ahead."), field="given"
            )
    if answer.purpose == ConsentPurpose.CONTACT and answer.given:
        if not answer.channels:
            raise DomainError(
                _("Say by which channels the person may be contacted."), field="channels"
            )
        if any(c not in ContactChannel.values for c in answer.channels):
            raise DomainError(_("Choose the channels from the list."), field="channels")
    bounded_text(answer.note, field="note", limit=TEXT_MAX)


@transaction.atomic
def consent_record(*, actor: Actor, person: Person, answer: ConsentAnswer) -> ConsentRecord:
    """Record the person's answer for one purpose; it governs from now on."""
    person, decision = person_find_for_actor(actor, person.reference, ability=Ability.PERSON_EDIT)
    _validate(answer, person)
    assert actor.organisation is not None  # person_find_for_actor allowed an edit
    record = ConsentRecord.objects.create(
        person=person,
        purpose=answer.purpose,
        given=answer.given,
        basis=answer.basis,
        on=answer.on,
        organisation=actor.organisation,
        asked_by=actor.user,
        language=answer.language,
        interpreter=answer.interpreter,
        guardian_informed=answer.guardian_informed,
        channels=answer.channels if answer.purpose == ConsentPurpose.CONTACT else [],
        note=answer.note.strip(),
    )
    audit_record(
        actor=actor,
        event_type=AuditEventType.CREATE,
        action="consent_record",
        record=record,
        purpose=decision.purpose,
        changes={
            "person": person.reference,
            "purpose": answer.purpose,
            "given": answer.given,
            "basis": answer.basis,
            "on": answer.on.isoformat(),
            "language": answer.language,
            "interpreter": answer.interpreter,
        },
    )
    return record


@dataclass
class ConsentConfirmation:
    """The person, asked now by the one who takes a step (a referral), agrees to it: what
    the step's form or API call confirms, recorded as the person's answer for its purpose."""

    language: str
    interpreter: bool = False


def consent_confirm(
    *,
    actor: Actor,
    person: Person,
    purpose: str,
    confirmation: ConsentConfirmation,
    on: dt.date,
) -> ConsentRecord:
    """Record a consent confirmed with the step it allows, in the step's transaction."""
    if not confirmation.language:
        raise DomainError(
            _("Choose the language the question was asked in."), field="consent_language"
        )
    return consent_record(
        actor=actor,
        person=person,
        answer=ConsentAnswer(
            purpose=purpose,
            given=True,
            on=on,
            language=confirmation.language,
            interpreter=confirmation.interpreter,
        ),
    )


@transaction.atomic
def consent_withdraw(*, actor: Actor, consent_id: int) -> ConsentRecord:
    """The person withdraws a consent: dated today (a withdrawal is never backdated); what
    the consent allowed stops now, what was shared stays recorded as shared."""
    record = (
        ConsentRecord.objects.select_for_update()
        .select_related("person")
        .filter(pk=consent_id)
        .first()
    )
    if record is None:
        raise NotFound(_("No such record."))
    _person, decision = person_find_for_actor(
        actor, record.person.reference, ability=Ability.PERSON_EDIT
    )
    if not record.given or record.withdrawn_on is not None:
        raise Conflict(_("Only a consent in force can be withdrawn."))
    record.withdrawn_on = timezone.localdate()
    record.withdrawn_by = actor.user
    record.save(update_fields=["withdrawn_on", "withdrawn_by"])
    audit_record(
        actor=actor,
        event_type=AuditEventType.UPDATE,
        action="consent_withdraw",
        record=record,
        purpose=decision.purpose,
        changes={
            "person": record.person.reference,
            "purpose": record.purpose,
            "withdrawn_on": record.withdrawn_on.isoformat(),
        },
    )
    return record


@dataclass
class SafeContactData:
    how: str = ""
    when: str = ""
    where: str = ""
    never_use: list[dict[str, str]] = field(default_factory=list)


@transaction.atomic
def safe_contact_save(
    *, actor: Actor, person: Person, expected_version: int, data: SafeContactData
) -> SafeContact:
    person, decision = person_find_for_actor(actor, person.reference, ability=Ability.PERSON_EDIT)
    for name in ("how", "when", "where"):
        bounded_text(getattr(data, name), field=name, limit=TEXT_MAX)
    for entry in data.never_use:
        if entry.get("kind") not in UnsafeKind.values or not entry.get("value", "").strip():
            raise DomainError(
                _("Each channel never to use needs its kind and its value."), field="never_use"
            )
    safe = SafeContact.objects.select_for_update().filter(person=person).first()
    current = safe.version if safe else 0
    if current != expected_version:
        raise Conflict(
            _("Someone else changed this record while you were editing. Reload and try again.")
        )
    if safe is None:
        safe = SafeContact(person=person, version=0)
    safe.how, safe.when, safe.where = data.how.strip(), data.when.strip(), data.where.strip()
    safe.never_use = [
        {"kind": e["kind"], "value": e["value"].strip(), "reason": e.get("reason", "").strip()}
        for e in data.never_use
    ]
    safe.version += 1
    safe.updated_at = timezone.now()
    safe.updated_by = actor.user
    safe.save()
    audit_record(
        actor=actor,
        event_type=AuditEventType.UPDATE,
        action="safe_contact_save",
        record=person,
        purpose=decision.purpose,
        # What changed, never the values: an unsafe address is exactly what must not leak.
        changes={"version": safe.version, "never_use": len(safe.never_use)},
    )
    return safe
