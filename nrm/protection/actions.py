"""Every write to a person's residence-status pathway.

Decisions are recorded only by the organisation that takes them (`rules.RECORDERS`); the
engine refuses events out of order, with the reason (409); two people deciding on the same
version: the second gets a conflict and nothing is applied.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nrm import pathway
from nrm.access.actions import involvement_open
from nrm.access.audit import audit_record
from nrm.access.context import Actor
from nrm.access.models import AuditEventType, Involvement, InvolvementBasis, Purpose
from nrm.access.policy import Ability, decide_person, purpose_for
from nrm.core import files
from nrm.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from nrm.organisations.models import Organisation, OrganisationType
from nrm.people.models import Person
from nrm.protection.engine import config, engine_person, engine_state, start_of_day, today_in
from nrm.protection.models import (
    CalendarFeed,
    Deadline,
    DeadlineStatus,
    DocumentLapse,
    DocumentRequest,
    Guardian,
    GuardianNotice,
    Notification,
    PathwayRecord,
    RequestPaper,
    RequestStatus,
    StatusEvent,
    feed_digest,
    new_feed_token,
)
from nrm.protection.notices import guardian_notice_send
from nrm.protection.rules import FEED_MANAGER_ROLES, has_deadlines, may_record

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


@dataclass(frozen=True)
class Upload:
    """A paper as the view received it: its bytes' stream, declared size and file name."""

    stream: IO[bytes]
    size: int | None
    name: str


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
) -> PathwayRecord:
    """The facts that change the path (minor, legal stay). Only before the first event.

    The pathway is the installation's (`settings.NRM_JURISDICTION`): a person is never
    switched to another country's rules, where nobody of this installation could act.
    """
    _visible_person(actor, person)
    decision = decide_person(actor, person.pk, Ability.PERSON_EDIT)
    if not decision.allowed:
        raise PermissionDenied(decision.reason)
    record, _created = _record_for_update(person, settings.NRM_JURISDICTION)
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
        "unaccompanied_minor": record.unaccompanied_minor,
        "has_legal_stay": record.has_legal_stay,
        "age_at_identification": record.age_at_identification,
    }
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
    document: str | None = None,
    papers: Sequence[Upload] = (),
    guardian_name: str = "",
    guardian_email: str = "",
) -> StatusEvent:
    """Record one decision or fact in the person's pathway, if the rules and the actor allow it.

    A request (DOCUMENT_REQUESTED) names its `document` and carries its `papers`; a refusal
    of a request (DOCUMENT_REFUSED) gives its reasons in `note`; a guardian's appointment
    names the guardian. Lapses the engine finds are stored; the minor's guardian is informed
    of every step.
    """
    _visible_person(actor, person)
    acting = decide_person(actor, person.pk, Ability.PATHWAY_RECORD)
    if not acting.allowed:
        raise PermissionDenied(acting.reason)
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
    if organisation.country != record.jurisdiction:
        # A Belgian office does not decide on a Danish residence, whatever its type.
        raise PermissionDenied(
            _("Your organisation does not take decisions in the %(jurisdiction)s pathway.")
            % {"jurisdiction": record.jurisdiction}
        )
    _check_parameters(event_type, positive, days)
    _check_request_parameters(event_type, document, papers, note)
    guardian_name, guardian_email = _check_guardian(event_type, guardian_name, guardian_email)
    if len(note) > NOTE_MAX_LENGTH:
        raise DomainError(
            _("The evidence note is limited to %(max)d characters.") % {"max": NOTE_MAX_LENGTH},
            field="note",
        )
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
            state,
            pathway.Event(
                date=on, type=event_type, positive=positive, days=days, document=document
            ),
            config(),
        )
    except pathway.TransitionRefused as refused:
        raise Conflict(refused.reason.render(_)) from refused
    details: dict[str, object] = {}
    if positive is not None:
        details["positive"] = positive
    if days is not None:
        details["days"] = days
    if document is not None:
        details["document"] = document
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
    _sync_deadlines(record, new_state, person)
    _involve_deciders(actor, record, new_state, on)
    _sync_requests(actor, record, state, new_state, event, papers)
    _store_lapses(record, state, new_state, event)
    _inform_guardian(record, event, guardian_name, guardian_email)
    return event


NOTE_MAX_LENGTH = 4000

# The events that take a parameter, and the parameter they need.
_POSITIVE_EVENTS = frozenset({"PROSECUTOR_OPINION"})
_DAYS_EVENTS = frozenset({"REFLECTION_EXTENDED"})


MAX_PAPERS = 10
GUARDIAN_NAME_MAX = 200


def _check_request_parameters(
    event_type: str, document: str | None, papers: Sequence[Upload], note: str
) -> None:
    """Bad input (400): a request names a known document; only a request carries papers;
    a refusal gives its reasons."""
    if event_type == "DOCUMENT_REQUESTED":
        if document not in pathway.Document.__members__:
            raise DomainError(_("Choose the requested document from the list."), field="document")
        if len(papers) > MAX_PAPERS:
            raise DomainError(
                _("At most %(max)d papers can be attached to one request.") % {"max": MAX_PAPERS},
                field="papers",
            )
    else:
        if document is not None:
            raise DomainError(_("Only a request names a document."), field="document")
        if papers:
            raise DomainError(_("Only a request carries papers."), field="papers")
    if event_type == "DOCUMENT_REFUSED" and not note.strip():
        raise DomainError(_("Give the reasons for the refusal."), field="note")
    if event_type == "IMMEDIATE_DEPARTURE_SET" and not note.strip():
        # Denmark's public-order exception is rare and must say why (RULES.md §6).
        raise DomainError(
            _("Give the public-order reasons for the immediate departure."), field="note"
        )


def _check_guardian(event_type: str, name: str, email: str) -> tuple[str, str]:
    name, email = name.strip(), email.strip()
    if event_type != "GUARDIAN_APPOINTED":
        if name or email:
            raise DomainError(
                _("Only a guardian's appointment names a guardian."), field="guardian_name"
            )
        return "", ""
    if not name:
        raise DomainError(_("Give the guardian's name."), field="guardian_name")
    if len(name) > GUARDIAN_NAME_MAX:
        raise DomainError(
            _("The guardian's name is limited to %(max)d characters.") % {"max": GUARDIAN_NAME_MAX},
            field="guardian_name",
        )
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise DomainError(
                _("Give a valid e-mail address, or none."), field="guardian_email"
            ) from None
    return name, email


def _check_parameters(event_type: str, positive: bool | None, days: int | None) -> None:
    """Bad input (400), before the rules are asked: a parameter missing or out of place."""
    if event_type in _POSITIVE_EVENTS and positive is None:
        raise DomainError(_("Say whether the opinion is positive or negative."), field="positive")
    if event_type not in _POSITIVE_EVENTS and positive is not None:
        raise DomainError(_("Only an opinion is positive or negative."), field="positive")
    if event_type in _DAYS_EVENTS and days is None:
        raise DomainError(_("Give the new total length of the period in days."), field="days")
    if event_type not in _DAYS_EVENTS and days is not None:
        raise DomainError(_("Only an extension gives a number of days."), field="days")
    if days is not None and not 1 <= days <= 3650:
        raise DomainError(_("The number of days must be between 1 and 3650."), field="days")


def _sync_requests(
    actor: Actor,
    record: PathwayRecord,
    before: pathway.PathwayState,
    after: pathway.PathwayState,
    event: StatusEvent,
    papers: Sequence[Upload],
) -> None:
    """Open the request a DOCUMENT_REQUESTED event files (with its papers, encrypted), or
    answer the open one when the event ended the engine's REQUEST_DECISION deadline."""
    kind = pathway.DeadlineKind.REQUEST_DECISION
    opened = after.deadline(kind)
    if event.type == "DOCUMENT_REQUESTED" and opened is not None:
        assert actor.organisation is not None
        request = DocumentRequest.objects.create(
            record=record,
            reference=record.person.reference,
            document=str(opened.document),
            requested_event=event,
            centre=actor.organisation,
            office=_responsible_organisation(record, str(opened.responsible)),
            requested_on=event.on,
            due_on=opened.due,
        )
        for upload in papers:
            _store_paper(actor, request, upload)
        return
    if before.deadline(kind) is not None and opened is None:
        rule = pathway.rules_for(record.jurisdiction).rule(event.type)
        pending = DocumentRequest.objects.select_for_update().filter(
            record=record, status=RequestStatus.OPEN
        )
        for request in pending:
            if rule is not None and request.document in rule.fulfils:
                request.status = RequestStatus.ISSUED
            elif event.type == "DOCUMENT_REFUSED":
                request.status = RequestStatus.REFUSED
            else:
                request.status = RequestStatus.CLOSED
            request.answer_event = event
            request.answered_on = event.on
            request.save(update_fields=["status", "answer_event", "answered_on"])


def _store_paper(actor: Actor, request: DocumentRequest, upload: Upload) -> RequestPaper:
    """Checked by content, photos cleaned, encrypted with a key of its own. A file whose
    transaction later rolls back stays on disk, unreadable without its key (which was in
    the rolled-back row); a known limit."""
    clean = files.clean_upload(files.read_limited(upload.stream, upload.size))
    token, key = files.encrypt(clean.data)
    paper = RequestPaper(
        request=request,
        original_name=upload.name[:200],
        file_key=key,
        content_type=clean.content_type,
        size=len(clean.data),
        sha256=clean.sha256,
        uploaded_by=actor.user,
    )
    paper.file.save("paper", ContentFile(token), save=False)
    paper.save(force_insert=True)
    return paper


def _store_lapses(
    record: PathwayRecord,
    before: pathway.PathwayState,
    after: pathway.PathwayState,
    event: StatusEvent,
) -> None:
    for lapse in after.lapses[len(before.lapses) :]:
        DocumentLapse.objects.create(
            record=record,
            reference=record.person.reference,
            jurisdiction=record.jurisdiction,
            document=lapse.document,
            start=lapse.start,
            until=lapse.until,
            status_event=event,
        )


def _inform_guardian(
    record: PathwayRecord, event: StatusEvent, name: str, email: str
) -> None:
    """Record the guardian, and inform the current guardian of every step of the minor's
    pathway (a notice row; an e-mail after the commit when an address is known)."""
    if event.type == "GUARDIAN_APPOINTED":
        Guardian.objects.create(
            record=record, status_event=event, name=name, email=email, appointed_on=event.on
        )
    guardian = record.guardians.order_by("-appointed_on", "-pk").first()
    if guardian is None:
        return
    notice = GuardianNotice.objects.create(guardian=guardian, status_event=event)
    if guardian.email:
        notice_id = notice.pk
        transaction.on_commit(lambda: guardian_notice_send(notice_id), robust=True)


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


def _sync_deadlines(record: PathwayRecord, state: pathway.PathwayState, person: Person) -> None:
    """Mirror the engine's open deadlines: close what it closed, open or move what it opened."""
    now = timezone.now()
    rules = pathway.rules_for(record.jurisdiction)
    wanted = {str(d.kind): d for d in state.deadlines}
    current = {
        d.kind: d for d in record.deadlines.select_for_update().filter(status=DeadlineStatus.OPEN)
    }
    for kind, row in current.items():
        target = wanted.get(kind)
        if target is None or target.due != row.due_on:
            row.status = DeadlineStatus.CLOSED
            row.closed_at = now
            row.due_at = row.remind_at = None  # nothing to claim any more (models.Deadline)
            row.save(update_fields=["status", "closed_at", "due_at", "remind_at"])
    for kind, deadline in wanted.items():
        existing = current.get(kind)
        if existing is not None and existing.status == DeadlineStatus.OPEN:
            continue
        organisation = _responsible_organisation(record, str(deadline.responsible))
        prepared_by = rules.deadline_spec(deadline.kind).prepared_by
        preparer = (
            _responsible_organisation(record, str(prepared_by)) if prepared_by else None
        )
        Deadline.objects.create(
            record=record,
            reference=person.reference,
            jurisdiction=record.jurisdiction,
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
            preparer=preparer,
        )


# Notifications ------------------------------------------------------------------------------


def _own_notification(actor: Actor, notification_id: int) -> Notification:
    organisation = actor.organisation
    if organisation is None or not has_deadlines(organisation.type, actor.role):
        raise PermissionDenied(_("Your role answers for no pathway deadline."))
    notification = (
        Notification.objects.select_for_update()
        .filter(pk=notification_id, organisation=organisation)
        .first()
    )
    if notification is None:
        raise NotFound(_("No such notification."))
    return notification


@transaction.atomic
def notification_mark_read(*, actor: Actor, notification_id: int) -> Notification:
    """Mark one of the organisation's notifications as read; reading twice changes nothing."""
    notification = _own_notification(actor, notification_id)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.read_by = actor.user
        notification.save(update_fields=["read_at", "read_by"])
        audit_record(
            actor=actor,
            event_type=AuditEventType.UPDATE,
            action="notification_mark_read",
            record=notification,
            purpose=purpose_for(actor),
            changes={"read_at": notification.read_at.isoformat()},
        )
    return notification


@transaction.atomic
def notifications_mark_all_read(*, actor: Actor) -> int:
    """Mark every unread notification of the organisation as read; returns how many."""
    organisation = actor.organisation
    if organisation is None or not has_deadlines(organisation.type, actor.role):
        raise PermissionDenied(_("Your role answers for no pathway deadline."))
    unread = Notification.objects.filter(organisation=organisation, read_at__isnull=True)
    ids = list(unread.select_for_update().values_list("pk", flat=True))
    if ids:
        now = timezone.now()
        Notification.objects.filter(pk__in=ids).update(read_at=now, read_by=actor.user)
        audit_record(
            actor=actor,
            event_type=AuditEventType.UPDATE,
            action="notifications_mark_all_read",
            record_type=Notification._meta.label_lower,
            record_id="*",
            purpose=purpose_for(actor),
            changes={"notifications": ids, "read_at": now.isoformat()},
        )
    return len(ids)


# Calendar feed -------------------------------------------------------------------------------


def _feed_manager(actor: Actor) -> Organisation:
    organisation = actor.organisation
    if organisation is None or actor.role not in FEED_MANAGER_ROLES:
        raise PermissionDenied(_("Only the organisation's heads manage its calendar address."))
    return organisation


@transaction.atomic
def calendar_feed_rotate(*, actor: Actor) -> tuple[CalendarFeed, str]:
    """Create the organisation's secret calendar address, or replace it (the old one stops
    working). Returns the feed and the token, which is shown once and stored only hashed."""
    organisation = _feed_manager(actor)
    token = new_feed_token()
    feed = CalendarFeed.objects.select_for_update().filter(organisation=organisation).first()
    created = feed is None
    if feed is None:
        feed = CalendarFeed(organisation=organisation)
    feed.digest = feed_digest(token)
    feed.purpose = purpose_for(actor)
    feed.created_at = timezone.now()
    feed.created_by = actor.user
    feed.save()
    audit_record(
        actor=actor,
        event_type=AuditEventType.CREATE if created else AuditEventType.UPDATE,
        action="calendar_feed_rotate",
        record=feed,
        purpose=feed.purpose,
        # Never the token: the audit trail must not hold a working credential.
        changes={"organisation": organisation.pk, "rotated": not created},
    )
    return feed, token


@transaction.atomic
def calendar_feed_revoke(*, actor: Actor) -> bool:
    """Stop the organisation's calendar address; False when there was none."""
    organisation = _feed_manager(actor)
    feed = CalendarFeed.objects.select_for_update().filter(organisation=organisation).first()
    if feed is None:
        return False
    audit_record(
        actor=actor,
        event_type=AuditEventType.END,
        action="calendar_feed_revoke",
        record=feed,
        purpose=purpose_for(actor),
        changes={"organisation": organisation.pk},
    )
    feed.delete()
    return True
