"""Reviews past their answer-by date: one reminder to their reviewers (issue 18 §6).

A pass of `nrm deadlines run`. A review still open after its `respond_by` day is claimed by
the workers' one claim (`nrm.core.claims.claim_due`), which stamps `reminded_at` once, only
where it is still empty and the review still open, and returns the rows it stamped: two
workers never remind the same review, a second pass reminds nobody again, and nothing is
missed after downtime. The reviewers get one e-mail each, after the claim commits, naming the
reviews' numbers, kinds and dates only (never the person, the grounds or a reason); the
review stays on their inbox with an "overdue" badge, so a lost e-mail loses nothing.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from nrm.access.audit import audit_record
from nrm.access.models import AuditEventType, Purpose
from nrm.accounts.models import User
from nrm.core.claims import claim_due
from nrm.core.mail import send_after_claim
from nrm.referrals.models import Review, ReviewStatus

logger = logging.getLogger("nrm.referrals.worker")
WORKER_LABEL = "review reminder worker"


@dataclass(frozen=True)
class ReviewReminderRun:
    reminded: int = 0
    emails: int = 0

    def __add__(self, other: ReviewReminderRun) -> ReviewReminderRun:
        return ReviewReminderRun(self.reminded + other.reminded, self.emails + other.emails)


def _overdue_before(now: dt.datetime) -> dt.datetime:
    """The claim's bound for a date column: a review is overdue once its answer-by day has
    passed (`respond_by < today`, as the inbox badge says). The claim compares the date with
    a datetime parameter; midnight UTC of yesterday compares alike on PostgreSQL (the date
    read as midnight in the connection's UTC) and on SQLite (ISO text: '2025-01-14' sorts
    before '2025-01-14 00:00:00')."""
    yesterday = timezone.localdate(now) - dt.timedelta(days=1)
    return dt.datetime.combine(yesterday, dt.time.min, tzinfo=dt.UTC)


def _claim(*, now: dt.datetime, batch: int) -> list[int]:
    status = connection.ops.quote_name("status")
    return claim_due(
        model=Review,
        column="reminded_at",
        instant="respond_by",
        due_before=_overdue_before(now),
        stamp=now,
        batch=batch,
        open_condition=(f"{status} = %s", [str(ReviewStatus.REQUESTED)]),
    )


def _line(review: Review) -> str:
    return _("Review %(number)s (%(subject)s), answer due %(due)s: %(path)s") % {
        "number": review.pk,
        "subject": review.get_subject_display(),
        "due": review.respond_by.isoformat(),
        "path": reverse("referrals:review", args=[review.pk]),
    }


def _mail(user: User, reviews: list[Review]) -> EmailMessage:
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        subject = ngettext(
            "A review of a negative decision is past its answer date",
            "Reviews of negative decisions past their answer date",
            len(reviews),
        )
        intro = _(
            "You sit on these reviews, still undecided after their answer date. The person "
            "waits for the second look: record the decision with its reasons, or tell the "
            "organisation that asked for it why it takes longer."
        )
        body = intro + "\n\n" + "\n".join(_line(r) for r in reviews)
    return EmailMessage(subject=subject, body=body, to=[user.email])


@transaction.atomic
def review_reminders_send(*, now: dt.datetime, batch: int) -> ReviewReminderRun:
    """One batch: claimed and audited in one transaction; the e-mails after it commits."""
    ids = _claim(now=now, batch=batch)
    if not ids:
        return ReviewReminderRun()
    audit_record(
        actor=None,
        actor_label=WORKER_LABEL,
        event_type=AuditEventType.UPDATE,
        action="review_remind_overdue",
        record_type=Review._meta.label_lower,
        record_id="*",
        purpose=Purpose.ADMINISTRATION,
        changes={"claimed": ids},
    )
    by_reviewer: dict[int, list[Review]] = defaultdict(list)
    users: dict[int, User] = {}
    reviews = (
        Review.objects.filter(pk__in=ids).prefetch_related("reviewers").order_by("respond_by", "pk")
    )
    for review in reviews:
        for user in review.reviewers.all():
            # The first decider never reviews (nrm.referrals.review), so is never reminded.
            if user.is_active and user.email and user.pk != review.first_decider_id:
                users[user.pk] = user
                by_reviewer[user.pk].append(review)
    messages = [_mail(users[pk], found) for pk, found in sorted(by_reviewer.items())]
    if messages:
        transaction.on_commit(lambda: send_after_claim(messages, what="overdue review"))
    logger.info("reviews: %s overdue reminded", len(ids))
    return ReviewReminderRun(len(ids), len(messages))


def review_reminders_process(*, now: dt.datetime, batch: int = 500) -> ReviewReminderRun:
    """Every review overdue by `now`, one transaction per batch."""
    total = ReviewReminderRun()
    while True:
        run = review_reminders_send(now=now, batch=batch)
        total += run
        if run.reminded < batch:
            return total
