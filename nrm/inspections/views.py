"""Labour-inspection pages: inspections and their workflow, joint actions, the on-site
screening form (phone-sized, with an offline draft), evidence, employers and worksites,
and the targets dashboard with its chart and CSV export."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nrm.access.context import Actor
from nrm.access.policy import Ability, decide_person
from nrm.core import clock
from nrm.core.errors import Conflict, DomainError, PermissionDenied
from nrm.core.http import actor_view, form_error, htmx, no_store, submit
from nrm.indicators import queries as local_questions
from nrm.indicators.actions import local_answers_record
from nrm.inspections import labels, permissions, queries, targets, workflow
from nrm.inspections.actions import (
    chain_link_add,
    company_create,
    evidence_add,
    facts_of,
    inspection_plan,
    joint_action_create,
    joint_action_update,
    participant_add,
    screening_create,
    screening_refer,
    target_set,
    worksite_create,
)
from nrm.inspections.forms import (
    ChainLinkForm,
    CompanyForm,
    EvidenceForm,
    InspectionFilterForm,
    InspectionPlanForm,
    JointActionForm,
    ParticipantForm,
    ReferForm,
    ScreeningForm,
    TargetForm,
    WorksiteForm,
    YearForm,
    actor_joint_actions,
)
from nrm.inspections.models import Company, Inspection, Screening
from nrm.inspections.suggestion import suggest
from nrm.inspections.vocab import InspectionStatus
from nrm.organisations.models import Organisation
from nrm.referrals import routing

PAGE_SIZE = 50


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


# Inspections ---------------------------------------------------------------------------


@actor_view
def inspection_list(request: HttpRequest, actor: Actor) -> HttpResponse:
    if permissions.inspection_scope(actor) is None:
        if permissions.joint_action_scope(actor) is not None:
            return redirect("inspections:joint_actions")
        raise PermissionDenied(_("Your role does not work with inspections."))
    filters = InspectionFilterForm(request.GET or None)
    status = 200
    rows = queries.inspections_visible_to(actor)
    if filters.is_valid():
        rows = queries.inspections_filtered(
            rows, status=filters.cleaned_data["status"], year=filters.cleaned_data["year"]
        )
    else:
        if filters.is_bound:
            status = 400
            rows = rows.none()
        rows = queries.inspections_filtered(rows)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "inspections": page,
        "filters": filters,
        "query": _query_without_page(request),
        "may_plan": permissions.is_inspecting(actor),
        "may_view_targets": permissions.may_view_targets(actor),
    }
    template = "inspections/list.html#table" if htmx(request) else "inspections/list.html"
    return no_store(render(request, template, context, status=status))


@actor_view
def inspection_new(request: HttpRequest, actor: Actor) -> HttpResponse:
    if not permissions.is_inspecting(actor):
        raise PermissionDenied(_("Only the members of a labour-inspection team plan inspections."))
    joint_actions = actor_joint_actions(actor, queries.joint_actions_visible_to(actor))
    initial: dict[str, Any] = {}
    chosen = request.GET.get("joint_action")
    if chosen:
        initial["joint_action"] = joint_actions.filter(reference=chosen).first()
    form = InspectionPlanForm(request.POST or None, initial=initial, joint_actions=joint_actions)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            d = form.cleaned_data
            try:
                inspection = inspection_plan(
                    actor=actor,
                    planned_on=d["planned_on"],
                    sector=d["sector"],
                    worksite=d["worksite"],
                    joint_action=d["joint_action"],
                    trafficking_focused=d["trafficking_focused"],
                )
            except DomainError as exc:
                form_error(form, exc)
            else:
                messages.success(
                    request,
                    _("Inspection %(reference)s planned.") % {"reference": inspection.reference},
                )
                return redirect("inspections:detail", reference=inspection.reference)
    return no_store(render(request, "inspections/plan.html", {"form": form}, status=status))


def _render_detail(
    request: HttpRequest,
    actor: Actor,
    inspection: Inspection,
    *,
    bound: dict[str, Any] | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    forms: dict[str, Any] = dict(workflow.INSPECTIONS.forms(inspection))
    screenings = queries.screenings_of(inspection, actor=actor)
    may_add_evidence = permissions.may_add_evidence(actor, inspection)
    forms["evidence"] = EvidenceForm(
        prefix="evidence",
        screenings=queries.screenings_visible_to(actor)
        .filter(inspection=inspection)
        .order_by("created_at"),
    )
    forms.update(bound or {})
    context = {
        "inspection": inspection,
        "events": queries.inspection_events(inspection),
        "transitions": {a.name: a for a in workflow.available_transitions(inspection, actor)},
        "forms": forms,
        "error": error,
        "screenings": screenings,
        "evidence": queries.evidence_of(inspection, actor=actor),
        "may_record": permissions.may_record_on(actor, inspection),
        "may_add_evidence": may_add_evidence and inspection.status != InspectionStatus.CANCELLED,
        "may_screen": permissions.may_record_on(actor, inspection)
        and inspection.status in {InspectionStatus.PLANNED, InspectionStatus.CARRIED_OUT},
    }
    return no_store(render(request, "inspections/detail.html", context, status=status))


@actor_view
def inspection_detail(request: HttpRequest, actor: Actor, reference: str) -> HttpResponse:
    inspection = queries.inspection_get_for_actor(actor, reference, action="inspection_view")
    return _render_detail(request, actor, inspection)


def _transition(request: HttpRequest, actor: Actor, reference: str, name: str) -> HttpResponse:
    inspection = queries.inspection_get_for_actor(actor, reference, action="inspection_decide_view")
    transition = workflow.INSPECTIONS.transition(name)
    sent = submit(workflow.INSPECTIONS, transition, inspection, request.POST, actor=actor)
    if sent.status == 409:
        inspection.refresh_from_db()
        return _render_detail(request, actor, inspection, error=sent.conflict, status=409)
    if sent.status != 200:
        return _render_detail(request, actor, inspection, bound={name: sent.form}, status=400)
    messages.success(request, str(transition.done))
    return redirect("inspections:detail", reference=inspection.reference)


@require_POST
@actor_view
def inspection_carry_out_view(request: HttpRequest, actor: Actor, reference: str) -> HttpResponse:
    return _transition(request, actor, reference, "carry_out")


@require_POST
@actor_view
def inspection_report_view(request: HttpRequest, actor: Actor, reference: str) -> HttpResponse:
    return _transition(request, actor, reference, "report")


@require_POST
@actor_view
def inspection_cancel_view(request: HttpRequest, actor: Actor, reference: str) -> HttpResponse:
    return _transition(request, actor, reference, "cancel")


# Screening -----------------------------------------------------------------------------


def _checklists(form: ScreeningForm) -> dict[str, list[labels.Group]]:
    checked: dict[str, list[str]] = {}
    notes: dict[str, str] = {}
    if form.is_bound:
        for key in ("ilo_fl", "ilo_ec", "dignity"):
            checked[key] = form.data.getlist(key) if hasattr(form.data, "getlist") else []
            notes.update(form.notes_for(checked[key]))
    return labels.checklists(checked, notes)


@actor_view
def screening_new(request: HttpRequest, actor: Actor, reference: str) -> HttpResponse:
    inspection = queries.inspection_get_for_actor(actor, reference, action="screening_new_view")
    if not permissions.may_record_on(actor, inspection):
        raise PermissionDenied(_("Only the members of the inspecting team screen its workers."))
    form = ScreeningForm(request.POST or None, local_questions=local_questions.active_questions())
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                # One transaction: a refused local answer keeps the screening from being
                # saved without it (the screening's action is the consent task's file; the
                # local answers are nrm.indicators' own action, called in the same commit).
                with transaction.atomic():
                    screening = screening_create(
                        actor=actor, inspection=inspection, data=form.to_data()
                    )
                    local_answers_record(
                        actor=actor, screening=screening, answers=form.local_answers()
                    )
            except DomainError as exc:
                status = form_error(form, exc)
            else:
                messages.success(
                    request,
                    _("Screening %(reference)s saved.") % {"reference": screening.reference},
                )
                url = f"{screening_url(screening)}?saved={inspection.reference}"
                return redirect(url)
    context = {
        "inspection": inspection,
        "form": form,
        "checklists": _checklists(form),
        "local_questions": form.local_fields(),
        "draft_key": f"screening:{actor.user.pk}:{inspection.reference}",
    }
    return no_store(render(request, "inspections/screening_form.html", context, status=status))


def screening_url(screening: Screening) -> str:
    return reverse("inspections:screening", kwargs={"reference": screening.reference})


def _receiving_centre(screening: Screening) -> tuple[Organisation | None, str]:
    """The centre a referral from this screening would go to, named before the inspector
    confirms (issue 16 item 2): the same routing `screening_refer` applies (the site's
    region, else the team's; the worker's age today). Where the routing cannot choose, its
    reason instead."""
    inspection = screening.inspection
    region = inspection.worksite.region if inspection.worksite else inspection.team.region
    if region is None:
        return None, _("The inspecting team has no region: the centre cannot be chosen.")
    minor = routing.is_minor(
        screening.person, clock.today(), presumed_minor=screening.presumed_minor
    )
    try:
        return routing.centre_for(region=region, minor=minor), ""
    except DomainError as exc:
        return None, exc.message


def _render_screening(
    request: HttpRequest,
    actor: Actor,
    screening: Screening,
    *,
    refer_form: ReferForm | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    observations = queries.observations_of(screening)
    observed = frozenset((o.framework, o.indicator) for o in observations)
    result = suggest(facts_of(screening, observed))
    saved = request.GET.get("saved", "")
    may_refer = (
        permissions.may_record_on(actor, screening.inspection) and screening.referral_id is None
    )
    centre, centre_problem = _receiving_centre(screening) if may_refer else (None, "")
    context = {
        "screening": screening,
        "inspection": screening.inspection,
        "observations": [
            (o, labels.indicator_label(o.indicator), labels.dimension_label(o.dimension))
            for o in observations
        ],
        "suggestion": result,
        "level_label": labels.LEVELS[result.level],
        "reasons": result.render(_),
        # The installation's own questions: shown apart, never part of the suggestion.
        "local_answers": local_questions.answers_of(screening),
        "may_refer": may_refer,
        "receiving_centre": centre,
        "receiving_centre_problem": centre_problem,
        "refer_form": refer_form
        or ReferForm(initial={"version": screening.version}, prefix="refer"),
        "error": error,
        "may_open_person": decide_person(actor, screening.person_id, Ability.PERSON_VIEW).allowed,
        # The draft this page confirms as saved, for draft.js to forget.
        "clear_draft": f"screening:{actor.user.pk}:{saved}" if saved else "",
    }
    return no_store(render(request, "inspections/screening_detail.html", context, status=status))


@actor_view
def screening_detail(request: HttpRequest, actor: Actor, reference: str) -> HttpResponse:
    screening = queries.screening_get_for_actor(actor, reference, action="screening_view")
    return _render_screening(request, actor, screening)


@require_POST
@actor_view
def screening_refer_view(request: HttpRequest, actor: Actor, reference: str) -> HttpResponse:
    screening = queries.screening_get_for_actor(actor, reference, action="screening_refer_view")
    form = ReferForm(request.POST, prefix="refer")
    if not form.is_valid():
        return _render_screening(request, actor, screening, refer_form=form, status=400)
    d = form.cleaned_data
    try:
        referral = screening_refer(
            actor=actor,
            screening=screening,
            expected_version=d["version"],
            channel=d["channel"],
            consent_confirmed=d["consent_confirmed"],
            details=d["details"],
        )
    except Conflict as exc:
        screening.refresh_from_db()
        return _render_screening(request, actor, screening, error=exc.message, status=409)
    except DomainError as exc:
        form_error(form, exc)
        return _render_screening(request, actor, screening, refer_form=form, status=400)
    messages.success(
        request,
        _("Referral %(reference)s sent to %(centre)s.")
        % {"reference": referral.reference, "centre": referral.referred_organisation},
    )
    return redirect("inspections:screening", reference=screening.reference)


# Evidence ------------------------------------------------------------------------------


@require_POST
@actor_view
def evidence_upload(request: HttpRequest, actor: Actor, reference: str) -> HttpResponse:
    inspection = queries.inspection_get_for_actor(actor, reference, action="evidence_upload_view")
    if not permissions.may_add_evidence(actor, inspection):
        raise PermissionDenied(_("Your organisation cannot add evidence to this inspection."))
    form = EvidenceForm(
        request.POST,
        request.FILES,
        prefix="evidence",
        screenings=queries.screenings_visible_to(actor)
        .filter(inspection=inspection)
        .order_by("created_at"),
    )
    if not form.is_valid():
        return _render_detail(request, actor, inspection, bound={"evidence": form}, status=400)
    upload = form.cleaned_data["file"]
    try:
        evidence = evidence_add(
            actor=actor,
            inspection=inspection,
            kind=form.cleaned_data["kind"],
            upload=upload,
            size=upload.size,
            name=upload.name or "",
            description=form.cleaned_data["description"],
            screening=form.cleaned_data["screening"],
        )
    except Conflict as exc:
        return _render_detail(request, actor, inspection, error=exc.message, status=409)
    except DomainError as exc:
        form_error(form, exc)
        return _render_detail(request, actor, inspection, bound={"evidence": form}, status=400)
    messages.success(
        request, _("Evidence %(reference)s stored.") % {"reference": evidence.reference}
    )
    return redirect("inspections:detail", reference=inspection.reference)


@actor_view
def evidence_download(request: HttpRequest, actor: Actor, reference: str) -> HttpResponse:
    found = queries.evidence_file_for_actor(actor, reference)
    response = HttpResponse(found.data, content_type=found.evidence.content_type)
    # Photos open in the browser; documents are saved. Nothing on it may run.
    disposition = "inline" if found.evidence.content_type.startswith("image/") else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{found.filename}"'
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    return no_store(response)


# Joint actions -------------------------------------------------------------------------


@actor_view
def joint_action_list(request: HttpRequest, actor: Actor) -> HttpResponse:
    if permissions.joint_action_scope(actor) is None:
        raise PermissionDenied(_("Your role does not take part in joint actions."))
    page = Paginator(queries.joint_actions_listed(actor), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {"joint_actions": page, "may_plan": permissions.is_inspecting(actor)}
    return no_store(render(request, "inspections/joint_action_list.html", context))


@actor_view
def joint_action_new(request: HttpRequest, actor: Actor) -> HttpResponse:
    if not permissions.is_inspecting(actor):
        raise PermissionDenied(
            _("Only the members of a labour-inspection team plan joint actions.")
        )
    form = JointActionForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            d = form.cleaned_data
            try:
                joint_action = joint_action_create(
                    actor=actor,
                    title=d["title"],
                    planned_on=d["planned_on"],
                    briefing=d["briefing"],
                    worksites=list(d["worksites"]),
                )
            except DomainError as exc:
                form_error(form, exc)
            else:
                messages.success(
                    request,
                    _("Joint action %(reference)s planned. Now invite the other organisations.")
                    % {"reference": joint_action.reference},
                )
                return redirect("inspections:joint_action", reference=joint_action.reference)
    return no_store(
        render(
            request,
            "inspections/joint_action_form.html",
            {"form": form, "joint_action": None},
            status=status,
        )
    )


def _render_joint_action(
    request: HttpRequest,
    actor: Actor,
    joint_action: Any,
    *,
    participant_form: ParticipantForm | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    sees_inspections = permissions.sees_inspections_of_joint_actions(actor)
    context = {
        "joint_action": joint_action,
        "participants": list(joint_action.participants.all()),
        "worksites": list(joint_action.worksites.all()),
        "inspections": queries.inspections_of_joint_action(actor, joint_action)
        if sees_inspections
        else None,
        "may_manage": permissions.may_manage_joint_action(actor, joint_action),
        "may_plan_inspection": permissions.is_inspecting(actor),
        "participant_form": participant_form
        or ParticipantForm(initial={"version": joint_action.version}),
        "error": error,
    }
    return no_store(render(request, "inspections/joint_action_detail.html", context, status=status))


@actor_view
def joint_action_detail(request: HttpRequest, actor: Actor, reference: str) -> HttpResponse:
    joint_action = queries.joint_action_get_for_actor(actor, reference, action="joint_action_view")
    return _render_joint_action(request, actor, joint_action)


@actor_view
def joint_action_edit(request: HttpRequest, actor: Actor, reference: str) -> HttpResponse:
    joint_action = queries.joint_action_get_for_actor(
        actor, reference, action="joint_action_edit_view"
    )
    if not permissions.may_manage_joint_action(actor, joint_action):
        raise PermissionDenied(_("Only the leading team changes a joint action."))
    initial = {
        "title": joint_action.title,
        "planned_on": joint_action.planned_on,
        "briefing": joint_action.briefing,
        "worksites": list(joint_action.worksites.all()),
        "version": joint_action.version,
    }
    form = JointActionForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            d = form.cleaned_data
            try:
                joint_action_update(
                    actor=actor,
                    joint_action=joint_action,
                    expected_version=d["version"] or 0,
                    title=d["title"],
                    planned_on=d["planned_on"],
                    briefing=d["briefing"],
                    worksites=list(d["worksites"]),
                )
            except DomainError as exc:
                status = form_error(form, exc)
            else:
                messages.success(request, _("Changes saved."))
                return redirect("inspections:joint_action", reference=joint_action.reference)
    context = {"form": form, "joint_action": joint_action}
    return no_store(render(request, "inspections/joint_action_form.html", context, status=status))


@require_POST
@actor_view
def participant_add_view(request: HttpRequest, actor: Actor, reference: str) -> HttpResponse:
    joint_action = queries.joint_action_get_for_actor(
        actor, reference, action="participant_add_view"
    )
    form = ParticipantForm(request.POST)
    if not form.is_valid():
        return _render_joint_action(request, actor, joint_action, participant_form=form, status=400)
    d = form.cleaned_data
    try:
        participant_add(
            actor=actor,
            joint_action=joint_action,
            expected_version=d["version"],
            organisation=d["organisation"],
            role=d["role"],
            headcount=d["headcount"],
        )
    except Conflict as exc:
        joint_action.refresh_from_db()
        return _render_joint_action(request, actor, joint_action, error=exc.message, status=409)
    except DomainError as exc:
        form_error(form, exc)
        return _render_joint_action(request, actor, joint_action, participant_form=form, status=400)
    messages.success(
        request, _("%(organisation)s takes part.") % {"organisation": d["organisation"]}
    )
    return redirect("inspections:joint_action", reference=joint_action.reference)


# Employers and worksites ---------------------------------------------------------------


@actor_view
def company_list(request: HttpRequest, actor: Actor) -> HttpResponse:
    if not permissions.may_see_companies(actor):
        raise PermissionDenied(_("Your role does not work with the employer register."))
    search = request.GET.get("q", "").strip()[:100]
    companies = queries.companies_visible_to(actor)
    if search:
        companies = companies.filter(name__icontains=search) | companies.filter(
            enterprise_number__contains="".join(c for c in search if c.isdigit()) or "-"
        )
    page = Paginator(companies.order_by("name", "pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    worksites = queries.worksites_visible_to(actor).select_related("region").order_by("name")[:200]
    context = {
        "companies": page,
        "worksites": worksites,
        "search": search,
        "may_create": permissions.is_inspecting(actor),
    }
    return no_store(render(request, "inspections/company_list.html", context))


@actor_view
def company_new(request: HttpRequest, actor: Actor) -> HttpResponse:
    if not permissions.is_inspecting(actor):
        raise PermissionDenied(_("Only the members of a labour-inspection team add companies."))
    form = CompanyForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                company = company_create(actor=actor, data=form.to_data())
            except Conflict as exc:
                # The enterprise number is already recorded: the field to correct.
                status = form_error(form, exc, fields={"": "enterprise_number"})
            except DomainError as exc:
                form_error(form, exc)
            else:
                messages.success(request, _("Company %(name)s added.") % {"name": company.name})
                return redirect("inspections:company", pk=company.pk)
    return no_store(render(request, "inspections/company_form.html", {"form": form}, status=status))


@actor_view
def company_detail(request: HttpRequest, actor: Actor, pk: int) -> HttpResponse:
    company = queries.company_get_for_actor(actor, pk)
    context = {"company": company, "worksites": queries.worksites_of_company(company)}
    return no_store(render(request, "inspections/company_detail.html", context))


@actor_view
def worksite_new(request: HttpRequest, actor: Actor) -> HttpResponse:
    if not permissions.is_inspecting(actor):
        raise PermissionDenied(_("Only the members of a labour-inspection team add worksites."))
    form = WorksiteForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                worksite = worksite_create(actor=actor, data=form.to_data())
            except DomainError as exc:
                form_error(form, exc)
            else:
                messages.success(request, _("Worksite %(name)s added.") % {"name": worksite.name})
                return redirect("inspections:worksite", pk=worksite.pk)
    return no_store(
        render(request, "inspections/worksite_form.html", {"form": form}, status=status)
    )


def _chain_companies(worksite: Any) -> Any:
    return Company.objects.filter(chain_links__worksite=worksite).order_by("name")


def _render_worksite(
    request: HttpRequest,
    actor: Actor,
    worksite: Any,
    *,
    form: ChainLinkForm | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "worksite": worksite,
        "chain": queries.chain_of(worksite),
        "inspections": queries.inspections_of_worksite(actor, worksite),
        "may_edit": permissions.is_inspecting(actor),
        "form": form or ChainLinkForm(chain_companies=_chain_companies(worksite)),
    }
    return no_store(render(request, "inspections/worksite_detail.html", context, status=status))


@actor_view
def worksite_detail(request: HttpRequest, actor: Actor, pk: int) -> HttpResponse:
    worksite = queries.worksite_get_for_actor(actor, pk)
    if request.method != "POST":
        return _render_worksite(request, actor, worksite)
    form = ChainLinkForm(request.POST, chain_companies=_chain_companies(worksite))
    if not form.is_valid():
        return _render_worksite(request, actor, worksite, form=form, status=400)
    try:
        chain_link_add(
            actor=actor,
            worksite=worksite,
            company=form.cleaned_data["company"],
            works_for=form.cleaned_data["works_for"],
        )
    except DomainError as exc:
        status = form_error(form, exc)
        return _render_worksite(request, actor, worksite, form=form, status=status)
    messages.success(request, _("The chain is updated."))
    return redirect("inspections:worksite", pk=worksite.pk)


# Targets -------------------------------------------------------------------------------


def _board(request: HttpRequest, actor: Actor) -> targets.Dashboard:
    today = clock.today()
    year = YearForm(request.GET or None).year_or(today)
    return targets.dashboard(actor, year=year, today=today)


@actor_view
def target_dashboard(request: HttpRequest, actor: Actor) -> HttpResponse:
    board = _board(request, actor)
    form = TargetForm(initial={"year": board.year}) if permissions.may_set_targets(actor) else None
    context = {
        "board": board,
        "target_form": form,
        "national_target": targets.national_target(),
        "national_target_source": targets.NATIONAL_TARGET_SOURCE,
        "years": range(board.until.year - 3, clock.today().year + 1),
    }
    return no_store(render(request, "inspections/targets.html", context))


@actor_view
def target_chart(request: HttpRequest, actor: Actor) -> HttpResponse:
    board = _board(request, actor)
    response = HttpResponse(targets.chart_svg(board), content_type="image/svg+xml")
    # The SVG carries its own styles and no script: let the styles apply, nothing else.
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return no_store(response)


@actor_view
def target_export(request: HttpRequest, actor: Actor) -> HttpResponse:
    board = _board(request, actor)
    response = HttpResponse(
        targets.export_csv(actor, board), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="inspection-targets-{board.year}.csv"'
    return no_store(response)


@require_POST
@actor_view
def target_set_view(request: HttpRequest, actor: Actor) -> HttpResponse:
    if not permissions.may_set_targets(actor):
        raise PermissionDenied(_("Only the coordinating level sets the teams' targets."))
    form = TargetForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            target_set(actor=actor, team=d["team"], year=d["year"], target=d["target"])
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Target saved."))
            return redirect(f"{reverse('inspections:targets')}?year={d['year']}")
    today = clock.today()
    board = targets.dashboard(actor, year=today.year, today=today)
    context = {
        "board": board,
        "target_form": form,
        "national_target": targets.national_target(),
        "national_target_source": targets.NATIONAL_TARGET_SOURCE,
        "years": range(today.year - 3, today.year + 1),
    }
    return no_store(render(request, "inspections/targets.html", context, status=400))
