"""The deadline worker: claims each due item once, catches up after downtime, never lets
two workers claim the same row, reminds ahead of time, and mails only after commit."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from io import StringIO
from typing import Any
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from nrm.access.models import AuditEvent
from nrm.administration.actions import membership_end, membership_grant, user_create
from nrm.organisations.models import Role
from nrm.people.models import Person
from nrm.protection.engine import start_of_day
from nrm.protection.models import Deadline, DeadlineStatus, Notification, NotificationKind
from nrm.protection.notices import deadline_notices_send, deadlines_claim, deadlines_process
from nrm.testing import World

from .support import NAMES, REFLECTION, TEMPORARY, involved_person, record, walk

Callbacks = Callable[..., Any]


def reflection_from(world: World, person: Person, day: dt.date) -> Deadline:
    """A reflection period that starts on `day` (due 45 days later, reminder 7 days before)."""
    record(world, "caseworker_a", person, "REFERRED", day)
    record(world, "immigration", person, "REFLECTION_DOCUMENT_ISSUED", day)
    return Deadline.objects.get(record__person=person, status=DeadlineStatus.OPEN)


def at(day: dt.date, hour: int = 9) -> dt.datetime:
    return start_of_day(day, "BE") + dt.timedelta(hours=hour)


def test_a_due_deadline_is_notified_once_however_often_the_worker_runs(world: World) -> None:
    person = involved_person(world)
    walk(world, person, REFLECTION)  # due 2024-02-24

    first = deadlines_process(now=timezone.now())
    second = deadlines_process(now=timezone.now())

    notification = Notification.objects.get()
    assert (first.due, second.due) == (1, 0)
    assert notification.kind == NotificationKind.DUE
    assert notification.organisation == world.organisations["Immigration Office"]
    assert notification.params["reference"] == person.reference
    assert notification.params["deadline"] == "REFLECTION_END"
    assert Deadline.objects.get(record__person=person).notified_at is not None


def test_it_catches_up_on_everything_that_fell_due_while_it_was_down(world: World) -> None:
    people = [involved_person(world) for _ in range(3)]
    for person in people:
        walk(world, person, TEMPORARY)  # closed reflection, provisional; open permit expiry

    # Months later: everything open and past due is claimed, oldest first, in small batches.
    run = deadlines_process(now=timezone.now(), batch=2)

    assert (run.due, run.notifications) == (3, 3)
    notified = Notification.objects.filter(kind=NotificationKind.DUE)
    assert sorted(n.params["reference"] for n in notified) == sorted(p.reference for p in people)
    # Their reminders were claimed too, but say nothing the due notice does not.
    assert run.reminders == 3
    assert not Notification.objects.filter(kind=NotificationKind.REMINDER).exists()
    assert not Deadline.objects.filter(
        status=DeadlineStatus.OPEN, notified_at__isnull=True
    ).exists()


def test_closed_deadlines_are_never_notified(world: World) -> None:
    person = involved_person(world)
    walk(world, person, TEMPORARY)

    deadlines_process(now=timezone.now())

    closed = Deadline.objects.filter(record__person=person, status=DeadlineStatus.CLOSED)
    assert closed.count() == 2
    assert not closed.filter(notified_at__isnull=False).exists()


def test_a_reminder_comes_ahead_of_time_and_the_notice_on_the_day(world: World) -> None:
    person = involved_person(world)
    today = timezone.localdate()
    deadline = reflection_from(world, person, today)

    early = deadlines_process(now=at(today + dt.timedelta(days=30)))
    reminded = deadlines_process(now=at(today + dt.timedelta(days=38)))
    due = deadlines_process(now=at(today + dt.timedelta(days=45)))

    assert (early.claimed, reminded.reminders, reminded.due, due.due) == (0, 1, 0, 1)
    kinds = list(
        Notification.objects.filter(deadline=deadline).order_by("pk").values_list("kind", flat=True)
    )
    assert kinds == [NotificationKind.REMINDER, NotificationKind.DUE]


def test_a_second_worker_claims_nothing_the_first_claimed(world: World) -> None:
    for _ in range(3):
        walk(world, involved_person(world), REFLECTION)
    now = timezone.now()

    with CaptureQueriesContext(connection) as queries:
        first = deadlines_claim(column="notified_at", now=now, batch=10)
    second = deadlines_claim(column="notified_at", now=now, batch=10)

    assert (len(first), second) == (3, [])
    sql = queries.captured_queries[0]["sql"]
    # One conditional UPDATE: it picks rows still unclaimed, and sets the column only where
    # it is still empty when the row is written, returning the rows it set.
    assert sql.startswith("WITH candidates AS MATERIALIZED (SELECT")
    assert 'UPDATE "protection_deadline" SET "notified_at" =' in sql
    assert sql.count('"notified_at" IS NULL') == 2
    assert sql.count("\"status\" = 'OPEN'") == 2
    assert '"due_at" <=' in sql
    assert sql.endswith('RETURNING "id"')
    if connection.vendor == "postgresql":
        assert "FOR UPDATE SKIP LOCKED" in sql


def test_a_claim_takes_at_most_one_batch_oldest_first(world: World) -> None:
    for _ in range(5):
        walk(world, involved_person(world), REFLECTION)
    now = timezone.now()
    ids = list(Deadline.objects.order_by("due_at", "pk").values_list("pk", flat=True))

    batches = [deadlines_claim(column="notified_at", now=now, batch=2) for _ in range(4)]

    assert batches == [ids[0:2], ids[2:4], ids[4:5], []]


def test_a_deadline_without_organisation_is_claimed_but_notifies_nobody(world: World) -> None:
    person = involved_person(world)
    walk(world, person, REFLECTION)
    Deadline.objects.update(organisation=None)

    run = deadlines_process(now=timezone.now())

    assert (run.due, run.notifications) == (1, 0)
    assert Deadline.objects.get().notified_at is not None


def test_the_worker_writes_one_audit_row_per_batch(world: World) -> None:
    person = involved_person(world)
    walk(world, person, REFLECTION)
    deadline = Deadline.objects.get()

    deadline_notices_send(now=timezone.now(), batch=10)

    row = AuditEvent.objects.get(action="deadline_notices_send")
    assert (row.actor, row.actor_label) == (None, "deadline worker")
    assert row.changes == {"due": [deadline.pk], "reminders": [deadline.pk], "notifications": 1}


# E-mail ------------------------------------------------------------------------------------


def test_the_e_mail_goes_after_commit_to_the_active_members_who_decide(
    world: World, django_capture_on_commit_callbacks: Callbacks
) -> None:
    office = world.organisations["Immigration Office"]
    admin = world.actor("admin")
    former, _password = user_create(
        actor=admin, username="former", first_name="F", last_name="F", email="former@x.invalid"
    )
    membership_end(
        actor=admin,
        membership=membership_grant(
            actor=admin, user=former, organisation=office, role=Role.IMMIGRATION_OFFICER
        ),
    )
    person = involved_person(world)
    walk(world, person, REFLECTION)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        run = deadline_notices_send(now=timezone.now(), batch=10)
        assert mail.outbox == []  # nothing leaves before the claim is committed
    for callback in callbacks:
        callback()

    assert run.emails == 1
    (message,) = mail.outbox
    assert message.to == ["immigration@example.invalid"]
    assert message.subject == "Open NRM: 1 pathway deadline notice"
    assert f"End of the reflection period for {person.reference} is due on 2024-02-24" in (
        message.body
    )
    assert not any(name in message.body for name in NAMES)


def test_no_e_mail_is_sent_when_the_claim_rolls_back(
    world: World, django_capture_on_commit_callbacks: Callbacks
) -> None:
    walk(world, involved_person(world), REFLECTION)

    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                deadline_notices_send(now=timezone.now(), batch=10)
                raise RuntimeError("crash before commit")
        except RuntimeError:
            pass

    assert mail.outbox == []
    assert not Notification.objects.exists()
    assert Deadline.objects.get().notified_at is None  # the next run takes it again


def test_a_mail_outage_does_not_lose_the_notifications(
    world: World, django_capture_on_commit_callbacks: Callbacks
) -> None:
    walk(world, involved_person(world), REFLECTION)

    with (
        mock.patch("django.core.mail.backends.locmem.EmailBackend.send_messages") as send,
        django_capture_on_commit_callbacks(execute=True),
    ):
        send.side_effect = OSError("mail server down")
        deadline_notices_send(now=timezone.now(), batch=10)

    assert Notification.objects.count() == 1


# The command --------------------------------------------------------------------------------


def test_the_run_command_works_through_the_backlog_and_says_what_it_did(
    world: World, django_capture_on_commit_callbacks: Callbacks
) -> None:
    walk(world, involved_person(world), REFLECTION)
    out = StringIO()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("deadlines", "run", "--batch", "1", stdout=out)

    assert out.getvalue().strip() == (
        "Due deadlines claimed: 1; reminders claimed: 1; notifications written: 1; e-mails: 1."
    )


def test_the_loop_runs_until_it_is_stopped(world: World) -> None:
    walk(world, involved_person(world), REFLECTION)
    out = StringIO()
    # The second wait returns True, as when SIGTERM sets the stop flag.
    with (
        mock.patch.object(threading.Event, "wait", side_effect=[False, True]) as wait,
        mock.patch("signal.signal"),
    ):
        call_command("deadlines", "run", "--loop", "--interval", "5", stdout=out)

    assert wait.call_args_list == [mock.call(5.0), mock.call(5.0)]
    assert Notification.objects.count() == 1
    assert out.getvalue().count("Due deadlines claimed") == 1  # quiet passes print nothing


@pytest.mark.parametrize(("option", "value"), [("--batch", "0"), ("--interval", "0")])
def test_the_run_command_refuses_bad_numbers_with_status_2(
    world: World, option: str, value: str
) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError) as caught:
        call_command("deadlines", "run", option, value)

    assert caught.value.returncode == 2


def test_the_loop_survives_a_database_outage(world: World) -> None:
    from django.db import OperationalError

    walk(world, involved_person(world), REFLECTION)
    real = deadlines_process
    passes = [OperationalError("server closed the connection"), None]

    def flaky(**kwargs: Any) -> Any:
        failure = passes.pop(0)
        if failure is not None:
            raise failure
        return real(**kwargs)

    with (
        mock.patch(
            "nrm.protection.management.commands.deadlines.deadlines_process", side_effect=flaky
        ),
        mock.patch.object(threading.Event, "wait", side_effect=[False, True]),
        mock.patch("signal.signal"),
    ):
        call_command("deadlines", "run", "--loop", stdout=StringIO())

    assert Notification.objects.count() == 1
