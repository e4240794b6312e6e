"""The engine's deadlines mirrored in indexed rows: opened with their instants, closed when
fulfilled, replaced when a decision moves them, one open row per kind."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.test import override_settings
from django.utils import timezone

from nrm.protection.models import Deadline, DeadlineStatus
from nrm.testing import World

from .support import PROVISIONAL, REFLECTION, TEMPORARY, involved_person, record, walk

BRUSSELS = ZoneInfo("Europe/Brussels")


def rows(person_id: int) -> list[tuple[str, str, str]]:
    return [
        (kind, due.isoformat(), status)
        for kind, due, status in Deadline.objects.filter(record__person_id=person_id)
        .order_by("pk")
        .values_list("kind", "due_on", "status")
    ]


def test_a_deadline_falls_due_at_the_start_of_its_day_in_the_jurisdiction(world: World) -> None:
    person = involved_person(world)

    walk(world, person, REFLECTION)

    deadline = Deadline.objects.get(record__person=person)
    assert deadline.due_on == dt.date(2024, 2, 24)
    assert deadline.due_at == dt.datetime(2024, 2, 24, tzinfo=BRUSSELS)
    # Seven days ahead by default (a product default, configurable).
    assert deadline.remind_at == dt.datetime(2024, 2, 17, tzinfo=BRUSSELS)
    assert deadline.organisation == world.organisations["Immigration Office"]
    assert (deadline.responsible_kind, deadline.setting) == ("IMMIGRATION_OFFICE", "be_reflection")
    assert (deadline.notified_at, deadline.reminded_at) == (None, None)


@override_settings(
    NRM_PATHWAY_SETTINGS={"reflection_end_reminder_days": 10, "permit_expiry_reminder_days": 45}
)
def test_the_reminder_lead_times_are_settings(world: World) -> None:
    person = involved_person(world)

    walk(world, person, REFLECTION)
    reflection = Deadline.objects.get(record__person=person, status=DeadlineStatus.OPEN)
    walk(world, person, PROVISIONAL[len(REFLECTION) :])
    provisional = Deadline.objects.get(record__person=person, status=DeadlineStatus.OPEN)

    assert reflection.remind_at == dt.datetime(2024, 2, 14, tzinfo=BRUSSELS)
    assert provisional.due_on == dt.date(2024, 5, 1)
    assert provisional.remind_at == dt.datetime(2024, 3, 17, tzinfo=BRUSSELS)


def test_leaving_the_reflection_period_closes_its_deadline(world: World) -> None:
    person = involved_person(world)

    walk(world, person, PROVISIONAL)

    assert rows(person.pk) == [
        ("REFLECTION_END", "2024-02-24", DeadlineStatus.CLOSED),
        ("PROVISIONAL_DOCUMENT_EXPIRY", "2024-05-01", DeadlineStatus.OPEN),
    ]
    closed = Deadline.objects.get(record__person=person, kind="REFLECTION_END")
    assert closed.closed_at is not None
    # Nothing left to claim: the instants go, the due date stays for the history.
    assert (closed.due_at, closed.remind_at) == (None, None)


def test_an_extension_moves_the_expiry_to_a_new_row(world: World) -> None:
    person = involved_person(world)
    walk(world, person, PROVISIONAL)

    record(world, "immigration", person, "PROVISIONAL_DOCUMENT_EXTENDED", "2024-04-20")

    assert rows(person.pk)[1:] == [
        ("PROVISIONAL_DOCUMENT_EXPIRY", "2024-05-01", DeadlineStatus.CLOSED),
        ("PROVISIONAL_DOCUMENT_EXPIRY", "2024-08-01", DeadlineStatus.OPEN),
    ]


def test_a_renewal_replaces_the_expiry_and_its_notice_starts_afresh(world: World) -> None:
    person = involved_person(world)
    walk(world, person, TEMPORARY)
    # The first expiry was already notified by the worker.
    Deadline.objects.filter(record__person=person, status=DeadlineStatus.OPEN).update(
        notified_at=timezone.now(), reminded_at=timezone.now()
    )

    record(world, "immigration", person, "TEMPORARY_PERMIT_RENEWED", "2024-10-10")

    assert rows(person.pk)[2:] == [
        ("TEMPORARY_PERMIT_EXPIRY", "2024-10-15", DeadlineStatus.CLOSED),
        ("TEMPORARY_PERMIT_EXPIRY", "2025-04-10", DeadlineStatus.OPEN),
    ]
    renewed = Deadline.objects.get(record__person=person, status=DeadlineStatus.OPEN)
    assert (renewed.notified_at, renewed.reminded_at) == (None, None)


def test_a_review_keeps_its_first_due_date_and_the_decision_closes_it(world: World) -> None:
    person = involved_person(world)
    walk(world, person, TEMPORARY)

    record(world, "caseworker_a", person, "RECONTACT_WITH_EXPLOITER", "2024-06-01")
    record(world, "prosecutor", person, "COOPERATION_WITHDRAWN", "2024-06-10")

    review = Deadline.objects.get(record__person=person, kind="STATUS_REVIEW")
    assert (review.due_on, review.status) == (dt.date(2024, 7, 1), DeadlineStatus.OPEN)
    assert review.setting == "be_status_review"  # a product default, shown as such
    record(world, "immigration", person, "STATUS_END_DECIDED", "2024-06-20")
    assert not Deadline.objects.filter(record__person=person, status=DeadlineStatus.OPEN).exists()


def test_there_is_never_more_than_one_open_deadline_of_a_kind(world: World) -> None:
    person = involved_person(world)
    walk(world, person, TEMPORARY)
    for on in ("2024-10-10", "2025-04-01", "2025-09-20"):
        record(world, "prosecutor", person, "PROSECUTOR_OPINION", on, positive=True)
        record(world, "immigration", person, "TEMPORARY_PERMIT_RENEWED", on)

    open_kinds = list(
        Deadline.objects.filter(record__person=person, status=DeadlineStatus.OPEN).values_list(
            "kind", flat=True
        )
    )
    assert open_kinds == ["TEMPORARY_PERMIT_EXPIRY"]
    expiries = Deadline.objects.filter(record__person=person, kind="TEMPORARY_PERMIT_EXPIRY")
    assert expiries.count() == 4
