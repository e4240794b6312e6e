"""Reviews past their answer date remind their reviewers once (issue 18 §6): a pass of
`nrm deadlines run`, claimed through nrm/core/claims.py, e-mails after the claim commits."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from nrm.access.models import AuditEvent
from nrm.access.tests.test_access_matrix import add_member
from nrm.protection.models import StatusEvent
from nrm.protection.tests.support import PROVISIONAL, ev, involved_person, walk
from nrm.referrals.models import Review
from nrm.referrals.review import REVIEW_DAYS, review_decide, review_request_opinion
from nrm.referrals.review_reminders import review_reminders_process
from nrm.testing import World

GROUNDS = "Her statements were corroborated by the labour inspection."


@pytest.fixture
def asked(world: World) -> Review:
    """A review of a negative opinion asked for REVIEW_DAYS + 1 days ago: one day overdue."""
    person = involved_person(world)
    walk(world, person, (*PROVISIONAL, ev("2024-04-15", "PROSECUTOR_OPINION", positive=False)))
    add_member(world, "prosecutor_2", "Auditorate Brussels", "PROSECUTOR")
    return review_request_opinion(
        actor=world.actor("caseworker_a"),
        opinion=StatusEvent.objects.get(record__person=person, type="PROSECUTOR_OPINION"),
        reviewers=[world.users["prosecutor_2"]],
        grounds=GROUNDS,
        now=timezone.now() - dt.timedelta(days=REVIEW_DAYS + 1),
    )


def test_a_review_due_today_is_not_reminded_the_day_after_is(
    world: World, asked: Review, django_capture_on_commit_callbacks: object
) -> None:
    due_day = timezone.localtime().replace(hour=12) - dt.timedelta(days=1)
    assert asked.respond_by == timezone.localdate(due_day)
    on_due_day = review_reminders_process(now=due_day)
    assert on_due_day.reminded == 0

    with django_capture_on_commit_callbacks(execute=True) as callbacks:  # type: ignore[operator]
        run = review_reminders_process(now=timezone.now())
        assert mail.outbox == []  # nothing leaves before the claim commits

    assert run.reminded == 1
    assert len(callbacks) == 1
    assert [m.to for m in mail.outbox] == [[world.users["prosecutor_2"].email]]
    body = mail.outbox[0].body
    assert f"/referrals/reviews/{asked.pk}/" in body
    assert asked.person.reference not in body  # no person, no grounds in an e-mail
    assert GROUNDS not in body
    asked.refresh_from_db()
    assert asked.reminded_at is not None
    row = AuditEvent.objects.get(action="review_remind_overdue")
    assert row.changes == {"claimed": [asked.pk]}


def test_the_reminder_goes_once_and_never_for_a_decided_review(
    world: World, asked: Review, django_capture_on_commit_callbacks: object
) -> None:
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        assert review_reminders_process(now=timezone.now()).reminded == 1
        assert review_reminders_process(now=timezone.now()).reminded == 0  # idempotent
    assert len(mail.outbox) == 1
    review_decide(
        actor=world.actor("prosecutor_2"), review=asked, overturn=False, reasons="Upheld."
    )
    Review.objects.filter(pk=asked.pk).update(reminded_at=None)
    assert review_reminders_process(now=timezone.now()).reminded == 0


def test_the_deadline_worker_runs_the_pass(world: World, asked: Review) -> None:
    out = StringIO()
    call_command("deadlines", "run", stdout=out)
    assert "Reviews past their answer date reminded: 1." in out.getvalue()
    call_command("deadlines", "run", stdout=(again := StringIO()))
    assert "Reviews past their answer date" not in again.getvalue()
