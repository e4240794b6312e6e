"""Pages of the residence-status pathway: a person's status, the organisation's deadlines,
its notifications and its calendar address.

The status page's forms post with htmx and get the status panel back: after a refusal
(409) or bad input (400) the panel comes back with the reason, rebuilt from the current
state, so a decision someone else took meanwhile is on screen at once.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from nrm import pathway
from nrm.access.context import Actor
from nrm.access.policy import Ability, decide_person
from nrm.core.errors import Conflict, DomainError, NotFound
from nrm.core.http import actor_view, form_error, htmx, no_store
from nrm.organisations.models import Role
from nrm.protection.actions import (
    Upload,
    calendar_feed_revoke,
    calendar_feed_rotate,
    notification_mark_read,
    notifications_mark_all_read,
    pathway_event_record,
    pathway_facts_update,
)
from nrm.protection.calendar import render_calendar
from nrm.protection.display import event_label, notification_text, pathway_display, request_row
from nrm.protection.engine import today_in
from nrm.protection.forms import EventForm, FactsForm, RequestDecisionForm
from nrm.protection.models import DocumentRequest, RequestStatus
from nrm.protection.queries import (
    PathwayView,
    calendar_deadlines,
    calendar_feed_by_token,
    calendar_feed_for_actor,
    deadline_board_for_actor,
    notifications_for_actor,
    paper_file_for_actor,
    pathway_get_for_actor,
    person_for_pathway_write,
    request_for_decision,
    request_get_for_actor,
    requests_for_actor,
)
from nrm.protection.rules import FEED_MANAGER_ROLES, has_deadlines

PANEL = "protection/status.html#pathway-panel"

# Action errors name the action's parameters; the forms name their fields alike, but one.
_FORM_FIELDS = {"file": "papers"}


def _status_context(
    actor: Actor,
    view: PathwayView,
    *,
    failed_form: EventForm | None = None,
    facts_form: FactsForm | None = None,
    refusal: str = "",
    notice: str = "",
) -> dict[str, Any]:
    jurisdiction = view.state.jurisdiction
    today = today_in(jurisdiction)
    display = pathway_display(
        view,
        reader_organisation_id=actor.organisation_id,
        reader_role=actor.role,
        today=today,
    )
    forms = {}
    for choice in display.allowed_choices:
        if failed_form is not None and failed_form.event_type == choice.event_type:
            forms[choice.event_type] = failed_form
        else:
            forms[choice.event_type] = EventForm(
                event_type=choice.event_type, version=display.version, today=today
            )
    if (
        not display.has_events
        and facts_form is None
        and decide_person(actor, view.person.pk, Ability.PERSON_EDIT).allowed
    ):
        facts_form = FactsForm(
            initial={
                "expected_version": display.version,
                "unaccompanied_minor": display.unaccompanied_minor,
                "has_legal_stay": display.has_legal_stay,
                "age_at_identification": display.age_at_identification,
            }
        )
    return {
        "person": view.person,
        "pathway": display,
        "choice_forms": [(choice, forms[choice.event_type]) for choice in display.allowed_choices],
        "facts_form": facts_form if not display.has_events else None,
        "date_note": _(pathway.DATE_CONVENTION_NOTE),
        "refusal": refusal,
        "notice": notice,
        "today": today,
    }


def _panel_or_page(
    request: HttpRequest, context: dict[str, Any], *, status: int = 200
) -> HttpResponse:
    template = PANEL if htmx(request) else "protection/status.html"
    return no_store(render(request, template, context, status=status))


@require_GET
@actor_view
def pathway_status(request: HttpRequest, actor: Actor, reference: str) -> HttpResponse:
    view = pathway_get_for_actor(actor, reference)
    return _panel_or_page(request, _status_context(actor, view))


@require_POST
@actor_view
def pathway_event(request: HttpRequest, actor: Actor, reference: str) -> HttpResponse:
    person, jurisdiction = person_for_pathway_write(actor, reference)
    event_type = request.POST.get("event_type", "")
    event_types = pathway.rules_for(jurisdiction).event_types
    if event_type not in event_types:
        view = pathway_get_for_actor(actor, reference)
        refusal = _("This is not an event of the person's pathway.")
        return _panel_or_page(request, _status_context(actor, view, refusal=refusal), status=400)
    today = today_in(jurisdiction)
    form = EventForm(request.POST, request.FILES, event_type=event_type, version=0, today=today)
    if form.is_valid():
        papers = [
            Upload(stream=upload, size=upload.size, name=upload.name or "")
            for upload in form.cleaned_data.get("papers") or []
        ]
        try:
            pathway_event_record(
                actor=actor,
                person=person,
                event_type=event_type,
                papers=papers,
                **form.parameters(),
            )
        except Conflict as exc:
            # Refused by the rules, or someone decided first: show the current state.
            view = pathway_get_for_actor(actor, reference)
            return _panel_or_page(
                request, _status_context(actor, view, refusal=exc.message), status=409
            )
        except DomainError as exc:
            form_error(form, exc, fields=_FORM_FIELDS)
        else:
            notice = _("Recorded: %(event)s.") % {"event": _(event_types[event_type])}
            return _after_write(request, actor, reference, notice)
    view = pathway_get_for_actor(actor, reference)
    return _panel_or_page(request, _status_context(actor, view, failed_form=form), status=400)


def _after_write(request: HttpRequest, actor: Actor, reference: str, notice: str) -> HttpResponse:
    """A full page goes back to the status page; htmx gets the fresh panel."""
    if not htmx(request):
        messages.success(request, notice)
        return redirect("protection:status", reference=reference)
    view = pathway_get_for_actor(actor, reference)
    return _panel_or_page(request, _status_context(actor, view, notice=notice))


@require_POST
@actor_view
def pathway_facts(request: HttpRequest, actor: Actor, reference: str) -> HttpResponse:
    person, _jurisdiction = person_for_pathway_write(actor, reference)
    form = FactsForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            pathway_facts_update(
                actor=actor,
                person=person,
                expected_version=data["expected_version"],
                unaccompanied_minor=data["unaccompanied_minor"],
                has_legal_stay=data["has_legal_stay"],
                age_at_identification=data["age_at_identification"],
            )
        except Conflict as exc:
            view = pathway_get_for_actor(actor, reference)
            return _panel_or_page(
                request, _status_context(actor, view, refusal=exc.message), status=409
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            return _after_write(request, actor, reference, _("The facts of the pathway are saved."))
    view = pathway_get_for_actor(actor, reference)
    return _panel_or_page(request, _status_context(actor, view, facts_form=form), status=400)


# The organisation's deadlines ---------------------------------------------------------------

DEFAULT_WITHIN_DAYS = 30
MAX_WITHIN_DAYS = 366


@require_GET
@actor_view
def deadline_board(request: HttpRequest, actor: Actor) -> HttpResponse:
    raw = request.GET.get("within", str(DEFAULT_WITHIN_DAYS))
    status = 200
    try:
        within = int(raw)
        if not 1 <= within <= MAX_WITHIN_DAYS:
            raise ValueError(raw)
    except ValueError:
        within, status = DEFAULT_WITHIN_DAYS, 400
    organisation = actor.organisation
    # The board is the organisation's: its country's calendar date.
    today = today_in(organisation.country if organisation else settings.NRM_JURISDICTION)
    board = deadline_board_for_actor(actor, today=today, within_days=within)
    context = {
        "board": board,
        "bad_within": status == 400,
        "may_manage_feed": actor.role in FEED_MANAGER_ROLES,
        "max_within": MAX_WITHIN_DAYS,
    }
    return no_store(render(request, "protection/deadlines.html", context, status=status))


@require_GET
@actor_view
def notification_list(request: HttpRequest, actor: Actor) -> HttpResponse:
    found = notifications_for_actor(actor)
    rows = [(n, notification_text(n)) for n in found.notifications]
    context = {"rows": rows, "unread": found.unread}
    return no_store(render(request, "protection/notifications.html", context))


@require_POST
@actor_view
def notification_read(request: HttpRequest, actor: Actor, notification_id: int) -> HttpResponse:
    notification_mark_read(actor=actor, notification_id=notification_id)
    return redirect("protection:notifications")


@require_POST
@actor_view
def notification_read_all(request: HttpRequest, actor: Actor) -> HttpResponse:
    count = notifications_mark_all_read(actor=actor)
    if count:
        messages.success(request, _("All notifications are marked as read."))
    return redirect("protection:notifications")


# The calendar address -----------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@actor_view
def calendar_settings(request: HttpRequest, actor: Actor) -> HttpResponse:
    feed = calendar_feed_for_actor(actor)
    feed_url = ""
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            if calendar_feed_revoke(actor=actor):
                messages.success(request, _("The calendar address no longer works."))
            return redirect("protection:calendar")
        feed, token = calendar_feed_rotate(actor=actor)
        # Shown this once: only the digest is stored.
        feed_url = request.build_absolute_uri(reverse("protection:calendar_feed", args=[token]))
    context: dict[str, Any] = {
        "feed": feed,
        "feed_url": feed_url,
        "has_deadlines": bool(
            actor.organisation and has_deadlines(actor.organisation.type, actor.role)
        ),
    }
    return no_store(render(request, "protection/calendar.html", context))


@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The feed itself: no session, the secret address is the credential."""
    try:
        feed = calendar_feed_by_token(token)
    except NotFound as exc:
        raise Http404 from exc
    deadlines = calendar_deadlines(feed)
    body = render_calendar(
        name=_("Open NRM deadlines: %(organisation)s") % {"organisation": feed.organisation},
        deadlines=deadlines,
        host=request.get_host().split(":")[0],
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="deadlines.ics"'
    return no_store(response)


# Requests filed by the centres (RULES.md §3.6) ---------------------------------------------

# The event that issues each requested document, by the state the person is in.
_ISSUE_EVENT: dict[str, str] = {
    "ANNEX_15": "REFLECTION_DOCUMENT_ISSUED",
    "PROVISIONAL": "PROVISIONAL_DOCUMENT_ISSUED",
    "PERMIT": "TEMPORARY_PERMIT_ISSUED",
    "RENEWAL": "TEMPORARY_PERMIT_RENEWED",
    "PERMANENT": "PERMANENT_RESIDENCE_GRANTED",
    "HUMANITARIAN": "HUMANITARIAN_RESIDENCE_GRANTED",
}


def issue_event_for(document: str, state: str) -> str:
    # A provisional document requested during provisional stay is its extension.
    if document == "PROVISIONAL" and state == "PROVISIONAL_STAY":
        return "PROVISIONAL_DOCUMENT_EXTENDED"
    return _ISSUE_EVENT[document]


@require_GET
@actor_view
def request_list(request: HttpRequest, actor: Actor) -> HttpResponse:
    found = requests_for_actor(actor)
    context = {
        "as_office": found.as_office,
        "rows": [(r.reference, request_row(r, found.today)) for r in found.requests],
    }
    return no_store(render(request, "protection/requests.html", context))


def _request_context(
    actor: Actor,
    document_request: DocumentRequest,
    *,
    form: RequestDecisionForm | None = None,
    refusal: str = "",
) -> dict[str, Any]:
    record = document_request.record
    today = today_in(record.jurisdiction)
    may_decide = (
        document_request.status == RequestStatus.OPEN
        and actor.organisation_id == document_request.office_id
        and actor.role == Role.IMMIGRATION_OFFICER
    )
    if may_decide and form is None:
        form = RequestDecisionForm(
            initial={"expected_version": record.version, "on": today}, today=today
        )
    answer = document_request.answer_event
    return {
        "document_request": document_request,
        "row": request_row(document_request, today),
        "papers": list(document_request.papers.order_by("pk")),
        "note": document_request.requested_event.note,
        "answer_label": event_label(record.jurisdiction, answer.type) if answer else "",
        "answer_note": answer.note if answer else "",
        "form": form if may_decide else None,
        "refusal": refusal,
    }


@require_GET
@actor_view
def request_detail(request: HttpRequest, actor: Actor, request_id: int) -> HttpResponse:
    document_request = request_get_for_actor(actor, request_id)
    return no_store(
        render(request, "protection/request.html", _request_context(actor, document_request))
    )


@require_POST
@actor_view
def request_decide(request: HttpRequest, actor: Actor, request_id: int) -> HttpResponse:
    document_request = request_for_decision(actor, request_id)
    record = document_request.record
    form = RequestDecisionForm(request.POST, today=today_in(record.jurisdiction))
    status = 400
    refusal = ""
    if form.is_valid():
        data = form.cleaned_data
        if data["decision"] == "refuse":
            event_type = "DOCUMENT_REFUSED"
        else:
            event_type = issue_event_for(document_request.document, record.state)
        try:
            pathway_event_record(
                actor=actor,
                person=record.person,
                event_type=event_type,
                on=data["on"],
                expected_version=data["expected_version"],
                note=data["note"],
            )
        except Conflict as exc:
            status, refusal = 409, exc.message
        except DomainError as exc:
            form_error(form, exc, fields=_FORM_FIELDS)
        else:
            messages.success(
                request,
                _("Decided: %(event)s.") % {"event": event_label(record.jurisdiction, event_type)},
            )
            return redirect("protection:request", request_id=document_request.pk)
    document_request = request_get_for_actor(actor, request_id)
    context = _request_context(
        actor, document_request, form=form if status == 400 else None, refusal=refusal
    )
    return no_store(render(request, "protection/request.html", context, status=status))


@require_GET
@actor_view
def request_paper(
    request: HttpRequest, actor: Actor, request_id: int, paper_id: int
) -> HttpResponse:
    found = paper_file_for_actor(actor, request_id, paper_id)
    response = HttpResponse(found.data, content_type=found.paper.content_type)
    disposition = "inline" if found.paper.content_type.startswith("image/") else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{found.filename}"'
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    return no_store(response)
