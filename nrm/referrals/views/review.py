"""Reviews of negative decisions (a declined referral, a prosecutor's negative opinion on
victim status) and the escalations of unanswered referrals."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from nrm.access.context import Actor
from nrm.core.errors import Conflict, DomainError, PermissionDenied
from nrm.core.http import actor_view, form_error, no_store
from nrm.organisations.models import Role
from nrm.referrals import review
from nrm.referrals.forms import ReviewDecideForm, ReviewRequestForm
from nrm.referrals.models import ReviewStatus
from nrm.referrals.queries import (
    escalated_to_coordination,
    escalations_list_audited,
)
from nrm.referrals.views._common import PAGE_SIZE, query_without_page


@require_http_methods(["GET", "POST"])
@actor_view
def review_detail(request: HttpRequest, actor: Actor, review_id: int) -> HttpResponse:
    """The review: what is reviewed, the grounds, and for a reviewer the decision form."""
    record = review.review_get_for_actor(actor, review_id)
    form = ReviewDecideForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                review.review_decide(
                    actor=actor,
                    review=record,
                    overturn=form.cleaned_data["overturn"],
                    reasons=form.cleaned_data["reasons"],
                )
            except DomainError as exc:
                status = form_error(form, exc)
            else:
                messages.success(request, _("The review's decision is recorded."))
                return redirect("referrals:review", review_id=record.pk)
    context = {
        "review": record,
        "may_decide": review.may_decide(actor, record),
        "overdue": review.is_overdue(record, today=timezone.localdate()),
        "form": form,
        "reviewers": list(record.reviewers.order_by("pk")),
    }
    return no_store(render(request, "referrals/review.html", context, status=status))


@require_GET
@actor_view
def review_list(request: HttpRequest, actor: Actor) -> HttpResponse:
    """The reviews the user sits on, or their organisation's (asked for, or on which a
    colleague sits); open ones only unless all are asked for."""
    scope = review.Scope.ORGANISATION if request.GET.get("scope") == "organisation" else None
    open_only = request.GET.get("state") != "all"
    reviews = review.reviews_visible_to(
        actor, scope=scope or review.Scope.MINE, open_only=open_only
    )
    page = Paginator(reviews, PAGE_SIZE).get_page(request.GET.get("page"))
    review.reviews_list_audited(actor, list(page), action="review_list")
    today = timezone.localdate()
    context = {
        "reviews": page,
        "rows": [(item, review.is_overdue(item, today=today)) for item in page],
        "scope": (scope or review.Scope.MINE).value,
        "open_only": open_only,
        "query": query_without_page(request),
    }
    return no_store(render(request, "referrals/reviews.html", context))


@require_http_methods(["GET", "POST"])
@actor_view
def opinion_review(
    request: HttpRequest, actor: Actor, reference: str, sequence: int
) -> HttpResponse:
    """A negative opinion on victim status, from the person's status page: its reviews, and
    the form to send it to a second prosecutor or a panel."""
    opinion = review.opinion_get_for_actor(actor, reference, sequence)
    if not review.is_negative_opinion(opinion):
        raise Conflict(_("Only a negative opinion on victim status can be reviewed."))
    reviews = list(review.reviews_of_opinion(actor, opinion))
    under_way = any(item.status == ReviewStatus.REQUESTED for item in reviews)
    may_ask = actor.organisation is not None and not under_way
    form = ReviewRequestForm(
        request.POST or None, reviewers=review.eligible_opinion_reviewers(opinion)
    )
    status = 200
    if request.method == "POST":
        # The action decides (one open review per decision: 409; no organisation: 403).
        status = 400
        if form.is_valid():
            try:
                made = review.review_request_opinion(
                    actor=actor,
                    opinion=opinion,
                    reviewers=list(form.cleaned_data["reviewers"]),
                    grounds=form.cleaned_data["grounds"],
                )
            except DomainError as exc:
                status = form_error(form, exc)
            else:
                messages.success(
                    request, _("Review asked for. The reviewers see it in their inbox.")
                )
                return redirect("referrals:review", review_id=made.pk)
    context = {
        "opinion": opinion,
        "reference": reference,
        "reviews": reviews,
        "may_ask": may_ask,
        "form": form,
        "review_days": review.REVIEW_DAYS,
    }
    return no_store(render(request, "referrals/opinion_review.html", context, status=status))


@require_GET
@actor_view
def escalations(request: HttpRequest, actor: Actor) -> HttpResponse:
    """The coordination unit's list of unanswered referrals escalated to it: references,
    organisations and times only (the unit is no party to the referrals)."""
    if actor.role != Role.COORDINATOR:
        raise PermissionDenied(_("Only the coordination unit sees escalated referrals."))
    page = Paginator(escalated_to_coordination(actor), PAGE_SIZE).get_page(request.GET.get("page"))
    escalations_list_audited(actor, list(page), action="referral_escalations_list")
    return no_store(render(request, "referrals/escalations.html", {"referrals": page}))
