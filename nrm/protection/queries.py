"""Reads of a person's pathway, through the access core."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import NamedTuple

from django.conf import settings
from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import gettext as _

from nrm import pathway
from nrm.access.audit import audit_record
from nrm.access.context import Actor
from nrm.access.models import AuditEventType
from nrm.access.policy import Ability, decide_person, purpose_for
from nrm.core import files
from nrm.core.errors import NotFound, PermissionDenied
from nrm.organisations.models import OrganisationType, Role
from nrm.people.models import Person
from nrm.people.queries import person_find_for_actor, person_get_for_actor
from nrm.protection.engine import config, engine_state, today_in
from nrm.protection.models import (
    CalendarFeed,
    Deadline,
    DeadlineStatus,
    DocumentRequest,
    Guardian,
    Notification,
    PathwayRecord,
    RequestPaper,
    RequestStatus,
    StatusEvent,
    feed_digest,
)
from nrm.protection.rules import FEED_MANAGER_ROLES, has_deadlines, may_record


@dataclass(frozen=True)
class Choice:
    """An event the page offers: allowed for this actor now, or why not.

    `earlier_only`: refused as of today, but still allowed on the day of the last event,
    so it can be recorded late with the date it happened (a complaint made on the last
    day of the reflection period and entered the next morning); `reason` says why not today.
    """

    event_type: str
    allowed: bool
    reason: str
    earlier_only: bool = False


@dataclass(frozen=True)
class PathwayView:
    person: Person
    record: PathwayRecord | None
    state: pathway.PathwayState
    events: list[StatusEvent]
    deadlines: list[Deadline]
    choices: list[Choice]
    guardians: list[Guardian] = field(default_factory=list)
    requests: list[DocumentRequest] = field(default_factory=list)

    @property
    def version(self) -> int:
        return self.record.version if self.record else 0


def pathway_get_for_actor(actor: Actor, reference: str) -> PathwayView:
    """A person's pathway (the read is audited by the person access helper)."""
    person = person_get_for_actor(
        actor, reference, ability=Ability.PERSON_VIEW, action="pathway_view"
    )
    record = PathwayRecord.objects.filter(person=person).first()
    if record is None:
        record_for_engine = PathwayRecord(
            person=person,
            jurisdiction=settings.NRM_JURISDICTION,
            age_at_identification=person.age_at_first_contact,
            unaccompanied_minor=bool(person.is_minor_at_first_contact),
        )
        events: list[StatusEvent] = []
        deadlines: list[Deadline] = []
        guardians: list[Guardian] = []
        requests: list[DocumentRequest] = []
    else:
        record_for_engine = record
        events = list(record.events.select_related("organisation").order_by("sequence"))
        deadlines = list(
            record.deadlines.filter(status=DeadlineStatus.OPEN).select_related("organisation")
        )
        guardians = list(record.guardians.order_by("appointed_on", "pk"))
        requests = list(
            record.requests.select_related("centre", "answer_event").order_by("pk")
        )
    state = engine_state(record_for_engine, events)
    return PathwayView(
        person=person,
        record=record,
        state=state,
        events=events,
        deadlines=deadlines,
        choices=_choices(actor, person, state, record_for_engine.jurisdiction),
        guardians=guardians,
        requests=requests,
    )


def person_for_pathway_write(actor: Actor, reference: str) -> tuple[Person, str]:
    """The person a pathway form posts to, and their pathway's jurisdiction; 404 as for a
    read. Not audited as a read: the action audits the write itself."""
    person, _decision = person_find_for_actor(actor, reference)
    jurisdiction = (
        PathwayRecord.objects.filter(person=person).values_list("jurisdiction", flat=True).first()
    )
    return person, jurisdiction or settings.NRM_JURISDICTION


def _choices(
    actor: Actor, person: Person, state: pathway.PathwayState, jurisdiction: str
) -> list[Choice]:
    organisation = actor.organisation
    if organisation is None or organisation.country != jurisdiction:
        return []
    # Shown, but not yet the actor's to take (a centre whose referral is pending): say why.
    acting = decide_person(actor, person.pk, Ability.PATHWAY_RECORD)
    today = today_in(jurisdiction)
    last = state.last_event_date
    earlier = (
        {i.event_type: i.allowed for i in pathway.available_events(state, last, config())}
        if last is not None and last < today
        else {}
    )
    choices = []
    for item in pathway.available_events(state, today, config()):
        if not may_record(organisation.type, actor.role, item.taken_by):
            continue  # the page shows only what this organisation could ever decide
        reason = item.reason.render(_) if item.reason is not None else ""
        earlier_only = not item.allowed and earlier.get(item.event_type, False)
        if not acting.allowed:
            choices.append(Choice(item.event_type, False, acting.reason, False))
            continue
        choices.append(Choice(item.event_type, item.allowed or earlier_only, reason, earlier_only))
    return choices


def deadlines_for_organisation(actor: Actor) -> QuerySet[Deadline]:
    """Open deadlines the actor's organisation is responsible for, soonest first."""
    if actor.organisation is None or not has_deadlines(actor.organisation.type, actor.role):
        return Deadline.objects.none()
    mine = Q(organisation=actor.organisation) | Q(preparer=actor.organisation)
    return (
        Deadline.objects.filter(mine, status=DeadlineStatus.OPEN)
        # The reference, never the encrypted identity: a list has no use for it.
        .only(
            "reference",
            "kind",
            "due_on",
            "action",
            "notified_at",
            "reminded_at",
            "organisation_id",
            "preparer_id",
        )
        .order_by("due_at", "kind", "pk")
    )


@dataclass(frozen=True)
class DeadlineBoard:
    """An organisation's dashboard: what is overdue, what falls due soon."""

    overdue: list[Deadline]
    upcoming: list[Deadline]
    overdue_count: int
    upcoming_count: int
    within_days: int
    today: dt.date


BOARD_LIMIT = 200


def deadline_board_for_actor(actor: Actor, *, today: dt.date, within_days: int) -> DeadlineBoard:
    """The dashboard's rows; 403 for roles that answer for no deadline."""
    organisation = actor.organisation
    if organisation is None or not has_deadlines(organisation.type, actor.role):
        raise PermissionDenied(_("Your role answers for no pathway deadline."))
    open_deadlines = deadlines_for_organisation(actor)
    overdue_qs = open_deadlines.filter(due_on__lt=today)
    upcoming_qs = open_deadlines.filter(
        due_on__gte=today, due_on__lte=today + dt.timedelta(days=within_days)
    )
    overdue = list(overdue_qs[:BOARD_LIMIT])
    upcoming = list(upcoming_qs[:BOARD_LIMIT])
    board = DeadlineBoard(
        overdue=overdue,
        upcoming=upcoming,
        # Counted only when a list is cut, so the usual page makes two queries, not four.
        overdue_count=overdue_qs.count() if len(overdue) == BOARD_LIMIT else len(overdue),
        upcoming_count=upcoming_qs.count() if len(upcoming) == BOARD_LIMIT else len(upcoming),
        within_days=within_days,
        today=today,
    )
    references = sorted({d.reference for d in (*overdue, *upcoming)})
    if references:
        # References are pseudonyms, but a list of them is still a read of who is in the
        # organisation's care: one audit row names them all, as the person list does.
        audit_record(
            actor=actor,
            event_type=AuditEventType.READ,
            action="deadline_board_view",
            record_type=Deadline._meta.label_lower,
            record_id="*",
            purpose=purpose_for(actor),
            changes={"references": references},
        )
    return board


class DueItem(NamedTuple):
    """One row of `nrm deadlines due` (a tuple: the listing may hold tens of thousands)."""

    id: int
    kind: str
    due_on: dt.date
    reference: str
    jurisdiction: str
    responsible: str
    organisation_id: int | None
    organisation: str | None
    notified: bool


def deadlines_due(*, until: dt.datetime, organisation_id: int | None = None) -> list[DueItem]:
    """Open deadlines due by `until`, overdue ones included, soonest first.

    One indexed range scan on the open deadlines' due instant (or on the organisation's),
    selecting only what the listing prints: no timestamps to convert, the organisation's
    name and whether the deadline was notified computed in SQL.
    """
    rows = Deadline.objects.filter(status=DeadlineStatus.OPEN, due_at__lte=until)
    if organisation_id is not None:
        rows = rows.filter(organisation_id=organisation_id)
    rows = rows.annotate(
        organisation_label=Coalesce(
            NullIf("organisation__short_name", Value("")), "organisation__name"
        ),
        was_notified=ExpressionWrapper(Q(notified_at__isnull=False), output_field=BooleanField()),
    ).order_by("due_at", "pk")
    return [
        DueItem._make(row)
        for row in rows.values_list(
            "pk",
            "kind",
            "due_on",
            "reference",
            "jurisdiction",
            "responsible_kind",
            "organisation_id",
            "organisation_label",
            "was_notified",
        )
    ]


NOTIFICATION_LIMIT = 100


@dataclass(frozen=True)
class NotificationList:
    notifications: list[Notification]
    unread: int


def notifications_for_actor(actor: Actor) -> NotificationList:
    """The organisation's latest notifications; 403 for roles that answer for no deadline."""
    organisation = actor.organisation
    if organisation is None or not has_deadlines(organisation.type, actor.role):
        raise PermissionDenied(_("Your role answers for no pathway deadline."))
    mine = Notification.objects.filter(organisation=organisation)
    return NotificationList(
        notifications=list(mine.order_by("-created_at", "-pk")[:NOTIFICATION_LIMIT]),
        unread=mine.filter(read_at__isnull=True).count(),
    )


def unread_notifications_count(actor: Actor) -> int:
    """How many of the organisation's notifications are unread (0 for roles that answer for
    no deadline). A count for the menu: no notification is read."""
    organisation = actor.organisation
    if organisation is None or not has_deadlines(organisation.type, actor.role):
        return 0
    return Notification.objects.filter(organisation=organisation, read_at__isnull=True).count()


def requests_to_decide_count(actor: Actor) -> int:
    """How many residence requests wait for the actor's immigration office (0 for anyone
    else). A count for the menu: no request is read."""
    if not _is_office(actor):
        return 0
    return DocumentRequest.objects.filter(
        office_id=actor.organisation_id, status=RequestStatus.OPEN
    ).count()


def calendar_feed_for_actor(actor: Actor) -> CalendarFeed | None:
    """The organisation's calendar address, if any; 403 for roles that may not manage it."""
    organisation = actor.organisation
    if organisation is None or actor.role not in FEED_MANAGER_ROLES:
        raise PermissionDenied(_("Only the organisation's heads manage its calendar address."))
    return CalendarFeed.objects.filter(organisation=organisation).first()


def calendar_feed_by_token(token: str) -> CalendarFeed:
    """The feed a secret address opens; 404 for any other string, as for a missing page."""
    feed = (
        CalendarFeed.objects.select_related("organisation")
        .filter(digest=feed_digest(token), organisation__is_active=True)
        .first()
    )
    if feed is None:
        raise NotFound(_("No such calendar."))
    return feed


def calendar_deadlines(feed: CalendarFeed) -> list[Deadline]:
    """The feed's open deadlines. The read is audited with no user (a calendar program
    fetched it) under the purpose of the member who created the address."""
    deadlines = list(
        Deadline.objects.filter(organisation_id=feed.organisation_id, status=DeadlineStatus.OPEN)
        .only("reference", "jurisdiction", "kind", "due_on", "remind_at", "action")
        .order_by("due_at", "pk")
    )
    audit_record(
        actor=None,
        actor_label=f"calendar feed of organisation {feed.organisation_id}",
        event_type=AuditEventType.READ,
        action="calendar_feed_read",
        record=feed,
        purpose=feed.purpose,
        changes={"deadlines": len(deadlines)},
    )
    return deadlines


# Requests filed by the centres (RULES.md §3.6) ----------------------------------------------

REQUEST_LIST_LIMIT = 200


def _is_office(actor: Actor) -> bool:
    organisation = actor.organisation
    return (
        organisation is not None
        and organisation.type == OrganisationType.IMMIGRATION_OFFICE
        and actor.role == Role.IMMIGRATION_OFFICER
    )


def _is_centre(actor: Actor) -> bool:
    organisation = actor.organisation
    return (
        organisation is not None
        and organisation.type in {OrganisationType.CENTRE_ADULTS, OrganisationType.CENTRE_MINORS}
        and actor.role in {Role.CASEWORKER, Role.CENTRE_DIRECTOR}
    )


@dataclass(frozen=True)
class RequestList:
    """The immigration office's inbox (open requests, soonest due first) or a centre's own
    requests with their answers (latest first)."""

    as_office: bool
    requests: list[DocumentRequest]
    today: dt.date


def requests_for_actor(actor: Actor) -> RequestList:
    """403 for anyone but an immigration officer or a centre's caseworker or director."""
    organisation = actor.organisation
    if organisation is None or not (_is_office(actor) or _is_centre(actor)):
        raise PermissionDenied(
            _("Only the immigration office and the specialised centres see residence requests.")
        )
    today = today_in(organisation.country)
    if _is_office(actor):
        rows = DocumentRequest.objects.filter(office=organisation, status=RequestStatus.OPEN)
        rows = rows.order_by("due_on", "pk")
    else:
        rows = DocumentRequest.objects.filter(centre=organisation).order_by("-requested_on", "-pk")
    found = list(rows.select_related("centre")[:REQUEST_LIST_LIMIT])
    references = sorted({r.reference for r in found})
    if references:
        audit_record(
            actor=actor,
            event_type=AuditEventType.READ,
            action="document_requests_view",
            record_type=DocumentRequest._meta.label_lower,
            record_id="*",
            purpose=purpose_for(actor),
            changes={"references": references},
        )
    return RequestList(as_office=_is_office(actor), requests=found, today=today)


def request_get_for_actor(actor: Actor, request_id: int) -> DocumentRequest:
    """One request: 404 unless the actor's organisation is its centre or its office (an
    outsider learns nothing); the read is audited."""
    organisation = actor.organisation
    request = (
        DocumentRequest.objects.select_related(
            "centre", "office", "requested_event", "answer_event", "record__person"
        )
        .filter(pk=request_id)
        .first()
    )
    if (
        request is None
        or organisation is None
        or organisation.pk not in {request.centre_id, request.office_id}
        or not decide_person(actor, request.record.person_id, Ability.PERSON_VIEW).allowed
    ):
        raise NotFound(_("No such request."))
    if not (_is_office(actor) or _is_centre(actor)):
        raise PermissionDenied(_("Your role does not handle residence requests."))
    audit_record(
        actor=actor,
        event_type=AuditEventType.READ,
        action="document_request_view",
        record=request,
        purpose=purpose_for(actor),
        changes={"reference": request.reference},
    )
    return request


def request_for_decision(actor: Actor, request_id: int) -> DocumentRequest:
    """The request an immigration officer decides: 404 as for a read, 403 for the centre."""
    organisation = actor.organisation
    request = (
        DocumentRequest.objects.select_related("record__person").filter(pk=request_id).first()
    )
    if (
        request is None
        or organisation is None
        or organisation.pk not in {request.centre_id, request.office_id}
        or not decide_person(actor, request.record.person_id, Ability.PERSON_VIEW).allowed
    ):
        raise NotFound(_("No such request."))
    if not _is_office(actor) or request.office_id != organisation.pk:
        raise PermissionDenied(_("Only the immigration office decides on a request."))
    return request


@dataclass(frozen=True)
class PaperFile:
    paper: RequestPaper
    data: bytes

    @property
    def filename(self) -> str:
        extension = files.EXTENSIONS.get(self.paper.content_type, ".bin")
        return f"request-{self.paper.request_id}-paper-{self.paper.pk}{extension}"


def paper_file_for_actor(actor: Actor, request_id: int, paper_id: int) -> PaperFile:
    """A paper, decrypted, for the request's centre and office only; the read is audited."""
    request = request_get_for_actor(actor, request_id)
    paper = RequestPaper.objects.filter(pk=paper_id, request=request).first()
    if paper is None:
        raise NotFound(_("No such paper."))
    if not paper.file_key:
        # Erased after its retention period (nrm/retention): the key is gone, the file too.
        raise NotFound(_("This file was erased after its retention period."))
    with paper.file.open("rb") as stored:
        data = files.decrypt(stored.read(), paper.file_key)
    audit_record(
        actor=actor,
        event_type=AuditEventType.READ,
        action="request_paper_download",
        record=paper,
        purpose=purpose_for(actor),
        changes={"request": request.pk, "sha256": paper.sha256},
    )
    return PaperFile(paper=paper, data=data)


class Milestone(NamedTuple):
    kind: str
    label: str
    on: dt.date


def pathway_milestones(person_id: int, *, kinds: frozenset[str], since: dt.date) -> list[Milestone]:
    """The kinds and dates of a person's status events among `kinds`, on or after `since`,
    for the feedback to a referrer (issue 18 §3): never an event's details or note, which
    are care data. The caller has checked that the reader may see this much (a party to the
    person's referral) and audits that read."""
    record = PathwayRecord.objects.filter(person_id=person_id).only("jurisdiction").first()
    if record is None:
        return []
    rules = pathway.rules_for(record.jurisdiction)
    rows = (
        StatusEvent.objects.filter(record=record, type__in=sorted(kinds), on__gte=since)
        .order_by("on", "sequence")
        .values_list("type", "on")
    )
    return [Milestone(kind, _(rules.event_types.get(kind, kind)), on) for kind, on in rows]
