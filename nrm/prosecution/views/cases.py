"""Case files: the list, opening a file, its parties, links and hearings (the case page's
operations on them), evidence downloads and the centres' procedural facts."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from nrm.access.context import Actor
from nrm.core import clock
from nrm.core.errors import DomainError, PermissionDenied
from nrm.core.http import actor_view, form_error, htmx, no_store
from nrm.inspections.models import Evidence, Inspection
from nrm.people.actions import PersonData
from nrm.prosecution import actions, forms, permissions, queries
from nrm.prosecution.models import (
    CaseAssignment,
    CaseFile,
    Hearing,
)
from nrm.prosecution.views._common import (
    PAGE_SIZE,
)

# The list and opening -------------------------------------------------------------------------


@actor_view
def case_list(request: HttpRequest, actor: Actor) -> HttpResponse:
    if permissions.case_scope(actor) is None:
        if permissions.may_read_procedural_facts(actor):
            return redirect("prosecution:procedural_facts")
        if permissions.may_view_case_targets(actor):
            return redirect("prosecution:targets")
        raise PermissionDenied(_("Your role does not work with criminal case files."))
    filters = forms.CaseFilterForm(request.GET or None)
    status = 200
    chosen = ""
    if filters.is_valid():
        chosen = filters.cleaned_data["status"]
    elif filters.is_bound:
        status = 400
    rows = queries.cases_listed(actor, status=chosen)
    if status == 400:
        rows = rows.none()
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    queries.cases_list_audited(actor, list(page), action="case_list")
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "cases": page,
        "filters": filters,
        "query": query.urlencode(),
        "may_open": permissions.is_prosecutor(actor),
        "may_view_targets": permissions.may_view_case_targets(actor),
        "may_meet": permissions.meeting_scope(actor) is not None,
    }
    template = "prosecution/list.html#table" if htmx(request) else "prosecution/list.html"
    return no_store(render(request, template, context, status=status))


@actor_view
def case_new(request: HttpRequest, actor: Actor) -> HttpResponse:
    if not permissions.is_prosecutor(actor):
        raise PermissionDenied(_("Only a prosecutor of a prosecution office opens case files."))
    form = forms.CaseOpenForm(request.POST or None, initial={"opened_on": clock.today()})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            d = form.cleaned_data
            try:
                case = actions.case_file_open(
                    actor=actor,
                    title=d["title"],
                    exploitation_form=d["exploitation_form"],
                    opened_on=d["opened_on"],
                    summary=d["summary"],
                )
            except DomainError as exc:
                status = form_error(form, exc)
            else:
                messages.success(
                    request, _("Case file %(reference)s opened.") % {"reference": case.reference}
                )
                return redirect("prosecution:detail", reference=case.reference)
    return no_store(render(request, "prosecution/new.html", {"form": form}, status=status))


def _assign(actor: Actor, case: CaseFile, d: dict[str, Any]) -> object:
    membership = d["membership"]
    role = "PROSECUTOR" if membership.organisation_id == case.office_id else "INVESTIGATOR"
    return actions.case_assignment_add(
        actor=actor,
        case=case,
        user=membership.user,
        organisation=membership.organisation,
        role=role,
    )


def _unassign(actor: Actor, case: CaseFile, d: dict[str, Any]) -> object:
    assignment = queries.case_record_get(case, CaseAssignment, d["target"])
    return actions.case_assignment_end(actor=actor, assignment=assignment)


def _victim(actor: Actor, case: CaseFile, d: dict[str, Any]) -> object:
    return actions.case_victim_add(actor=actor, case=case, person_reference=d["person"])


def _suspect(actor: Actor, case: CaseFile, d: dict[str, Any]) -> object:
    new_person = None
    if d["given_names"] or d["family_name"]:
        new_person = PersonData(
            given_names=d["given_names"],
            family_name=d["family_name"],
            nationalities=[d["nationality"]] if d["nationality"] else [],
            gender=d["gender"],
        )
    return actions.case_suspect_add(
        actor=actor,
        case=case,
        person_reference=d["person"],
        new_person=new_person,
        company=d["company"],
    )


def _proposals(actor: Actor, case: CaseFile, d: dict[str, Any]) -> object:
    return actions.case_proposals_decide(
        actor=actor,
        case=case,
        proposals=d["proposals"],
        confirm=d["decision"] != forms.ProposalsForm.SET_ASIDE,
    )


def _company(actor: Actor, case: CaseFile, d: dict[str, Any]) -> object:
    return actions.case_company_link(
        actor=actor, case=case, company=d["company"], role=d["role"], worksite=d["worksite"]
    )


def _inspection(actor: Actor, case: CaseFile, d: dict[str, Any]) -> object:
    found = Inspection.objects.filter(reference=d["inspection"].strip().upper()).first()
    if found is None:
        raise DomainError(_("No such inspection."), field="inspection")
    return actions.case_inspection_link(actor=actor, case=case, inspection=found)


def _evidence(actor: Actor, case: CaseFile, d: dict[str, Any]) -> object:
    found = (
        Evidence.objects.select_related("inspection")
        .filter(reference=d["evidence"].strip().upper())
        .first()
    )
    if found is None:
        raise DomainError(_("No such evidence."), field="evidence")
    return actions.case_evidence_link(actor=actor, case=case, evidence=found)


def _hearing(actor: Actor, case: CaseFile, d: dict[str, Any]) -> object:
    return actions.hearing_schedule(
        actor=actor, case=case, kind=d["kind"], starts_at=d["starts_at"], room=d["room"]
    )


def _hearing_cancel(actor: Actor, case: CaseFile, d: dict[str, Any]) -> object:
    return actions.hearing_cancel(
        actor=actor, hearing=queries.case_record_get(case, Hearing, d["target"])
    )


@actor_view
def case_evidence_download(
    request: HttpRequest, actor: Actor, reference: str, evidence: str
) -> HttpResponse:
    case = queries.case_get_for_actor(actor, reference, action="case_evidence_view")
    found = queries.case_evidence_file(actor, case, evidence)
    response = HttpResponse(found.data, content_type=found.evidence.content_type)
    disposition = "inline" if found.evidence.content_type.startswith("image/") else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{found.filename}"'
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    return no_store(response)


# Procedural facts (centres) ----------------------------------------------------------------------


@actor_view
def procedural_facts(request: HttpRequest, actor: Actor) -> HttpResponse:
    rows = queries.procedural_facts_list(actor)
    return no_store(render(request, "prosecution/procedural_list.html", {"rows": rows}))


@actor_view
def procedural_facts_person(request: HttpRequest, actor: Actor, reference: str) -> HttpResponse:
    person, cases = queries.procedural_facts_for_person(actor, reference)
    context = {"person": person, "cases": cases}
    return no_store(render(request, "prosecution/procedural_person.html", context))
