"""/api/v1 reviews of negative decisions (issue 18 §6): the lists and the negative opinion.

The declined referral's request (`POST /referrals/{reference}/reviews`), one review
(`GET /reviews/{review_id}`) and its decision (`POST /reviews/{review_id}/decide`) are served
by `nrm.referrals.api` for both kinds of decision; this router adds what the pages have
besides: the reviews assigned to the caller or their organisation, and the request for a
review of a prosecutor's negative opinion on victim status, named as the person's pathway
names it (`GET /persons/{reference}/pathway`: the event's `sequence`).
"""

from __future__ import annotations

from datetime import date, datetime

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field

from nrm.access.context import Actor
from nrm.accounts.models import User
from nrm.core.api.auth import caller
from nrm.core.api.errors import responses
from nrm.core.api.pagination import PageQuery, keyset_page
from nrm.core.errors import Conflict, DomainError
from nrm.referrals import review
from nrm.referrals.api import ReviewOut, ReviewRequestIn, _review_out
from nrm.referrals.models import Review, ReviewStatus, ReviewSubject

router = Router(tags=["reviews"])


class ReviewedOpinionOut(Schema):
    sequence: int = Field(description="the event's sequence in the person's pathway")
    given_on: date
    organisation: str


class ReviewSummaryOut(Schema):
    id: int
    subject: ReviewSubject
    referral: str | None
    opinion: ReviewedOpinionOut | None
    person: str = Field(description="the person's reference")
    status: ReviewStatus
    respond_by: date = Field(description="the reconsideration request's deadline")
    overdue: bool = Field(description="past its answer-by date and not decided")
    deciding_organisation: str
    requesting_organisation: str
    decided_at: datetime | None
    may_decide: bool = Field(description="the caller is a reviewer and may decide it now")


class ReviewListOut(Schema):
    results: list[ReviewSummaryOut]
    next_cursor: str | None


class ReviewListQuery(PageQuery):
    scope: review.Scope = Field(
        review.Scope.MINE,
        description="mine: the reviews the caller sits on; organisation: every review the "
        "caller's organisation asked for or on which a colleague sits",
    )
    open: bool = Field(True, description="only the reviews not yet decided")


def _summary(actor: Actor, found: Review, *, today: date, mine: set[int]) -> ReviewSummaryOut:
    opinion = found.opinion
    return ReviewSummaryOut(
        id=found.pk,
        subject=ReviewSubject(found.subject),
        referral=found.referral.reference if found.referral else None,
        opinion=(
            ReviewedOpinionOut(
                sequence=opinion.sequence,
                given_on=opinion.on,
                organisation=str(opinion.organisation),
            )
            if opinion is not None
            else None
        ),
        person=found.person.reference,
        status=ReviewStatus(found.status),
        respond_by=found.respond_by,
        overdue=review.is_overdue(found, today=today),
        deciding_organisation=str(found.deciding_organisation),
        requesting_organisation=str(found.requesting_organisation),
        decided_at=found.decided_at,
        may_decide=found.status == ReviewStatus.REQUESTED
        and found.pk in mine
        and found.first_decider_id != actor.user.pk,
    )


@router.get("/reviews", response={200: ReviewListOut, **responses(400, 401)})
def reviews_list(request: HttpRequest, query: Query[ReviewListQuery]) -> ReviewListOut:
    """The reviews assigned to the caller (or their organisation's), the soonest due first."""
    actor = caller(request, Actor)
    listed = review.reviews_visible_to(actor, scope=query.scope, open_only=query.open)
    rows, next_cursor = keyset_page(listed.select_related("opinion__organisation"), query)
    review.reviews_list_audited(actor, rows, action="api_review_list")
    mine = set(
        Review.reviewers.through.objects.filter(
            user_id=actor.user.pk, review_id__in=[r.pk for r in rows]
        ).values_list("review_id", flat=True)
    )
    today = timezone.localdate()
    return ReviewListOut(
        results=[_summary(actor, r, today=today, mine=mine) for r in rows],
        next_cursor=next_cursor,
    )


@router.post(
    "/persons/{reference}/pathway/events/{sequence}/reviews",
    response={201: ReviewOut, **responses(400, 401, 403, 404, 409)},
)
def opinion_review_request_api(
    request: HttpRequest, reference: str, sequence: int, payload: ReviewRequestIn
) -> Status[ReviewOut]:
    """A party to the person asks a second prosecutor or a panel to review a negative
    opinion on victim status; never the prosecutor who gave it."""
    actor = caller(request, Actor)
    opinion = review.opinion_get_for_actor(actor, reference, sequence)
    if not review.is_negative_opinion(opinion):
        raise Conflict(_("Only a negative opinion on victim status can be reviewed."))
    reviewers = list(User.objects.filter(pk__in=payload.reviewers))
    if len(reviewers) != len(set(payload.reviewers)):
        raise DomainError(
            _("A reviewer must be an active member of the deciding organisation."),
            field="reviewers",
        )
    made = review.review_request_opinion(
        actor=actor, opinion=opinion, reviewers=reviewers, grounds=payload.grounds
    )
    return Status(201, _review_out(made))
