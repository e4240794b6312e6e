"""Care pages: the shelter overview, shelters, a person's care file and its forms.

Views validate input and call actions; the actions decide. A refusal of a record the actor
may not see is a 404 (actor_view), a role that may not act a 403 page with the reason,
bad input a 400 form, a request that does not fit the state a 409 form with the reason.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nrm.access.context import Actor
from nrm.access.policy import Ability, decide, role_may
from nrm.care import actions
from nrm.care.forms import (
    CareNoteForm,
    DepartureForm,
    DisclosureForm,
    PlacementForm,
    PlanCloseForm,
    ServiceForm,
    ShelterForm,
    SupportPlanForm,
    TransferAcceptForm,
    TransferDeclineForm,
    TransferRequestForm,
)
from nrm.care.models import PlaceType, ServiceType, SupportPlanStatus, TransferStatus
from nrm.care.queries import (
    care_disclosure_get_for_actor,
    care_file_for_actor,
    care_options,
    care_person_get_for_actor,
    current_residents,
    disclosures_to_actor,
    free_places,
    free_places_elsewhere,
    full_place_types,
    occupancy_for,
    placement_get_for_actor,
    require_care_role,
    residents_by_shelter,
    shelter_address_audited,
    shelter_get_for_actor,
    shelters_visible_to,
    support_plan_get_for_actor,
    transfer_centres,
    transfer_get_for_actor,
    transfers_for_actor,
)
from nrm.core.errors import Conflict, DomainError, PermissionDenied
from nrm.core.http import actor_view, form_error, htmx, no_store
from nrm.directory.queries import (
    provider_choice_label,
    provider_for_service,
    providers_for_service,
)
from nrm.organisations.models import Region
from nrm.people.queries import suspect_warning_for
from nrm.people.vocab import Gender, language_choices, language_name

T = TypeVar("T")


def _submit(form: forms.Form, run: Callable[[], T]) -> tuple[T | None, int]:
    """Run an action for a valid form: (result, 302), or (None, 400 or 409) with the
    action's reason on the form. Not-found and forbidden go up to actor_view."""
    try:
        return run(), 302
    except DomainError as exc:
        return None, form_error(form, exc)


def _form_page(
    request: HttpRequest,
    form: forms.Form,
    status: int,
    *,
    title: str,
    cancel: str,
    submit: str,
    intro: str = "",
    reference: str = "",
    template: str = "care/form.html",
) -> HttpResponse:
    context = {
        "form": form,
        "title": title,
        "intro": intro,
        "cancel_url": cancel,
        "submit_label": submit,
        "reference": reference,
    }
    return no_store(render(request, template, context, status=status))


def _refused(request: HttpRequest, reason: str, *, back: str) -> HttpResponse:
    """The request does not fit the record's state (409), with the reason."""
    return no_store(
        render(request, "care/refused.html", {"reason": reason, "back_url": back}, status=409)
    )


def _care_url(reference: str) -> str:
    return reverse("care:person", args=[reference])


# Shelters ------------------------------------------------------------------------------


@actor_view
def overview(request: HttpRequest, actor: Actor) -> HttpResponse:
    require_care_role(actor)
    shelters = occupancy_for(actor)
    residents = current_residents(actor)
    manage = decide(actor, Ability.SHELTER_MANAGE)
    context = {
        "shelters": shelters,
        "residents": residents,
        "totals": {
            "capacity": sum(s.capacity for s in shelters),
            "occupied": sum(s.occupied for s in shelters),
            "free": sum(s.free for s in shelters),
        },
        "may_manage": manage.allowed,
        "manage_reason": "" if manage.allowed else _("Only the centre's director adds shelters."),
        "today": timezone.localdate(),
        **_elsewhere(actor, shelters),
    }
    return no_store(render(request, "care/overview.html", context))


def _elsewhere(actor: Actor, shelters: list[Any]) -> dict[str, Any]:
    """When a type of place is full in every shelter of the centre: the other centres'
    free places (counts only), so that a transfer can be asked."""
    full = full_place_types(shelters)
    return {
        "full_types": [PlaceType(t).label for t in full],
        "elsewhere": free_places_elsewhere(actor) if full else [],
    }


@actor_view
def shelter_new(request: HttpRequest, actor: Actor) -> HttpResponse:
    require_care_role(actor, Ability.SHELTER_MANAGE)
    form = ShelterForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            shelter, status = _submit(
                form,
                lambda: actions.shelter_create(
                    actor=actor,
                    name=form.cleaned_data["name"],
                    address=form.cleaned_data["address"],
                    capacities=form.capacities(),
                ),
            )
            if shelter is not None:
                messages.success(request, _("Shelter %(name)s added.") % {"name": shelter.name})
                return redirect("care:shelter", shelter_id=shelter.pk)
    return _form_page(
        request,
        form,
        status,
        title=_("Add a shelter"),
        cancel=reverse("care:overview"),
        submit=_("Add"),
    )


@actor_view
def shelter_detail(request: HttpRequest, actor: Actor, shelter_id: int) -> HttpResponse:
    shelter = shelter_get_for_actor(actor, shelter_id, with_address=True)
    occupancy = next(s for s in occupancy_for(actor) if s.shelter.pk == shelter.pk)
    residents = residents_by_shelter(current_residents(actor)).get(shelter.pk, [])
    context = {
        "shelter": shelter,
        "occupancy": occupancy,
        "residents": residents,
        "may_manage": decide(actor, Ability.SHELTER_MANAGE).allowed,
        **_elsewhere(actor, occupancy_for(actor)),
    }
    return no_store(render(request, "care/shelter.html", context))


@actor_view
def shelter_edit(request: HttpRequest, actor: Actor, shelter_id: int) -> HttpResponse:
    shelter = shelter_get_for_actor(actor, shelter_id)
    require_care_role(actor, Ability.SHELTER_MANAGE)
    # The form shows the secret address: a read like the shelter page's.
    shelter_address_audited(actor, shelter, action="shelter_edit_view")
    form = ShelterForm(request.POST or None, initial=ShelterForm.initial_for(shelter))
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            done, status = _submit(
                form,
                lambda: actions.shelter_update(
                    actor=actor,
                    shelter_id=shelter.pk,
                    expected_version=form.cleaned_data["version"] or 0,
                    name=form.cleaned_data["name"],
                    address=form.cleaned_data["address"],
                    capacities=form.capacities(),
                ),
            )
            if done is not None:
                messages.success(request, _("Changes saved."))
                return redirect("care:shelter", shelter_id=shelter.pk)
    return _form_page(
        request,
        form,
        status,
        title=_("Change %(name)s") % {"name": shelter.name},
        cancel=reverse("care:shelter", args=[shelter.pk]),
        submit=_("Save"),
    )


# A person's care file ------------------------------------------------------------------


@actor_view
def person(request: HttpRequest, actor: Actor, reference: str) -> HttpResponse:
    file = care_file_for_actor(actor, reference, action="care_file_view")
    has_shelters = file.own and shelters_visible_to(actor).exists()
    context = {
        "file": file,
        "person": file.person,
        "options": care_options(actor, file, has_shelters=has_shelters) if file.own else {},
        # The care involvement is one the person record opens with too (same policy).
        "may_open_person": file.own and role_may(actor, Ability.PERSON_VIEW),
        # Victims apart from suspects: the fact only, never the case (issue 9 §4).
        "suspect_warning": suspect_warning_for(actor, file.person) if file.own else None,
    }
    return no_store(render(request, "care/person.html", context))


def _parse_day(value: str | None) -> date:
    try:
        return date.fromisoformat(value or "")
    except ValueError:
        return timezone.localdate()


@actor_view
def placement_new(request: HttpRequest, actor: Actor, reference: str) -> HttpResponse:
    person_record, _decision = care_person_get_for_actor(
        actor, reference, ability=Ability.CARE_RECORD, action="care_placement_form_view"
    )
    shelters = list(shelters_visible_to(actor).prefetch_related("places").order_by("name"))
    form = PlacementForm(
        request.POST or None,
        shelters=shelters,
        free_url=reverse("care:placement_new", args=[reference]),
    )
    # The free places of the chosen shelter, from the chosen arrival day on.
    chosen_id = request.POST.get("shelter") or request.GET.get("shelter")
    chosen = next(
        (s for s in shelters if str(s.pk) == chosen_id), shelters[0] if shelters else None
    )
    day = _parse_day(request.POST.get("arrived_on") or request.GET.get("arrived_on"))
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            placement, status = _submit(
                form,
                lambda: actions.placement_create(
                    actor=actor,
                    person=person_record,
                    shelter_id=form.cleaned_data["shelter"],
                    place_type=form.cleaned_data["place_type"],
                    arrived_on=form.cleaned_data["arrived_on"],
                    with_family=form.cleaned_data["with_family"],
                    fit_reason=form.cleaned_data["fit_reason"],
                ),
            )
            if placement is not None:
                messages.success(
                    request,
                    _("%(reference)s placed at %(shelter)s.")
                    % {"reference": reference, "shelter": placement.shelter.name},
                )
                return redirect("care:person", reference=reference)
    free = free_places(chosen, from_day=day) if chosen else []
    context = {
        "form": form,
        "person": person_record,
        "chosen": chosen,
        "day": day,
        "free": free,
        # No place free of some type: the way to another centre's shelter.
        "some_full": any(p.free == 0 for p in free),
    }
    template = "care/placement_form.html"
    if htmx(request) and request.method == "GET":
        template += "#free-places"
    return no_store(render(request, template, context, status=status))


@actor_view
def placement_depart(request: HttpRequest, actor: Actor, placement_id: int) -> HttpResponse:
    placement = placement_get_for_actor(actor, placement_id, action="care_departure_form_view")
    reference = placement.person.reference
    form = DepartureForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            done, status = _submit(
                form,
                lambda: actions.placement_end(
                    actor=actor,
                    placement_id=placement.pk,
                    departed_on=form.cleaned_data["departed_on"],
                    reason=form.cleaned_data["reason"],
                    note=form.cleaned_data["note"],
                ),
            )
            if done is not None:
                messages.success(request, _("Departure recorded."))
                return redirect("care:person", reference=reference)
    return _form_page(
        request,
        form,
        status,
        title=_("Departure of %(reference)s from %(shelter)s")
        % {"reference": reference, "shelter": placement.shelter.name},
        cancel=_care_url(reference),
        submit=_("Record the departure"),
        reference=reference,
    )


# Support plan and services -------------------------------------------------------------


@actor_view
def plan_new(request: HttpRequest, actor: Actor, reference: str) -> HttpResponse:
    person_record, _decision = care_person_get_for_actor(
        actor, reference, ability=Ability.CARE_RECORD, action="care_plan_form_view"
    )
    form = SupportPlanForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            plan, status = _submit(
                form,
                lambda: actions.support_plan_create(
                    actor=actor,
                    person=person_record,
                    types=form.cleaned_data["types"],
                    objectives=form.cleaned_data["objectives"],
                    action_plan=form.cleaned_data["action_plan"],
                    started_on=form.cleaned_data["started_on"],
                    planned_end_on=form.cleaned_data["planned_end_on"],
                ),
            )
            if plan is not None:
                messages.success(request, _("Support plan opened."))
                return redirect("care:person", reference=reference)
    return _form_page(
        request,
        form,
        status,
        title=_("Support plan for %(reference)s") % {"reference": reference},
        intro=_("Types of support follow the HTCDS support-plan types."),
        cancel=_care_url(reference),
        submit=_("Open the plan"),
        reference=reference,
    )


@actor_view
def plan_edit(request: HttpRequest, actor: Actor, plan_id: int) -> HttpResponse:
    plan = support_plan_get_for_actor(actor, plan_id, action="care_plan_edit_view")
    reference = plan.person.reference
    form = SupportPlanForm(
        request.POST or None, initial=SupportPlanForm.initial_for(plan), editing=True
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            done, status = _submit(
                form,
                lambda: actions.support_plan_update(
                    actor=actor,
                    plan_id=plan.pk,
                    expected_version=form.cleaned_data["version"] or 0,
                    types=form.cleaned_data["types"],
                    objectives=form.cleaned_data["objectives"],
                    action_plan=form.cleaned_data["action_plan"],
                    planned_end_on=form.cleaned_data["planned_end_on"],
                ),
            )
            if done is not None:
                messages.success(request, _("Changes saved."))
                return redirect("care:person", reference=reference)
    elif plan.status != SupportPlanStatus.ACTIVE:
        return _refused(
            request, _("This plan is closed; open a new one."), back=_care_url(reference)
        )
    return _form_page(
        request,
        form,
        status,
        title=_("Change the support plan of %(reference)s") % {"reference": reference},
        cancel=_care_url(reference),
        submit=_("Save"),
        reference=reference,
    )


@actor_view
def plan_close(request: HttpRequest, actor: Actor, plan_id: int) -> HttpResponse:
    plan = support_plan_get_for_actor(actor, plan_id, action="care_plan_close_view")
    reference = plan.person.reference
    form = PlanCloseForm(request.POST or None, initial={"version": plan.version})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            done, status = _submit(
                form,
                lambda: actions.support_plan_close(
                    actor=actor,
                    plan_id=plan.pk,
                    expected_version=form.cleaned_data["version"],
                    status=form.cleaned_data["status"],
                    actual_end_on=form.cleaned_data["actual_end_on"],
                ),
            )
            if done is not None:
                messages.success(request, _("Support plan closed."))
                return redirect("care:person", reference=reference)
    return _form_page(
        request,
        form,
        status,
        title=_("Close the support plan of %(reference)s") % {"reference": reference},
        cancel=_care_url(reference),
        submit=_("Close the plan"),
        reference=reference,
    )


@actor_view
def service_new(request: HttpRequest, actor: Actor, reference: str) -> HttpResponse:
    person_record, _decision = care_person_get_for_actor(
        actor, reference, ability=Ability.CARE_RECORD, action="care_service_form_view"
    )
    data = request.POST if request.method == "POST" else request.GET
    # The picker lists the directory's vetted providers of the chosen service, in the
    # centre's region and the person's first language unless the caseworker widens it.
    region_default = (
        actor.organisation.region.code if actor.organisation and actor.organisation.region else ""
    )
    service_type = data.get("service_type") or ServiceType.values[0]
    region = data.get("region", region_default)
    language = data.get("language", (person_record.languages or [""])[0])
    providers = list(
        providers_for_service(actor, service_type=service_type, region=region, language=language)
    )
    form = ServiceForm(
        request.POST or None,
        initial={"service_type": service_type, "region": region, "language": language},
        providers=[(p.pk, provider_choice_label(p)) for p in providers],
        regions=[(r.code, r.name) for r in Region.objects.order_by("name")],
        languages=language_choices(),
        refresh_url=reverse("care:service_new", args=[reference]),
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():

            def record() -> Any:
                provider_id = form.cleaned_data["directory_provider"]
                return actions.service_record(
                    actor=actor,
                    person=person_record,
                    service_type=form.cleaned_data["service_type"],
                    delivered_on=form.cleaned_data["delivered_on"],
                    provider=form.cleaned_data["provider"],
                    note=form.cleaned_data["note"],
                    directory_provider=provider_for_service(
                        actor, provider_id, service_type=form.cleaned_data["service_type"]
                    )
                    if provider_id is not None
                    else None,
                )

            service, status = _submit(form, record)
            if service is not None:
                messages.success(request, _("Service recorded."))
                return redirect("care:person", reference=reference)
    return _form_page(
        request,
        form,
        status,
        title=_("Service delivered to %(reference)s") % {"reference": reference},
        cancel=_care_url(reference),
        submit=_("Record"),
        reference=reference,
        template="care/service_form.html",
    )


# Care notes and disclosures ------------------------------------------------------------


@actor_view
def note_new(request: HttpRequest, actor: Actor, reference: str) -> HttpResponse:
    person_record, _decision = care_person_get_for_actor(
        actor, reference, ability=Ability.CARE_RECORD, action="care_note_form_view"
    )
    form = CareNoteForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            note, status = _submit(
                form,
                lambda: actions.care_note_create(
                    actor=actor, person=person_record, text=form.cleaned_data["text"]
                ),
            )
            if note is not None:
                messages.success(request, _("Note saved."))
                return redirect("care:person", reference=reference)
    return _form_page(
        request,
        form,
        status,
        title=_("Care note on %(reference)s") % {"reference": reference},
        cancel=_care_url(reference),
        submit=_("Save the note"),
        reference=reference,
    )


@actor_view
def disclosure_new(request: HttpRequest, actor: Actor, reference: str) -> HttpResponse:
    care_person_get_for_actor(actor, reference, ability=Ability.CARE_DISCLOSE)
    # The choices come from the file the director sees; reading it for this is audited.
    file = care_file_for_actor(actor, reference, action="care_disclosure_form_view")
    form = DisclosureForm(
        request.POST or None,
        initial={"item": request.GET.get("item", "")},
        notes=file.notes,
        plans=file.plans,
        recipients=actions.disclosure_recipients(actor),
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            note_id, plan_id = form.item_ids()
            disclosure, status = _submit(
                form,
                lambda: actions.care_disclosure_create(
                    actor=actor,
                    person=file.person,
                    recipient_id=form.cleaned_data["recipient"],
                    basis=form.cleaned_data["basis"],
                    basis_reference=form.cleaned_data["basis_reference"],
                    scope=form.cleaned_data["scope"],
                    decided_on=form.cleaned_data["decided_on"],
                    note_id=note_id,
                    plan_id=plan_id,
                ),
            )
            if disclosure is not None:
                messages.success(
                    request,
                    _("Shared with %(recipient)s.") % {"recipient": disclosure.recipient.name},
                )
                return redirect("care:person", reference=reference)
    return _form_page(
        request,
        form,
        status,
        title=_("Share care data on %(reference)s") % {"reference": reference},
        intro=_(
            "Only with the person's consent or a legal basis. The organisation will read "
            "exactly this note or plan, until you end the disclosure."
        ),
        cancel=_care_url(reference),
        submit=_("Share"),
        reference=reference,
    )


@require_POST
@actor_view
def disclosure_end(request: HttpRequest, actor: Actor, disclosure_id: int) -> HttpResponse:
    disclosure = care_disclosure_get_for_actor(
        actor, disclosure_id, action="care_disclosure_end_view"
    )
    reference = disclosure.person.reference
    try:
        actions.care_disclosure_end(actor=actor, disclosure_id=disclosure.pk)
    except Conflict as exc:
        return _refused(request, exc.message, back=_care_url(reference))
    messages.success(
        request, _("%(recipient)s can no longer read it.") % {"recipient": disclosure.recipient}
    )
    return redirect("care:person", reference=reference)


@actor_view
def shared_with_us(request: HttpRequest, actor: Actor) -> HttpResponse:
    if actor.organisation_id is None:
        raise PermissionDenied(_("You have no active membership."))
    context: dict[str, Any] = {"disclosures": disclosures_to_actor(actor)}
    return no_store(render(request, "care/shared.html", context))


# Transfer requests between centres -----------------------------------------------------


@actor_view
def transfer_new(request: HttpRequest, actor: Actor, reference: str) -> HttpResponse:
    person_record, _decision = care_person_get_for_actor(
        actor, reference, ability=Ability.CARE_RECORD, action="care_transfer_form_view"
    )
    elsewhere = free_places_elsewhere(actor)
    free = {c.organisation.pk: c for c in elsewhere}
    centres = transfer_centres(actor)
    form = TransferRequestForm(
        request.POST or None,
        initial={"to_organisation": request.GET.get("to"), "place_type": request.GET.get("type")},
        centres=[
            (
                o.pk,
                _("%(centre)s (%(free)s free)") % {"centre": o, "free": free[o.pk].free}
                if o.pk in free
                else str(o),
            )
            for o in centres
        ],
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            transfer, status = _submit(
                form,
                lambda: actions.shelter_transfer_request(
                    actor=actor,
                    person=person_record,
                    to_organisation_id=form.cleaned_data["to_organisation"],
                    place_type=form.cleaned_data["place_type"],
                    with_family=form.cleaned_data["with_family"],
                    wanted_from=form.cleaned_data["wanted_from"],
                    message=form.cleaned_data["message"],
                ),
            )
            if transfer is not None:
                messages.success(
                    request,
                    _("Transfer request sent to %(centre)s.")
                    % {"centre": transfer.to_organisation},
                )
                return redirect("care:person", reference=reference)
    context = {"form": form, "person": person_record, "elsewhere": elsewhere}
    return no_store(render(request, "care/transfer_form.html", context, status=status))


@actor_view
def transfers(request: HttpRequest, actor: Actor) -> HttpResponse:
    require_care_role(actor)
    received, sent = transfers_for_actor(actor)
    context = {"received": received, "sent": sent}
    return no_store(render(request, "care/transfers.html", context))


@actor_view
def transfer_detail(request: HttpRequest, actor: Actor, transfer_id: int) -> HttpResponse:
    transfer = transfer_get_for_actor(actor, transfer_id, action="shelter_transfer_view")
    receiving = transfer.to_organisation_id == actor.organisation_id
    may_answer = receiving and transfer.is_waiting and role_may(actor, Ability.CARE_RECORD)
    shelters = list(shelters_visible_to(actor).order_by("name")) if may_answer else []
    accept = TransferAcceptForm(
        request.POST if request.POST.get("answer") == "accept" else None,
        initial={"version": transfer.version},
        shelters=shelters,
    )
    decline = TransferDeclineForm(
        request.POST if request.POST.get("answer") == "decline" else None,
        initial={"version": transfer.version},
    )
    status = 200
    if request.method == "POST":
        answer = request.POST.get("answer")
        status = 400
        done: Any = None
        if answer == "accept" and accept.is_valid():
            done, status = _submit(
                accept,
                lambda: actions.shelter_transfer_accept(
                    actor=actor,
                    transfer_id=transfer.pk,
                    expected_version=accept.cleaned_data["version"],
                    shelter_id=accept.cleaned_data["shelter"],
                    arrived_on=accept.cleaned_data["arrived_on"],
                    fit_reason=accept.cleaned_data["fit_reason"],
                ),
            )
            if done is not None:
                messages.success(request, _("Accepted: the person is placed in your shelter."))
                return redirect("care:person", reference=transfer.person.reference)
        elif answer == "decline" and decline.is_valid():
            done, status = _submit(
                decline,
                lambda: actions.shelter_transfer_decline(
                    actor=actor,
                    transfer_id=transfer.pk,
                    expected_version=decline.cleaned_data["version"],
                    reason=decline.cleaned_data["reason"],
                ),
            )
            if done is not None:
                messages.success(request, _("Declined; the requesting centre reads your reason."))
                return redirect("care:transfers")
        elif answer == "withdraw":
            try:
                actions.shelter_transfer_withdraw(
                    actor=actor,
                    transfer_id=transfer.pk,
                    expected_version=int(request.POST.get("version") or 0),
                )
            except Conflict as exc:
                return _refused(request, exc.message, back=reverse("care:transfers"))
            messages.success(request, _("Transfer request withdrawn."))
            return redirect("care:person", reference=transfer.person.reference)
    context = {
        "transfer": transfer,
        "receiving": receiving,
        # The receiving centre learns who the person is once it has accepted.
        "show_person": not receiving or transfer.status == TransferStatus.ACCEPTED,
        "may_answer": may_answer,
        "may_withdraw": not receiving
        and transfer.is_waiting
        and role_may(actor, Ability.CARE_RECORD),
        "accept": accept,
        "decline": decline,
        "age_group": _age_group(transfer.age),
        "gender_label": dict(Gender.choices).get(transfer.gender, transfer.gender),
        "languages": [language_name(code) for code in transfer.languages],
    }
    return no_store(render(request, "care/transfer.html", context, status=status))


def _age_group(age: int | None) -> str:
    if age is None:
        return _("age unknown")
    return _("minor (%(age)s)") % {"age": age} if age < 18 else _("adult (%(age)s)") % {"age": age}
