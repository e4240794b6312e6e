"""Reviews of declined referrals and the escalations of unanswered ones."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from nrm.access.context import Actor
from nrm.core.errors import DomainError, PermissionDenied
from nrm.core.http import actor_view, form_error, no_store
from nrm.organisations.models import Role
from nrm.referrals import review
from nrm.referrals.forms import (
    ReviewDecideForm,
)
from nrm.referrals.models import ReviewStatus
from nrm.referrals.queries import (
    escalated_to_coordination,
    escalations_list_audited,
)
from nrm.referrals.views._common import PAGE_SIZE


@actor_view
def review_detail(request: HttpRequest, actor: Actor, review_id: int) -> HttpResponse:
    """The review: what is reviewed, the grounds, and for a reviewer the decision form."""
    record = review.review_get_for_actor(actor, review_id)
    reviewer = (
        record.reviewers.filter(pk=actor.user.pk).exists()
        and actor.user.pk != record.first_decider_id
    )
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
        "may_decide": reviewer and record.status == ReviewStatus.REQUESTED,
        "form": form,
        "reviewers": list(record.reviewers.order_by("pk")),
    }
    return no_store(render(request, "referrals/review.html", context, status=status))


@actor_view
def escalations(request: HttpRequest, actor: Actor) -> HttpResponse:
    """The coordination unit's list of unanswered referrals escalated to it: references,
    organisations and times only (the unit is no party to the referrals)."""
    if actor.role != Role.COORDINATOR:
        raise PermissionDenied(_("Only the coordination unit sees escalated referrals."))
    page = Paginator(escalated_to_coordination(actor), PAGE_SIZE).get_page(request.GET.get("page"))
    escalations_list_audited(actor, list(page), action="referral_escalations_list")
    return no_store(render(request, "referrals/escalations.html", {"referrals": page}))
