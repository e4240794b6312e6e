"""/caseload/: the director's page — staff with their persons and open tasks, absences,
the persons nobody active accompanies, and the forms that hand persons over."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from nrm.access.context import Actor
from nrm.accounts.models import User
from nrm.caseload.actions import (
    absence_cancel,
    absence_record,
    caseload_reassign,
    key_worker_assign,
)
from nrm.caseload.forms import AbsenceForm, AssignForm, ReassignForm
from nrm.caseload.queries import (
    caseload_for_actor,
    caseload_organisation,
    key_worker_memberships,
    reassign_candidates,
    reassign_sources,
)
from nrm.core.errors import Conflict, DomainError
from nrm.core.http import actor_view, form_error, no_store


@actor_view
def overview(request: HttpRequest, actor: Actor) -> HttpResponse:
    organisation = caseload_organisation(actor)
    today = timezone.localdate()
    sources = reassign_sources(organisation.pk)
    candidates = reassign_candidates(organisation.pk, today)
    members = User.objects.filter(
        pk__in=key_worker_memberships(organisation.pk).values("user_id"), is_active=True
    ).order_by("last_name", "first_name", "pk")
    step = request.POST.get("step") if request.method == "POST" else None
    reassign = ReassignForm(
        request.POST if step == "reassign" else None,
        sources=sources,
        candidates=candidates,
        initial={"from_user": request.GET.get("from", "")},
    )
    assign = AssignForm(request.POST if step == "assign" else None, candidates=candidates)
    absence = AbsenceForm(request.POST if step == "absence" else None, members=members)
    status = 200
    if step == "reassign":
        status = 400
        if reassign.is_valid():
            data = reassign.cleaned_data
            try:
                moved = caseload_reassign(
                    actor=actor,
                    from_user=data["from_user"],
                    to_user=data["to_user"],
                    persons=reassign.references(),
                    reason=data["reason"],
                    note=data["note"],
                )
            except DomainError as exc:
                status = form_error(reassign, exc)
            else:
                messages.success(
                    request,
                    ngettext(
                        "Handed over: %(persons)d person and %(tasks)d open task.",
                        "Handed over: %(persons)d persons and %(tasks)d open tasks.",
                        moved.persons,
                    )
                    % {"persons": moved.persons, "tasks": moved.total - moved.persons},
                )
                return redirect("caseload:overview")
    elif step == "assign":
        status = 400
        if assign.is_valid():
            try:
                key_worker_assign(
                    actor=actor,
                    person_reference=assign.cleaned_data["person"],
                    to_user=assign.cleaned_data["to_user"],
                    reason=assign.cleaned_data["reason"],
                )
            except DomainError as exc:
                status = form_error(assign, exc, fields={"person": None})
            else:
                messages.success(request, _("Key worker assigned."))
                return redirect("caseload:overview")
    elif step == "absence":
        status = 400
        if absence.is_valid():
            try:
                absence_record(actor=actor, **absence.cleaned_data)
            except DomainError as exc:
                status = form_error(absence, exc)
            else:
                messages.success(request, _("Absence recorded."))
                return redirect("caseload:overview")
    elif step == "absence_cancel":
        try:
            absence_id = int(request.POST.get("absence", ""))
        except ValueError as exc:
            raise Conflict(_("This absence was cancelled meanwhile.")) from exc
        absence_cancel(actor=actor, absence_id=absence_id)
        messages.success(request, _("Absence cancelled."))
        return redirect("caseload:overview")
    elif request.method == "POST":
        status = 400
    context: dict[str, Any] = {
        "caseload": caseload_for_actor(actor, today=today),
        "reassign": reassign,
        "assign": assign,
        "absence": absence,
        "candidates": candidates,
        "failed_person": assign["person"].value() if step == "assign" else "",
    }
    return no_store(render(request, "caseload/overview.html", context, status=status))
