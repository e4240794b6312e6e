"""The reviews and after-support demo (nrm/aftercare/demo.py) builds through the real actions
and the worker: a negative opinion reviewed and decided, one past its answer date and
reminded, a declined referral before a panel, a follow-up contact due and reminded, a person
met again flagged."""

from __future__ import annotations

import datetime as dt

from django.core import mail
from django.utils import timezone

from nrm.aftercare.demo import build_demo
from nrm.aftercare.models import FollowUpContact, RetraffickingFlag
from nrm.referrals.actions import referral_decline
from nrm.referrals.models import Review, ReviewStatus, ReviewSubject
from nrm.referrals.tests.builders import refer
from nrm.testing import PASSWORD, World


def test_the_demo_takes_negative_decisions_through_review_and_runs_the_worker(
    world: World, django_capture_on_commit_callbacks: object
) -> None:
    today = timezone.localdate()
    met = today - dt.timedelta(days=400)
    persons = [
        world.person("inspector", given_names=name, first_contact_on=met)
        for name in ("Ana", "Bea", "Cora")
    ]
    declined = referral_decline(
        actor=world.actor("caseworker_a"),
        referral=refer(world),
        expected_version=1,
        reason="No bed free this week.",
    )

    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        built = build_demo(
            actors=world.actors,
            persons=persons,
            admin=world.actor("admin"),
            approver=world.approver,
            today=today,
            password=PASSWORD,
        )

    decided, waiting = built.opinion_reviews
    assert decided.subject == waiting.subject == ReviewSubject.PROSECUTOR_OPINION
    assert decided.status == ReviewStatus.UPHELD
    assert decided.decided_by != decided.first_decider  # a second prosecutor
    assert waiting.status == ReviewStatus.REQUESTED
    assert waiting.respond_by < today
    assert built.referral_review is not None
    assert built.referral_review.referral == declined
    assert declined.decided_by_id not in {u.pk for u in built.referral_review.reviewers.all()}
    assert built.reminded.reminded == 1  # the overdue opinion review
    waiting.refresh_from_db()
    assert waiting.reminded_at is not None
    assert any("past its answer date" in m.subject for m in mail.outbox)
    assert FollowUpContact.objects.filter(reminded_at__isnull=False, done_on__isnull=True)
    assert built.aftercare.flags == 1
    assert RetraffickingFlag.objects.get().plan.person == persons[2]
    assert Review.objects.count() == 3
