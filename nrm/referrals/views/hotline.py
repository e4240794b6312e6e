"""The 24/7 hotline: its log, a new call, one call."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from nrm.access.context import Actor
from nrm.access.policy import Ability, decide_person
from nrm.consent.models import ConsentPurpose
from nrm.consent.queries import consent_allows
from nrm.core.errors import DomainError, PermissionDenied
from nrm.core.http import actor_view, form_error, htmx, no_store
from nrm.referrals import workflow
from nrm.referrals.actions import (
    hotline_entry_create,
)
from nrm.referrals.forms import (
    HotlineFilterForm,
    HotlineForm,
    PersonMode,
)
from nrm.referrals.queries import (
    hotline_entries_filtered,
    hotline_entries_visible_to,
    hotline_entry_get_for_actor,
    hotline_list_audited,
)
from nrm.referrals.views._common import PAGE_SIZE, query_without_page

# Hotline -------------------------------------------------------------------------------

# Where an action's field appears on the hotline form.
_HOTLINE_FIELDS = {
    "referred_on": "contact_at",
    "reason": "referral_reason",
    "details": "referral_details",
    "age_at_first_contact": "age",
    "nationalities": "nationality",
    "languages": "language",
    "first_contact_on": "contact_at",
    # A referral refused for want of the person's consent: their answer on this form.
    "consent": "referral_consent",
    "never_use": "phone",
}


def _hotline_error(form: HotlineForm, exc: DomainError) -> int:
    mode = form.cleaned_data.get("person_mode")
    person = "person_reference" if mode == PersonMode.EXISTING else "person_mode"
    return form_error(form, exc, fields=_HOTLINE_FIELDS | {"person": person})


@actor_view
def hotline_log(request: HttpRequest, actor: Actor) -> HttpResponse:
    if not workflow.may_keep_hotline(actor):
        raise PermissionDenied(_("Only a specialised centre's staff keep its hotline log."))
    filters = HotlineFilterForm(request.GET or None)
    entries_qs = hotline_entries_visible_to(actor)
    status = 200
    if filters.is_valid():
        entries_qs = hotline_entries_filtered(entries_qs, **filters.cleaned_data)
    elif filters.is_bound:
        status = 400
        entries_qs = hotline_entries_filtered(entries_qs.none())
    else:
        entries_qs = hotline_entries_filtered(entries_qs)
    page = Paginator(entries_qs, PAGE_SIZE).get_page(request.GET.get("page"))
    hotline_list_audited(actor, list(page), action="hotline_list")
    context = {"entries": page, "filters": filters, "query": query_without_page(request)}
    template = "referrals/hotline_log.html"
    if htmx(request):
        template += "#hotline-table"
    return no_store(render(request, template, context, status=status))


@actor_view
def hotline_new(request: HttpRequest, actor: Actor) -> HttpResponse:
    if not workflow.may_keep_hotline(actor):
        raise PermissionDenied(_("Only a specialised centre's staff keep its hotline log."))
    form = HotlineForm(request.POST or None, actor=actor)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                entry = hotline_entry_create(
                    actor=actor,
                    data=form.entry_data(),
                    person_reference=form.linked_reference(),
                    new_person=form.new_person(),
                    referral=form.referral_data(),
                )
            except DomainError as exc:
                status = _hotline_error(form, exc)
            else:
                if entry.referral is not None:
                    message = _(
                        "Contact %(reference)s logged; referral %(referral)s sent to %(centre)s."
                    ) % {
                        "reference": entry.reference,
                        "referral": entry.referral.reference,
                        "centre": entry.referral.referred_organisation,
                    }
                else:
                    message = _("Contact %(reference)s logged.") % {"reference": entry.reference}
                messages.success(request, message)
                return redirect("referrals:hotline_detail", reference=entry.reference)
    return no_store(render(request, "referrals/hotline_form.html", {"form": form}, status=status))


@actor_view
def hotline_detail(request: HttpRequest, actor: Actor, reference: str) -> HttpResponse:
    entry = hotline_entry_get_for_actor(actor, reference, action="hotline_view")
    context = {
        "entry": entry,
        "may_open_person": entry.person_id is not None
        and decide_person(actor, entry.person_id, Ability.PERSON_VIEW).allowed,
        # Whether the summary goes with the referral to its centre (issue 16 item 2).
        "summary_travels": entry.referral_id is not None
        and entry.person is not None
        and consent_allows(entry.person, ConsentPurpose.REFERRAL),
    }
    return no_store(render(request, "referrals/hotline_detail.html", context))
