"""Every write to an identification decision.

`identification_decide` takes the first decision on a person; the workflow's steps
(`workflow.DECISIONS`) inform the person, record a request for reconsideration and decide
again. A positive decision attaches the victim's rights: the step IDENTIFIED in the
person's pathway (which opens the reflection or restitution period to the competent
authority) and the CMM's support (an involvement for care).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from nrm.access.actions import involvement_open
from nrm.access.audit import audit_record
from nrm.access.context import Actor
from nrm.access.models import AuditEventType, InvolvementBasis, Purpose
from nrm.access.policy import Ability, decide_person
from nrm.core.errors import Conflict, DomainError, NotFound, PermissionDenied, bounded_text
from nrm.core.workflow import Step, take
from nrm.identification.models import (
    DecisionEvent,
    DecisionStatus,
    IdentificationDecision,
    InformedHow,
    Outcome,
)
from nrm.identification.workflow import (
    DECISIONS,
    IDENTIFIED_EVENT,
    INFORM,
    RECONSIDER,
    REQUEST_RECONSIDERATION,
    Context,
    may_decide,
)
from nrm.organisations.models import Organisation, OrganisationType
from nrm.people.models import Person
from nrm.protection.actions import pathway_event_record
from nrm.protection.engine import today_in
from nrm.protection.models import PathwayRecord, StatusEvent

REASONS_MAX = 4000


def legal_stay_of(person: Person) -> bool:
    """The fact that decides who identifies: set on the person's pathway (no record yet:
    no legal stay known)."""
    record = PathwayRecord.objects.filter(person=person).only("has_legal_stay").first()
    return bool(record and record.has_legal_stay)


def _text(value: str, *, field: str, required_message: str) -> str:
    text = bounded_text(value, field=field, limit=REASONS_MAX)
    if not text:
        raise DomainError(required_message, field=field)
    return text


def _date(on: dt.date, *, field: str = "on", not_before: dt.date | None = None) -> dt.date:
    if on > today_in(settings.NRM_JURISDICTION):
        raise DomainError(_("A decision cannot be dated in the future."), field=field)
    if not_before is not None and on < not_before:
        raise DomainError(
            _("This step cannot come before the decision of %(date)s.")
            % {"date": not_before.isoformat()},
            field=field,
        )
    return on


def _outcome(value: str) -> str:
    if value not in Outcome.values:
        raise DomainError(
            _("Choose whether the person is identified as a victim."), field="outcome"
        )
    return value


def _competent(actor: Actor, person: Person) -> tuple[Organisation, bool]:
    legal_stay = legal_stay_of(person)
    if not may_decide(actor, settings.NRM_JURISDICTION, legal_stay):
        if legal_stay:
            raise PermissionDenied(
                _("A person with legal stay is identified by the Center mod Menneskehandel.")
            )
        raise PermissionDenied(
            _("A person without legal stay is identified by the Danish Immigration Service.")
        )
    assert actor.organisation is not None  # may_decide checked it
    return actor.organisation, legal_stay


def _attach_rights(actor: Actor, decision: IdentificationDecision) -> StatusEvent | None:
    """A positive decision: the IDENTIFIED step in the pathway, and the CMM's support.

    The step is recorded only on a pathway that has none yet (a person already further on
    keeps their path; the decision is then the record of identification)."""
    person = decision.person
    cmm = (
        Organisation.objects.filter(
            type=OrganisationType.IDENTIFICATION_BODY,
            country=settings.NRM_JURISDICTION,
            is_active=True,
        )
        .order_by("pk")
        .first()
    )
    if cmm is not None:
        # RULES.md §6: a CMM contact person coordinates the support during the period; it
        # is not conditional on cooperation with the police (TIP-DK-2023).
        involvement_open(
            actor=actor,
            person=person,
            organisation=cmm,
            purpose=Purpose.CARE,
            basis=InvolvementBasis.DECISION_REQUIRED,
        )
    record = PathwayRecord.objects.select_for_update().filter(person=person).first()
    if record is not None and record.events.exists():
        return None
    return pathway_event_record(
        actor=actor,
        person=person,
        event_type=IDENTIFIED_EVENT,
        on=decision.decided_on,
        expected_version=record.version if record is not None else 0,
    )


def _create(
    *,
    actor: Actor,
    person: Person,
    body: Organisation,
    legal_stay: bool,
    outcome: str,
    reasons: str,
    on: dt.date,
    reconsiders: IdentificationDecision | None = None,
) -> IdentificationDecision:
    decision = IdentificationDecision.objects.create(
        person=person,
        body=body,
        legal_stay=legal_stay,
        outcome=outcome,
        reasons=reasons,
        decided_on=on,
        reconsiders=reconsiders,
        decided_by=actor.user,
    )
    DecisionEvent.objects.create(
        decision=decision,
        transition="decide",
        from_status="",
        to_status=decision.status,
        on=on,
        by=actor.user,
        organisation=body,
    )
    if decision.is_positive:
        decision.status_event = _attach_rights(actor, decision)
        if decision.status_event is not None:
            decision.save(update_fields=["status_event"])
    audit_record(
        actor=actor,
        event_type=AuditEventType.CREATE,
        action="identification_decide",
        record=decision,
        purpose=decide_person(actor, person.pk, Ability.PERSON_VIEW).purpose,
        # Never the reasons themselves: they are personal data, kept encrypted.
        changes={
            "person": person.pk,
            "outcome": outcome,
            "decided_on": on.isoformat(),
            "legal_stay": legal_stay,
            "reconsiders": reconsiders.pk if reconsiders else None,
            "pathway_event": decision.status_event.pk if decision.status_event else None,
        },
    )
    return decision


@transaction.atomic
def identification_decide(
    *, actor: Actor, person: Person, outcome: str, reasons: str, on: dt.date
) -> IdentificationDecision:
    """The competent authority's first decision on whether the person is a victim."""
    if not decide_person(actor, person.pk, Ability.PERSON_VIEW).allowed:
        raise NotFound(_("No such person."))
    body, legal_stay = _competent(actor, person)
    # Serialise deciders on the same person: the person's row is the lock.
    Person.objects.select_for_update().filter(pk=person.pk).first()
    current = (
        IdentificationDecision.objects.filter(person=person)
        .exclude(status=DecisionStatus.RECONSIDERED)
        .first()
    )
    if current is not None:
        raise Conflict(
            _(
                "This person already has a decision of %(date)s; a new one follows only a "
                "request for reconsideration."
            )
            % {"date": current.decided_on.isoformat()}
        )
    outcome = _outcome(outcome)
    reasons = _text(
        reasons, field="reasons", required_message=_("Give the reasons for the decision.")
    )
    on = _date(on)
    return _create(
        actor=actor,
        person=person,
        body=body,
        legal_stay=legal_stay,
        outcome=outcome,
        reasons=reasons,
        on=on,
    )


@transaction.atomic
def identification_inform(
    *,
    actor: Actor,
    decision: IdentificationDecision,
    expected_version: int,
    on: dt.date,
    how: str,
) -> IdentificationDecision:
    """The person has been told of the decision and its reasons."""

    def apply(step: Step[IdentificationDecision, Context]) -> None:
        if how not in InformedHow.values:
            raise DomainError(_("Say how the person was informed."), field="how")
        informed_on = _date(on, not_before=step.record.decided_on)
        step.record.informed_on = informed_on
        step.record.informed_how = how
        step.history_fields["on"] = informed_on
        step.changes.update({"informed_on": informed_on.isoformat(), "how": how})

    return take(
        DECISIONS, INFORM, decision, actor=actor, expected_version=expected_version, apply=apply
    ).record


@transaction.atomic
def identification_reconsideration_request(
    *,
    actor: Actor,
    decision: IdentificationDecision,
    expected_version: int,
    on: dt.date,
    grounds: str,
) -> IdentificationDecision:
    """The person asks the authority to reconsider a negative decision, with grounds."""

    def apply(step: Step[IdentificationDecision, Context]) -> None:
        why = _text(
            grounds,
            field="grounds",
            required_message=_("Give the grounds for the reconsideration."),
        )
        requested_on = _date(on, not_before=step.record.informed_on or step.record.decided_on)
        step.record.reconsideration_requested_on = requested_on
        step.record.reconsideration_grounds = why
        step.history_fields["on"] = requested_on
        step.changes["requested_on"] = requested_on.isoformat()

    return take(
        DECISIONS,
        REQUEST_RECONSIDERATION,
        decision,
        actor=actor,
        expected_version=expected_version,
        apply=apply,
    ).record


@transaction.atomic
def identification_reconsider(
    *,
    actor: Actor,
    decision: IdentificationDecision,
    expected_version: int,
    outcome: str,
    reasons: str,
    on: dt.date,
) -> IdentificationDecision:
    """The authority decides again; the new decision replaces the reconsidered one (and, if
    positive, attaches the victim's rights). Returns the new decision."""
    checked: dict[str, object] = {}

    def apply(step: Step[IdentificationDecision, Context]) -> None:
        # A second look: the reconsideration is never decided by the first decider
        # (issue 18 item 6; the reviews of declined referrals and opinions hold the same).
        if step.record.decided_by_id == actor.user.pk:
            raise PermissionDenied(
                _("Another caseworker reconsiders the decision: not the one who made it.")
            )
        checked["outcome"] = _outcome(outcome)
        checked["reasons"] = _text(
            reasons, field="reasons", required_message=_("Give the reasons for the decision.")
        )
        checked["on"] = _date(
            on, not_before=step.record.reconsideration_requested_on or step.record.decided_on
        )
        step.history_fields["on"] = checked["on"]
        step.changes["new_outcome"] = checked["outcome"]

    step = take(
        DECISIONS, RECONSIDER, decision, actor=actor, expected_version=expected_version, apply=apply
    )
    old = step.record
    on_date = checked["on"]
    assert isinstance(on_date, dt.date)
    return _create(
        actor=actor,
        person=old.person,
        body=old.body,
        legal_stay=old.legal_stay,
        outcome=str(checked["outcome"]),
        reasons=str(checked["reasons"]),
        on=on_date,
        reconsiders=old,
    )
