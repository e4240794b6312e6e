"""Reads of a person's pathway, through the access core."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from nrm import pathway
from nrm.access.context import Actor
from nrm.access.policy import Ability
from nrm.people.models import Person
from nrm.people.queries import person_get_for_actor
from nrm.protection.engine import config, engine_state, today_in
from nrm.protection.models import Deadline, DeadlineStatus, PathwayRecord, StatusEvent
from nrm.protection.rules import may_record


@dataclass(frozen=True)
class Choice:
    """An event the page offers: allowed for this actor now, or why not."""

    event_type: str
    allowed: bool
    reason: str


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
        from django.conf import settings

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


def _choices(actor: Actor, state: pathway.PathwayState, jurisdiction: str) -> list[Choice]:
    organisation = actor.organisation
    choices = []
    for item in pathway.available_events(state, today_in(jurisdiction), config()):
        if organisation is None or not may_record(organisation.type, actor.role, item.taken_by):
            continue  # the page shows only what this organisation could ever decide
        reason = item.reason.render(_) if item.reason is not None else ""
        choices.append(Choice(item.event_type, item.allowed, reason))
    return choices


def deadlines_for_organisation(actor: Actor) -> QuerySet[Deadline]:
    """Open deadlines the actor's organisation is responsible for, soonest first."""
    if actor.organisation is None:
        return Deadline.objects.none()
    return (
        Deadline.objects.filter(organisation=actor.organisation, status=DeadlineStatus.OPEN)
        .select_related("record__person")
        .order_by("due_on", "kind")
    )
