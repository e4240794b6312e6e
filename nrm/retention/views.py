"""Retention pages: what the job flagged, the legal holds, the subject-access export and
the register of processing activities."""

from __future__ import annotations

import json

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from nrm.access.context import Actor
from nrm.core.errors import DomainError
from nrm.core.http import actor_view, form_error, no_store
from nrm.retention.actions import erasure_request_record, legal_hold_place, legal_hold_release
from nrm.retention.config import rule_for
from nrm.retention.forms import ErasureForm, ExportForm, FlagFilterForm, HoldForm
from nrm.retention.holds import hold_labels
from nrm.retention.models import FlagStatus
from nrm.retention.permissions import (
    answers_for_organisation,
    is_data_protection_officer,
    may_place_hold,
)
from nrm.retention.queries import (
    flag_counts,
    flags_list,
    holds_list,
    register_entries,
    subject_access_export,
)
from nrm.retention.sources import record_type


def _rule_label(key: str) -> str:
    try:
        return rule_for(key).label
    except KeyError:
        return key


@actor_view
def index(request: HttpRequest, actor: Actor) -> HttpResponse:
    officer = is_data_protection_officer(actor)
    answers = answers_for_organisation(actor)
    context: dict[str, object] = {"officer": officer, "answers": answers}
    if officer or answers:
        form = FlagFilterForm(request.GET or None)
        status = form.cleaned_data["status"] if form.is_valid() else ""
        flags = flags_list(actor, status=status or None)
        context |= {
            "form": form,
            "flags": [
                {
                    "flag": flag,
                    "label": _rule_label(flag.rule),
                    "model": record_type(flag.rule).model._meta.verbose_name,
                    "holds": hold_labels(flag.holds),
                }
                for flag in flags
            ],
            "counts": flag_counts() if officer else None,
            "statuses": FlagStatus,
        }
    return no_store(render(request, "retention/index.html", context))


@actor_view
def holds(request: HttpRequest, actor: Actor) -> HttpResponse:
    form = HoldForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            legal_hold_place(
                actor=actor,
                person_reference=form.cleaned_data["person"],
                reason=form.cleaned_data["reason"],
            )
        except DomainError as exc:
            status = form_error(form, exc)
        else:
            return HttpResponseRedirect(reverse("retention:holds"))
    elif request.method == "POST":
        status = 400
    context = {
        "holds": holds_list(actor),
        "form": form if may_place_hold(actor) else None,
        "officer": is_data_protection_officer(actor),
    }
    return no_store(render(request, "retention/holds.html", context, status=status))


@require_POST
@actor_view
def hold_release(request: HttpRequest, actor: Actor, pk: int) -> HttpResponse:
    legal_hold_release(actor=actor, hold_id=pk)
    return HttpResponseRedirect(reverse("retention:holds"))


@actor_view
def export(request: HttpRequest, actor: Actor) -> HttpResponse:
    """The reference goes in a POST body, not the address: it must not reach access logs."""
    form = ExportForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = subject_access_export(actor=actor, person_reference=form.cleaned_data["person"])
        if form.cleaned_data["format"] == "json":
            response = HttpResponse(
                json.dumps(data, indent=2, ensure_ascii=False),
                content_type="application/json",
            )
            filename = f"subject-access-{data['person']['reference']}.json"
            response["Content-Disposition"] = f'attachment; filename="{filename}"'
            return no_store(response)
        context = {"data": data, "labels": {key: _rule_label(key) for key in data["records"]}}
        return no_store(render(request, "retention/export.html", context))
    if request.method == "POST":
        status = 400
    page = {
        "form": form,
        "erasure_form": ErasureForm(prefix="erasure"),
        "answers": answers_for_organisation(actor),
    }
    return no_store(render(request, "retention/export_form.html", page, status=status))


@require_POST
@actor_view
def erasure(request: HttpRequest, actor: Actor) -> HttpResponse:
    """The person asked for erasure: flag what the organisation holds on them now."""
    form = ErasureForm(request.POST, prefix="erasure")
    status = 400
    if form.is_valid():
        try:
            count = erasure_request_record(
                actor=actor, person_reference=form.cleaned_data["person"], now=timezone.now()
            )
        except DomainError as exc:
            status = form_error(form, exc)
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)d record flagged for erasure; it is anonymised after the grace "
                    "period unless a hold applies.",
                    "%(count)d records flagged for erasure; they are anonymised after the grace "
                    "period unless a hold applies.",
                    count,
                )
                % {"count": count},
            )
            return HttpResponseRedirect(reverse("retention:index"))
    page = {"form": ExportForm(), "erasure_form": form, "answers": answers_for_organisation(actor)}
    return no_store(render(request, "retention/export_form.html", page, status=status))


@actor_view
def register(request: HttpRequest, actor: Actor) -> HttpResponse:
    # Not personal data: what is processed, why and how long, for every member to read.
    return render(request, "retention/register.html", {"entries": register_entries()})
