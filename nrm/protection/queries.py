"""Reads of a person's pathway, through the access core."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
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
from nrm.core.errors import NotFound, PermissionDenied
from nrm.people.models import Person
from nrm.people.queries import person_get_for_actor
from nrm.protection.engine import config, engine_state, today_in
from nrm.protection.models import (
    CalendarFeed,
    Deadline,
    DeadlineStatus,
    Notification,
    PathwayRecord,
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
    else:
        record_for_engine = record
        events = list(record.events.select_related("organisation").order_by("sequence"))
        deadlines = list(
            record.deadlines.filter(status=DeadlineStatus.OPEN).select_related("organisation")
        )
    state = engine_state(record_for_engine, events)
    return PathwayView(
        person=person,
        record=record,
        state=state,
        events=events,
        deadlines=deadlines,
        choices=_choices(actor, state, record_for_engine.jurisdiction),
    )


def person_for_pathway_write(actor: Actor, reference: str) -> tuple[Person, str]:
    """The person a pathway form posts to, and their pathway's jurisdiction; 404 as for a
    read. Not audited as a read: the action audits the write itself."""
    person = Person.objects.filter(reference=reference).first()
    if person is None or not decide_person(actor, person.pk, Ability.PERSON_VIEW).allowed:
        raise NotFound(_("No such person."))
    jurisdiction = (
        PathwayRecord.objects.filter(person=person).values_list("jurisdiction", flat=True).first()
    )
    return person, jurisdiction or settings.NRM_JURISDICTION


def _choices(actor: Actor, state: pathway.PathwayState, jurisdiction: str) -> list[Choice]:
    organisation = actor.organisation
    if organisation is None or organisation.country != jurisdiction:
        return []
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
        choices.append(Choice(item.event_type, item.allowed or earlier_only, reason, earlier_only))
    return choices


def deadlines_for_organisation(actor: Actor) -> QuerySet[Deadline]:
    """Open deadlines the actor's organisation is responsible for, soonest first."""
    if actor.organisation is None or not has_deadlines(actor.organisation.type, actor.role):
        return Deadline.objects.none()
    return (
        Deadline.objects.filter(organisation=actor.organisation, status=DeadlineStatus.OPEN)
        # The reference, never the encrypted identity: a list has no use for it.
        .only("reference", "kind", "due_on", "action", "notified_at", "reminded_at")
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
