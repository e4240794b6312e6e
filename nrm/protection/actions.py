"""Every write to a person's residence-status pathway.

Decisions are recorded only by the organisation that takes them (`rules.RECORDERS`); the
engine refuses events out of order, with the reason (409); two people deciding on the same
version: the second gets a conflict and nothing is applied.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nrm import pathway
from nrm.access.actions import involvement_open
from nrm.access.audit import audit_record
from nrm.access.context import Actor
from nrm.access.models import AuditEventType, Involvement, InvolvementBasis, Purpose
from nrm.access.policy import Ability, decide_person
from nrm.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from nrm.organisations.models import Organisation, OrganisationType
from nrm.people.models import Person
from nrm.protection.engine import config, engine_person, engine_state, start_of_day, today_in
from nrm.protection.models import Deadline, DeadlineStatus, PathwayRecord, StatusEvent
from nrm.protection.rules import may_record

# Where the engine names a kind of organisation, the organisation responsible for a
# deadline: the national authority, or the one involved with the person for that purpose.
_ORGANISATION_FOR_KIND: dict[str, tuple[tuple[str, ...], str | None]] = {
    pathway.OrgKind.IMMIGRATION_OFFICE: ((OrganisationType.IMMIGRATION_OFFICE,), None),
    pathway.OrgKind.SPECIALISED_CENTRE: (
        (OrganisationType.CENTRE_ADULTS, OrganisationType.CENTRE_MINORS),
        Purpose.CARE,
    ),
    pathway.OrgKind.PROSECUTOR: ((OrganisationType.PROSECUTION_OFFICE,), Purpose.INVESTIGATION),
    pathway.OrgKind.IDENTIFICATION_BODY: ((OrganisationType.IDENTIFICATION_BODY,), Purpose.CARE),
}


def _visible_person(actor: Actor, person: Person) -> None:
    if not decide_person(actor, person.pk, Ability.PERSON_VIEW).allowed:
        raise NotFound(_("No such person."))


def _record_for_update(person: Person, jurisdiction: str) -> tuple[PathwayRecord, bool]:
    record, created = PathwayRecord.objects.select_for_update().get_or_create(
        person=person,
        defaults={
            "jurisdiction": jurisdiction,
            "age_at_identification": person.age_at_first_contact,
            "unaccompanied_minor": bool(person.is_minor_at_first_contact),
        },
    )
    return record, created


@transaction.atomic
def pathway_facts_update(
    *,
    actor: Actor,
    person: Person,
    expected_version: int,
    unaccompanied_minor: bool,
    has_legal_stay: bool,
    age_at_identification: int | None,
    jurisdiction: str = "",
) -> PathwayRecord:
    """The facts that change the path (minor, legal stay). Only before the first event."""
    _visible_person(actor, person)
    decision = decide_person(actor, person.pk, Ability.PERSON_EDIT)
    if not decision.allowed:
        raise PermissionDenied(decision.reason)
    record, _created = _record_for_update(person, jurisdiction or settings.NRM_JURISDICTION)
    if record.version != expected_version:
        raise Conflict(_("Someone else changed this pathway meanwhile. Reload and try again."))
    if record.events.exists():
        raise Conflict(
            _("These facts can no longer change once the first status event is recorded.")
        )
    if age_at_identification is not None and not 0 <= age_at_identification <= 120:
        raise DomainError(_("The age must be between 0 and 120."), field="age_at_identification")
    if unaccompanied_minor and age_at_identification is not None and age_at_identification >= 18:
        raise DomainError(_("An unaccompanied minor is under 18."), field="unaccompanied_minor")
    before = {
        "jurisdiction": record.jurisdiction,
        "unaccompanied_minor": record.unaccompanied_minor,
        "has_legal_stay": record.has_legal_stay,
        "age_at_identification": record.age_at_identification,
    }
    if jurisdiction:
        if jurisdiction not in pathway.JURISDICTIONS:
            raise DomainError(_("Unknown jurisdiction."), field="jurisdiction")
        record.jurisdiction = jurisdiction
    record.unaccompanied_minor = unaccompanied_minor
    record.has_legal_stay = has_legal_stay
    record.age_at_identification = age_at_identification
    record.version += 1
    record.updated_at = timezone.now()
    record.save()
    after = {name: getattr(record, name) for name in before}
    audit_record(
        actor=actor,
        event_type=AuditEventType.UPDATE,
        action="pathway_facts_update",
        record=record,
        purpose=decision.purpose,
        changes={k: {"old": before[k], "new": after[k]} for k in before if before[k] != after[k]},
    )
    return record


@transaction.atomic
def pathway_event_record(
    *,
    actor: Actor,
    person: Person,
    event_type: str,
    on: dt.date,
    expected_version: int,
    positive: bool | None = None,
    days: int | None = None,
    note: str = "",
) -> StatusEvent:
    """Record one decision or fact in the person's pathway, if the rules and the actor allow it."""
    _visible_person(actor, person)
    record, _created = _record_for_update(person, settings.NRM_JURISDICTION)
    if record.version != expected_version:
        raise Conflict(_("Someone else recorded a decision meanwhile. Reload and try again."))
    rules = pathway.rules_for(record.jurisdiction)
    rule = rules.rule(event_type)
    if rule is None:
        raise DomainError(
            _("%(event)s is not an event of this pathway.") % {"event": event_type},
            field="event_type",
        )
    organisation = actor.organisation
    if organisation is None or not may_record(
        organisation.type, actor.role, tuple(rule.taken_by_for(engine_person(record)))
    ):
        raise PermissionDenied(_("Your organisation does not take this decision."))
    events = list(record.events.order_by("sequence"))
    if on > today_in(record.jurisdiction):
        raise DomainError(_("A decision cannot be dated in the future."), field="on")
    if events and on < events[-1].on:
        raise DomainError(
            _("Events are recorded in date order; the last one is dated %(date)s.")
            % {"date": events[-1].on.isoformat()},
            field="on",
        )
    state = engine_state(record, events)
    try:
        new_state = pathway.apply(
            state, pathway.Event(date=on, type=event_type, positive=positive, days=days), config()
        )
    except pathway.TransitionRefused as refused:
        raise Conflict(refused.reason.render(_)) from refused
    details: dict[str, object] = {}
    if positive is not None:
        details["positive"] = positive
    if days is not None:
        details["days"] = days
    event = StatusEvent.objects.create(
        record=record,
        sequence=len(events) + 1,
        type=event_type,
        on=on,
        details=details,
        note=note,
        organisation=organisation,
        recorded_by=actor.user,
    )
    old_state = record.state
    record.state = new_state.state or ""
    record.version += 1
    record.updated_at = timezone.now()
    record.save()
    purpose = decide_person(actor, person.pk, Ability.PERSON_VIEW).purpose
    audit_record(
        actor=actor,
        event_type=AuditEventType.CREATE,
        action="pathway_event_record",
        record=event,
        purpose=purpose,
        changes={
            "person": person.pk,
            "event": event_type,
            "on": on.isoformat(),
            "details": details,
            "state": {"old": old_state, "new": record.state},
        },
    )
    _sync_deadlines(record, new_state)
    _involve_deciders(actor, record, new_state, on)
    return event


def _involve_deciders(
    actor: Actor, record: PathwayRecord, state: pathway.PathwayState, on: dt.date
) -> None:
    """A decision the immigration authority may now take is its reason to see the person."""
    next_deciders = {
        kind
        for item in pathway.available_events(state, on, config())
        if item.allowed
        for kind in item.taken_by
    }
    if pathway.OrgKind.IMMIGRATION_OFFICE in next_deciders:
        office = _responsible_organisation(record, pathway.OrgKind.IMMIGRATION_OFFICE)
        if office is not None:
            involvement_open(
                actor=actor,
                person=record.person,
                organisation=office,
                purpose=Purpose.RESIDENCE_DECISION,
                basis=InvolvementBasis.DECISION_REQUIRED,
            )


def _responsible_organisation(record: PathwayRecord, kind: str) -> Organisation | None:
    mapping = _ORGANISATION_FOR_KIND.get(kind)
    if mapping is None:
        return None
    type_list, purpose = mapping
    if purpose is None:
        # A national authority: the one of the jurisdiction's country.
        return (
            Organisation.objects.filter(
                type__in=type_list, country=record.jurisdiction, is_active=True
            )
            .order_by("pk")
            .first()
        )
    involvement = (
        Involvement.objects.filter(
            person_id=record.person_id,
            purpose=purpose,
            until__isnull=True,
            organisation__type__in=type_list,
        )
        .select_related("organisation")
        .order_by("since")
        .first()
    )
    return involvement.organisation if involvement else None


def _sync_deadlines(record: PathwayRecord, state: pathway.PathwayState) -> None:
    """Mirror the engine's open deadlines: close what it closed, open or move what it opened."""
    now = timezone.now()
    wanted = {str(d.kind): d for d in state.deadlines}
    current = {
        d.kind: d for d in record.deadlines.select_for_update().filter(status=DeadlineStatus.OPEN)
    }
    for kind, row in current.items():
        target = wanted.get(kind)
        if target is None or target.due != row.due_on:
            row.status = DeadlineStatus.CLOSED
            row.closed_at = now
            row.save(update_fields=["status", "closed_at"])
    for kind, deadline in wanted.items():
        existing = current.get(kind)
        if existing is not None and existing.status == DeadlineStatus.OPEN:
            continue
        organisation = _responsible_organisation(record, str(deadline.responsible))
        Deadline.objects.create(
            record=record,
            kind=kind,
            due_on=deadline.due,
            due_at=start_of_day(deadline.due, record.jurisdiction),
            remind_at=(
                start_of_day(deadline.remind_on, record.jurisdiction)
                if deadline.remind_on
                else None
            ),
            responsible_kind=str(deadline.responsible),
            organisation=organisation,
            action=deadline.action,
            setting=deadline.setting or "",
        )
