"""The demo's pathways (nrm/demo/protection.py): every Belgian state, a reflection period
ending in three days, an overdue renewal and a minor on the MENA path, all recorded through
the real action by the organisation that decides."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from nrm.access.audit import audit_verify
from nrm.access.context import actor_for
from nrm.demo.protection import build_pathways
from nrm.demo.world import build_world
from nrm.pathway import rules_for
from nrm.people.models import Person
from nrm.protection.models import Deadline, DeadlineStatus, PathwayRecord, StatusEvent


@pytest.fixture
def demo_today(db: None, settings: Any, tmp_path: Path) -> dt.date:
    """The demo world with its pathways (built here unless the world builder already
    calls `build_pathways`). The request's paper goes to a temporary media folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    users = build_world(persons=48)
    today = timezone.localdate()
    if not PathwayRecord.objects.exists():
        actors = {name: actor_for(user) for name, user in users.items()}
        build_pathways(actors, list(Person.objects.order_by("pk")), today)
    return today


def test_the_demo_has_a_person_in_every_belgian_state(demo_today: dt.date) -> None:
    states = set(PathwayRecord.objects.values_list("state", flat=True))

    assert states == set(rules_for("BE").states)


def test_a_reflection_period_ends_in_three_days(demo_today: dt.date) -> None:
    assert Deadline.objects.filter(
        kind="REFLECTION_END",
        status=DeadlineStatus.OPEN,
        due_on=demo_today + dt.timedelta(days=3),
    ).exists()


def test_a_temporary_permit_renewal_is_overdue(demo_today: dt.date) -> None:
    overdue = Deadline.objects.get(
        kind="TEMPORARY_PERMIT_EXPIRY", status=DeadlineStatus.OPEN, due_on__lt=demo_today
    )

    assert overdue.record.state == "TEMPORARY_STAY"
    assert overdue.organisation is not None
    assert overdue.organisation.short_name == "Immigration Office"


def test_a_minor_is_on_the_mena_path(demo_today: dt.date) -> None:
    # Other demos (screenings, the hotline) bring more minors into the chain; the MENA
    # script's minor went straight to provisional stay without a reflection document.
    minors = PathwayRecord.objects.filter(
        unaccompanied_minor=True,
        events__type="REFERRED",
        events__organisation__short_name="Minor-Ndako",
    ).distinct()

    assert any(
        minor.state == "PROVISIONAL_STAY"
        and not minor.events.filter(type="REFLECTION_DOCUMENT_ISSUED").exists()
        for minor in minors
    )


def test_each_event_was_recorded_by_the_organisation_that_takes_it(demo_today: dt.date) -> None:
    recorded = set(StatusEvent.objects.values_list("type", "organisation__type").distinct())

    assert ("REFLECTION_DOCUMENT_ISSUED", "IMMIGRATION_OFFICE") in recorded
    assert ("PROSECUTOR_OPINION", "PROSECUTION_OFFICE") in recorded
    assert ("COMPLAINT_FILED", "POLICE_UNIT") in recorded
    assert all(
        organisation_type in {"CENTRE_ADULTS", "CENTRE_MINORS"}
        for event_type, organisation_type in recorded
        if event_type == "REFERRED"
    )
    assert not StatusEvent.objects.filter(on__gt=demo_today).exists()
    assert audit_verify().ok


def test_a_small_world_gets_the_pathways_that_fit(db: None) -> None:
    users = build_world(persons=6)
    actors = {name: actor_for(user) for name, user in users.items()}

    if not PathwayRecord.objects.exists():
        build_pathways(actors, list(Person.objects.order_by("pk")), timezone.localdate())

    # The joint action's and the hotline's persons come on top of the six.
    assert PathwayRecord.objects.exists()


def test_the_demo_shows_the_corrected_chain(demo_today: dt.date) -> None:
    from nrm.protection.models import DocumentLapse, DocumentRequest, Guardian, RequestStatus

    pending = DocumentRequest.objects.get(status=RequestStatus.OPEN, document="PERMIT")
    assert pending.office is not None
    assert pending.papers.count() == 1
    assert PathwayRecord.objects.filter(has_legal_stay=True, state="REFERRED").exists()
    assert DocumentLapse.objects.filter(document="PERMIT").exists()
    assert Deadline.objects.filter(
        kind="STATUS_REVIEW", status=DeadlineStatus.OPEN, record__events__type="DISMISSAL"
    ).exists()
    assert Guardian.objects.filter(record__unaccompanied_minor=True).exists()
