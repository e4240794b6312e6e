"""The targets dashboard and local operational meetings with their follow-ups."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nrm.access.context import Actor
from nrm.core import clock
from nrm.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from nrm.core.http import actor_view, form_error, no_store
from nrm.organisations.models import Organisation
from nrm.prosecution import actions, forms, permissions, queries, targets
from nrm.prosecution.views._common import (
    PAGE_SIZE,
)

# Targets ------------------------------------------------------------------------------------------


@actor_view
def case_targets(request: HttpRequest, actor: Actor) -> HttpResponse:
    today = clock.today()
    year_form = forms.YearForm(request.GET or None)
    year = today.year
    if year_form.is_valid() and year_form.cleaned_data["year"]:
        year = year_form.cleaned_data["year"]
    may_set = permissions.may_set_case_targets(actor)
    form = forms.CaseTargetForm(request.POST or None, initial={"year": year})
    status = 200
    if request.method == "POST":
        if not may_set:
            raise PermissionDenied(_("Only the coordinating level sets case targets."))
        status = 400
        if form.is_valid():
            d = form.cleaned_data
            try:
                actions.case_target_set(
                    actor=actor, office=d["office"], year=d["year"], target=d["target"]
                )
            except DomainError as exc:
                form_error(form, exc)
            else:
                messages.success(request, _("Target saved."))
                return redirect(f"{reverse('prosecution:targets')}?year={d['year']}")
    board = targets.dashboard(actor, year=year, today=today)
    context = {"board": board, "form": form, "may_set": may_set, "year_form": year_form}
    return no_store(render(request, "prosecution/targets.html", context, status=status))


# Meetings -----------------------------------------------------------------------------------------


@actor_view
def meeting_list(request: HttpRequest, actor: Actor) -> HttpResponse:
    if permissions.meeting_scope(actor) is None:
        raise PermissionDenied(_("Your role does not take part in local operational meetings."))
    page = Paginator(queries.meetings_listed(actor), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "meetings": page,
        "follow_ups": list(queries.follow_ups_due(actor)[:50]),
        "may_create": permissions.is_prosecutor(actor),
        "today": clock.today(),
    }
    return no_store(render(request, "prosecution/meeting_list.html", context))


@actor_view
def meeting_new(request: HttpRequest, actor: Actor) -> HttpResponse:
    if not permissions.is_prosecutor(actor):
        raise PermissionDenied(_("Only a prosecutor calls a local operational meeting."))
    form = forms.MeetingForm(request.POST or None, initial={"held_on": clock.today()})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            d = form.cleaned_data
            try:
                meeting = actions.meeting_create(
                    actor=actor,
                    held_on=d["held_on"],
                    title=d["title"],
                    location=d["location"],
                    participants=list(d["participants"]),
                    notes=d["notes"],
                )
            except DomainError as exc:
                form_error(form, exc)
            else:
                messages.success(request, _("Meeting recorded."))
                return redirect("prosecution:meeting", pk=meeting.pk)
    return no_store(render(request, "prosecution/meeting_new.html", {"form": form}, status=status))


def _meeting_organisations(meeting: Any) -> Any:
    return Organisation.objects.filter(
        pk__in=[meeting.office_id, *meeting.participants.values_list("pk", flat=True)]
    ).order_by("name")


@actor_view
def meeting_detail(request: HttpRequest, actor: Actor, pk: int) -> HttpResponse:
    meeting = queries.meeting_get_for_actor(actor, pk, action="meeting_view")
    is_office = permissions.is_prosecutor(actor) and actor.organisation_id == meeting.office_id
    cases = (
        queries.cases_visible_to(actor).filter(office_id=meeting.office_id).order_by("-opened_on")
    )
    item_form = forms.AgendaItemForm(cases=cases, prefix="item")
    follow_form = forms.FollowUpForm(
        organisations=_meeting_organisations(meeting),
        prefix="follow",
        initial={"due_on": meeting.held_on},
    )
    status = 200
    if request.method == "POST":
        if not is_office:
            raise PermissionDenied(
                _("Only the prosecutors of the office keep the meeting's record.")
            )
        which = request.POST.get("form")
        status = 400
        if which == "item":
            item_form = forms.AgendaItemForm(request.POST, cases=cases, prefix="item")
            if item_form.is_valid():
                d = item_form.cleaned_data
                try:
                    actions.agenda_item_add(
                        actor=actor,
                        meeting=meeting,
                        topic=d["topic"],
                        case=d["case"],
                        discussion=d["discussion"],
                        decision=d["decision"],
                    )
                except DomainError as exc:
                    form_error(item_form, exc)
                else:
                    messages.success(request, _("Agenda item added."))
                    return redirect("prosecution:meeting", pk=meeting.pk)
        elif which == "follow":
            follow_form = forms.FollowUpForm(
                request.POST, organisations=_meeting_organisations(meeting), prefix="follow"
            )
            if follow_form.is_valid():
                d = follow_form.cleaned_data
                item = meeting.agenda_items.filter(pk=d["item"]).first()
                if item is None:
                    raise NotFound(_("No such agenda item."))
                try:
                    actions.follow_up_add(
                        actor=actor,
                        agenda_item=item,
                        description=d["description"],
                        responsible=d["responsible"],
                        due_on=d["due_on"],
                    )
                except DomainError as exc:
                    form_error(follow_form, exc)
                else:
                    messages.success(request, _("Follow-up added."))
                    return redirect("prosecution:meeting", pk=meeting.pk)
    context = {
        "meeting": meeting,
        "participants": list(meeting.participants.order_by("name")),
        "agenda": queries.agenda_of(actor, meeting),
        "is_office": is_office,
        "item_form": item_form,
        "follow_form": follow_form,
        "today": clock.today(),
    }
    return no_store(render(request, "prosecution/meeting_detail.html", context, status=status))


@require_POST
@actor_view
def follow_up_done(request: HttpRequest, actor: Actor, pk: int) -> HttpResponse:
    from nrm.prosecution.models import FollowUp

    follow_up = FollowUp.objects.select_related("agenda_item").filter(pk=pk).first()
    if follow_up is None:
        raise NotFound(_("No such follow-up."))
    try:
        actions.follow_up_complete(actor=actor, follow_up=follow_up)
    except Conflict as exc:
        return render(request, "prosecution/conflict.html", {"message": exc.message}, status=409)
    messages.success(request, _("Follow-up done."))
    return redirect("prosecution:meeting", pk=follow_up.agenda_item.meeting_id)
