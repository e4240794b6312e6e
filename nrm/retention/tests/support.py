"""Shared set-up for the retention tests: records made through the real actions, and the
job run on explicit days (never the wall clock's)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from nrm.access.actions import involvement_end
from nrm.access.models import Involvement, Purpose
from nrm.care.actions import care_note_create
from nrm.care.models import CareNote
from nrm.people.models import Person
from nrm.retention.actions import RetentionRun, retention_process
from nrm.testing import World

NOTE = "Spoke of the orange van that takes them to the greenhouses at dawn."
YEAR = dt.timedelta(days=365)


def day(when: dt.datetime) -> dt.date:
    return timezone.localdate(when)


def at(base: dt.datetime, *, days: int = 0, years: int = 0) -> dt.datetime:
    """An explicit instant counted from `base`: the job runs on it."""
    return base + dt.timedelta(days=days) + years * YEAR


def run(now: dt.datetime, **options: object) -> RetentionRun:
    return retention_process(now=now, **options)  # type: ignore[arg-type]


def cared_person(world: World, **fields: object) -> tuple[Person, CareNote]:
    """Met by the inspection team, cared for by PAG-ASA, with one care note."""
    person = world.person("inspector", **fields)
    world.involve(person, "caseworker_a", Purpose.CARE)
    note = care_note_create(actor=world.actor("caseworker_a"), person=person, text=NOTE)
    return person, note


def end_all_involvements(world: World, person: Person) -> dt.datetime:
    """Every organisation stops working with the person; returns when the last one did."""
    last = timezone.now()
    for involvement in Involvement.objects.filter(person=person, until__isnull=True):
        ended = involvement_end(actor=world.actor("admin"), involvement=involvement)
        assert ended.until is not None
        last = max(last, ended.until)
    return last
