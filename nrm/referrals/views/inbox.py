"""The referral inbox: what waits for a centre, what became of a referrer's referrals."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from nrm.access.context import Actor
from nrm.core.errors import PermissionDenied
from nrm.core.http import actor_view, htmx, no_store
from nrm.referrals import workflow
from nrm.referrals.forms import (
    InboxFilterForm,
)
from nrm.referrals.queries import (
    Box,
    State,
    referral_inbox_counts,
    referrals_in_box,
    referrals_list_audited,
)
from nrm.referrals.views._common import PAGE_SIZE, is_centre, query_without_page

# Inbox ---------------------------------------------------------------------------------


@actor_view
def inbox(request: HttpRequest, actor: Actor) -> HttpResponse:
    if not workflow.may_refer(actor):
        raise PermissionDenied(_("Your role neither makes nor receives referrals."))
    centre = is_centre(actor)
    # A centre comes for what waits for it; a referrer for what became of its referrals.
    box = Box.RECEIVED if centre else Box.SENT
    state = State.PENDING if centre else State.ALL
    filters = InboxFilterForm(request.GET or None, initial={"box": box, "state": state})
    status = 200
    if filters.is_valid():
        box = Box(filters.cleaned_data["box"] or box)
        state = State(filters.cleaned_data["state"] or state)
    elif filters.is_bound:
        status = 400
    now = timezone.now()
    referrals_qs = referrals_in_box(actor, box=box, state=state, now=now)
    if status == 400:
        referrals_qs = referrals_qs.none()
    page = Paginator(referrals_qs, PAGE_SIZE).get_page(request.GET.get("page"))
    referrals_list_audited(actor, list(page), action="referral_list")
    context = {
        "referrals": page,
        "filters": filters,
        "box": box,
        "state": state,
        "query": query_without_page(request),
        "counts": referral_inbox_counts(actor, now=now) if centre else None,
    }
    template = "referrals/inbox.html#inbox-table" if htmx(request) else "referrals/inbox.html"
    return no_store(render(request, template, context, status=status))
