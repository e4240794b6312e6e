"""The coordination pages: the NRM manual (read by everyone, edited and approved by the
coordination unit), the forums, the action plan with its progress and export, the notices
of the reminder worker, and neighbour checks.

Each form posts to its own URL; 403 for a visible page the actor may not change, 404 for
what the actor may not see, 400 with the form and its errors for bad input, 409 when the
record's state does not allow the change.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nrm.access.context import Actor
from nrm.coordination import actions, forms, queries
from nrm.coordination.diff import fields_diff, word_diff
from nrm.coordination.models import (
    ForumKind,
    ForumMeeting,
    ManualEntryVersion,
    NeighbourTopic,
    PlanAction,
)
from nrm.coordination.neighbour import own_side
from nrm.coordination.steps import Step, installation_chain
from nrm.core.errors import Conflict, DomainError, PermissionDenied
from nrm.core.http import actor_view, form_error
from nrm.organisations.models import Organisation


def _language(request: HttpRequest) -> str:
    return (get_language() or "en").split("-")[0]


def _attempt(form: Any, call: Callable[[], Any]) -> tuple[Any, int]:
    """Run an action; on refusal put it on the form. Returns (result, status)."""
    try:
        return call(), 200
    except Conflict as exc:
        form_error(form, exc)
        return None, 409
    except PermissionDenied:
        raise
    except DomainError as exc:
        form_error(form, exc)
        return None, 400


@actor_view
def index(request: HttpRequest, actor: Actor) -> HttpResponse:
    queries.require_member(actor)
    context = {
        "is_coordinator": queries.is_coordinator(actor),
        "notices": list(queries.notices_for(actor)[:20]),
        "follow_ups": list(queries.follow_ups_open_for(actor)[:20]),
        "today": timezone.localdate(),
    }
    return render(request, "coordination/index.html", context)


# The manual -------------------------------------------------------------------------------


@actor_view
def manual(request: HttpRequest, actor: Actor) -> HttpResponse:
    language = _language(request)
    entries = queries.manual_entries(actor, language=language)
    chain = installation_chain()
    proposals = list(queries.manual_proposals()) if queries.is_coordinator(actor) else []
    context = {
        "entries": entries,
        "language": language,
        "is_coordinator": queries.is_coordinator(actor),
        # Belgium's manual restates an official circular; Denmark has none to name.
        "official_text": chain.code == "BE",
        # Each proposal with its step as the installation's chain names it.
        "proposals": [(v, chain.get(v.step) or v.step) for v in proposals],
    }
    return render(request, "coordination/manual.html", context)


def _step(step: str) -> Step:
    """A step of the installation's own chain; any other id is not a page here."""
    found = installation_chain().get(step)
    if found is None:
        raise Http404
    return found


@actor_view
def manual_step_page(request: HttpRequest, actor: Actor, step: str) -> HttpResponse:
    """One step: its history, and for the coordination unit the form for a new version."""
    the_step = _step(step)
    language = _language(request)
    history = queries.manual_history(actor, step=the_step, language=language)
    is_coordinator = queries.is_coordinator(actor)
    current = queries.manual_entry(the_step, language=language).version
    initial = current.fields() if current is not None and current.language == language else {}
    form = forms.ManualEntryForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if not is_coordinator:
            raise PermissionDenied(_("Only the coordination unit edits the manual."))
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            version, status = _attempt(
                form,
                lambda: actions.manual_entry_propose(
                    actor=actor,
                    step=the_step,
                    language=language,
                    fields={k: v for k, v in data.items() if k != "change_note"},
                    change_note=data["change_note"],
                ),
            )
            if version is not None:
                messages.success(request, _("The new version waits for approval."))
                return redirect("coordination:manual_version", pk=version.pk)
    if not is_coordinator:
        history = [v for v in history if v.approved_at is not None]
    context = {
        "step": the_step,
        "history": history,
        "form": form if is_coordinator else None,
        "language": language,
    }
    return render(request, "coordination/manual_step.html", context, status=status)


@actor_view
def manual_version(request: HttpRequest, actor: Actor, pk: int) -> HttpResponse:
    version = queries.manual_version_get(actor, pk)
    previous = queries.manual_previous(version)
    changes = [
        (_field_label(name), segments)
        for name, segments in fields_diff(
            previous.fields() if previous else {}, version.fields()
        ).items()
    ]
    context = {
        "version": version,
        "previous": previous,
        "changes": changes,
        "step": _step(version.step),
        "may_approve": queries.is_coordinator(actor) and version.approved_at is None,
    }
    return render(request, "coordination/manual_version.html", context)


def _field_label(name: str) -> str:
    field = ManualEntryVersion._meta.get_field(name)
    return str(getattr(field, "verbose_name", name))


@require_POST
@actor_view
def manual_version_approve(request: HttpRequest, actor: Actor, pk: int) -> HttpResponse:
    version = queries.manual_version_get(actor, pk)
    actions.manual_entry_approve(actor=actor, version=version)
    messages.success(request, _("The version is approved; the manual shows it now."))
    return redirect("coordination:manual_version", pk=version.pk)


# Forums ---------------------------------------------------------------------------------------


@actor_view
def forum_list(request: HttpRequest, actor: Actor) -> HttpResponse:
    queries.require_member(actor)
    meetings = (
        queries.meetings_visible_to(actor)
        .prefetch_related("invitees", "attended")
        .order_by("-held_on")
    )
    context = {
        "platform": [m for m in meetings if m.kind == ForumKind.PLATFORM],
        "operational": [m for m in meetings if m.kind == ForumKind.OPERATIONAL],
        "is_coordinator": queries.is_coordinator(actor),
    }
    return render(request, "coordination/forum_list.html", context)


@actor_view
def forum_new(request: HttpRequest, actor: Actor) -> HttpResponse:
    queries.require_coordinator(actor, _("Only the coordination unit calls a forum meeting."))
    form = forms.MeetingForm(request.POST or None, initial={"held_on": timezone.localdate()})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            d = form.cleaned_data
            meeting, status = _attempt(
                form,
                lambda: actions.forum_meeting_create(
                    actor=actor,
                    kind=ForumKind(d["kind"]),
                    held_on=d["held_on"],
                    title=d["title"],
                    location=d["location"],
                    invitees=list(d["invitees"]),
                    agenda=form.agenda_items(),
                ),
            )
            if meeting is not None:
                messages.success(request, _("Meeting recorded."))
                return redirect("coordination:forum", pk=meeting.pk)
    return render(request, "coordination/forum_new.html", {"form": form}, status=status)


def _meeting_forms(meeting: ForumMeeting, data: Any = None, which: str = "") -> dict[str, Any]:
    invitees: QuerySet[Organisation] = meeting.invitees.all().order_by("name")
    decisions = meeting.decisions.all()
    latest = meeting.minutes.order_by("-number").first()

    def bound(name: str) -> Any:
        return data if which == name else None

    return {
        "attendance_form": forms.AttendanceForm(
            bound("attendance"),
            invitees=invitees,
            initial={"present": list(meeting.attended.all())},
            prefix="attendance",
        ),
        "agenda_form": forms.AgendaItemForm(bound("agenda"), prefix="agenda"),
        "decision_form": forms.DecisionForm(bound("decision"), prefix="decision"),
        "minutes_form": forms.MinutesForm(
            bound("minutes"), prefix="minutes", initial={"text": latest.text if latest else ""}
        ),
        "follow_up_form": forms.FollowUpForm(
            bound("follow_up"),
            invitees=invitees,
            decisions=decisions,
            prefix="follow_up",
            initial={"due_on": meeting.held_on},
        ),
    }


def _meeting_context(actor: Actor, meeting: ForumMeeting) -> dict[str, Any]:
    minutes = list(meeting.minutes.select_related("written_by").order_by("-number"))
    minutes_diff = word_diff(minutes[1].text, minutes[0].text) if len(minutes) > 1 else []
    return {
        "meeting": meeting,
        "minutes": minutes,
        "minutes_diff": minutes_diff,
        "is_coordinator": queries.is_coordinator(actor),
        "today": timezone.localdate(),
        "actions_proposed": PlanAction.objects.filter(proposed_at_meeting=meeting).order_by(
            "number"
        ),
    }


@actor_view
def forum_detail(request: HttpRequest, actor: Actor, pk: int) -> HttpResponse:
    meeting = queries.meeting_get_for_actor(actor, pk)
    context = _meeting_context(actor, meeting) | _meeting_forms(meeting)
    return render(request, "coordination/forum_detail.html", context)


@require_POST
@actor_view
def forum_record(request: HttpRequest, actor: Actor, pk: int, what: str) -> HttpResponse:
    """One URL per part of the record: attendance, agenda, decision, minutes, follow-up."""
    meeting = queries.meeting_get_for_actor(actor, pk)
    if what not in {"attendance", "agenda", "decision", "minutes", "follow_up"}:
        raise Http404
    queries.require_coordinator(
        actor, _("The coordination unit is the forums' secretariat; only it keeps their record.")
    )
    bound = _meeting_forms(meeting, request.POST, what)
    form = bound[f"{what}_form"]
    status = 400
    if form.is_valid():
        d = form.cleaned_data
        calls: dict[str, Callable[[], Any]] = {
            "attendance": lambda: actions.forum_attendance_record(
                actor=actor, meeting=meeting, present=list(d.get("present", []))
            ),
            "agenda": lambda: actions.forum_agenda_item_add(
                actor=actor, meeting=meeting, title=d.get("title", "")
            ),
            "decision": lambda: actions.forum_decision_record(
                actor=actor, meeting=meeting, text=d.get("text", "")
            ),
            "minutes": lambda: actions.forum_minutes_write(
                actor=actor, meeting=meeting, text=d.get("text", "")
            ),
            "follow_up": lambda: actions.forum_follow_up_add(
                actor=actor,
                meeting=meeting,
                description=d.get("description", ""),
                owner=d["owner"],
                due_on=d["due_on"],
                decision=d.get("decision"),
            ),
        }
        _result, status = _attempt(form, calls[what])
        if status == 200:
            messages.success(request, _("Saved."))
            return redirect("coordination:forum", pk=meeting.pk)
    meeting = queries.meeting_get_for_actor(actor, pk)
    context = _meeting_context(actor, meeting) | _meeting_forms(meeting) | {f"{what}_form": form}
    return render(request, "coordination/forum_detail.html", context, status=status)


@require_POST
@actor_view
def follow_up_done(request: HttpRequest, actor: Actor, pk: int) -> HttpResponse:
    follow_up = queries.follow_up_get_for_actor(actor, pk)
    actions.forum_follow_up_done(actor=actor, follow_up=follow_up)
    messages.success(request, _("Follow-up done."))
    return redirect("coordination:forum", pk=follow_up.meeting_id)


# The action plan ------------------------------------------------------------------------------


@actor_view
def plan(request: HttpRequest, actor: Actor) -> HttpResponse:
    is_coordinator = queries.is_coordinator(actor)
    form = forms.ActionForm(request.POST or None)
    status = 200
    if request.method == "POST":
        queries.require_coordinator(actor, _("Only the coordination unit proposes actions."))
        status = 400
        if form.is_valid():
            d = form.cleaned_data
            action, status = _attempt(
                form,
                lambda: actions.plan_action_propose(
                    actor=actor,
                    number=d["number"],
                    text=d["text"],
                    indicator=d["indicator"],
                    lead=d["lead"],
                    partners=list(d["partners"]),
                    deadline=d["deadline"],
                ),
            )
            if action is not None:
                messages.success(request, _("Action proposed."))
                return redirect("coordination:action", number=action.number)
    today = timezone.localdate()
    context = {
        "actions": list(queries.plan_actions(actor)),
        "progress": queries.plan_progress(actor, today=today),
        "form": form if is_coordinator else None,
        "today": today,
        "mine": actor.organisation_id,
    }
    return render(request, "coordination/plan.html", context, status=status)


@actor_view
def plan_export(request: HttpRequest, actor: Actor) -> HttpResponse:
    """The plan as CSV for the platform's papers (no person in it: nothing to suppress)."""
    rows = queries.plan_actions(actor)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="action-plan.csv"'
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Number"),
            _("Action"),
            _("Lead organisation"),
            _("Partners"),
            _("Deadline"),
            _("Status"),
            _("Percent done"),
            _("Indicator"),
        ]
    )
    for action in rows:
        writer.writerow(
            [
                action.number,
                action.text,
                action.lead.name,
                "; ".join(p.name for p in action.partners.all()),
                action.deadline.isoformat(),
                action.get_status_display(),
                getattr(action, "progress_done", None) or 0,
                action.indicator,
            ]
        )
    return response


@actor_view
def action_detail(request: HttpRequest, actor: Actor, number: str) -> HttpResponse:
    action = queries.plan_action_get(actor, number)
    return render(request, "coordination/action.html", _action_context(actor, action))


def _action_context(actor: Actor, action: PlanAction, **bound: Any) -> dict[str, Any]:
    return {
        "action": action,
        "progress_form": bound.get("progress_form")
        or forms.ProgressForm(initial={"status": action.status}),
        "adopt_form": bound.get("adopt_form") or forms.AdoptForm(),
        "may_report": queries.may_report_progress(actor, action),
        "is_coordinator": queries.is_coordinator(actor),
        "today": timezone.localdate(),
    }


@require_POST
@actor_view
def action_progress(request: HttpRequest, actor: Actor, number: str) -> HttpResponse:
    action = queries.plan_action_get(actor, number)
    if not queries.may_report_progress(actor, action):
        raise PermissionDenied(
            _("Only the lead organisation or the coordination unit reports progress.")
        )
    form = forms.ProgressForm(request.POST)
    status = 400
    if form.is_valid():
        d = form.cleaned_data
        _note, status = _attempt(
            form,
            lambda: actions.plan_action_report_progress(
                actor=actor,
                action=action,
                text=d["text"],
                percent_done=d["percent_done"],
                status=d["status"],
            ),
        )
        if status == 200:
            messages.success(request, _("Progress recorded."))
            return redirect("coordination:action", number=number)
    action = queries.plan_action_get(actor, number)
    return render(
        request,
        "coordination/action.html",
        _action_context(actor, action, progress_form=form),
        status=status,
    )


@require_POST
@actor_view
def action_adopt(request: HttpRequest, actor: Actor, number: str) -> HttpResponse:
    action = queries.plan_action_get(actor, number)
    queries.require_coordinator(actor, _("Only the coordination unit records an adoption."))
    form = forms.AdoptForm(request.POST)
    status = 400
    if form.is_valid():
        _adopted, status = _attempt(
            form,
            lambda: actions.plan_action_adopt(
                actor=actor, action=action, decision=form.cleaned_data["decision"]
            ),
        )
        if status == 200:
            messages.success(request, _("Action adopted."))
            return redirect("coordination:action", number=number)
    action = queries.plan_action_get(actor, number)
    return render(
        request,
        "coordination/action.html",
        _action_context(actor, action, adopt_form=form),
        status=status,
    )


# Neighbour checks -----------------------------------------------------------------------------


@actor_view
def neighbour_list(request: HttpRequest, actor: Actor) -> HttpResponse:
    checks = queries.neighbour_checks(actor)
    is_coordinator = queries.is_coordinator(actor)
    form = forms.NeighbourCheckForm(request.POST or None)
    status = 200
    if request.method == "POST":
        queries.require_coordinator(actor, _("Only the coordination unit keeps neighbour checks."))
        status = 400
        if form.is_valid():
            d = form.cleaned_data
            check, status = _attempt(
                form,
                lambda: actions.neighbour_check_create(
                    actor=actor,
                    title=d["title"],
                    other_country=d["other_country"],
                    other_country_name=d["other_country_name"],
                ),
            )
            if check is not None:
                return redirect("coordination:neighbour", pk=check.pk)
    context = {"checks": checks, "form": form if is_coordinator else None}
    return render(request, "coordination/neighbour_list.html", context, status=status)


def _neighbour_context(actor: Actor, pk: int) -> dict[str, Any]:
    check = queries.neighbour_check_get(actor, pk)
    mine = own_side()
    theirs = {entry.topic: entry for entry in check.entries.all()}
    rows = [
        {"topic": topic, "own": mine.get(topic), "other": theirs.get(topic)}
        for topic in NeighbourTopic
    ]
    return {
        "check": check,
        "rows": rows,
        "is_coordinator": queries.is_coordinator(actor),
        "own_country": queries.installation_country(),
    }


@actor_view
def neighbour_detail(request: HttpRequest, actor: Actor, pk: int) -> HttpResponse:
    context = _neighbour_context(actor, pk)
    form = forms.NeighbourEntryForm(request.POST or None)
    status = 200
    if request.method == "POST":
        queries.require_coordinator(actor, _("Only the coordination unit keeps neighbour checks."))
        status = 400
        if form.is_valid():
            d = form.cleaned_data
            _entry, status = _attempt(
                form,
                lambda: actions.neighbour_entry_save(
                    actor=actor,
                    check=context["check"],
                    topic=NeighbourTopic(d["topic"]),
                    other_practice=d["other_practice"],
                    other_figures=d["other_figures"],
                    other_sources=d["other_sources"],
                    what_works=d["what_works"],
                ),
            )
            if status == 200:
                return redirect("coordination:neighbour", pk=pk)
    context["form"] = form if context["is_coordinator"] else None
    return render(request, "coordination/neighbour_detail.html", context, status=status)


@actor_view
def neighbour_print(request: HttpRequest, actor: Actor, pk: int) -> HttpResponse:
    """The comparison as a printable document (the browser prints it; print styles inline)."""
    return render(request, "coordination/neighbour_print.html", _neighbour_context(actor, pk))
