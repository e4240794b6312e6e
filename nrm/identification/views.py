"""Identification pages: a person's decisions, the decision form, the workflow's steps."""

from __future__ import annotations

from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from nrm.access.context import Actor
from nrm.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from nrm.core.http import actor_view
from nrm.core.workflow import action_kwargs, local_today
from nrm.identification.actions import identification_decide
from nrm.identification.forms import DecideForm
from nrm.identification.queries import (
    IdentificationView,
    decision_get_for_actor,
    identification_get_for_actor,
    worklist_for_actor,
)
from nrm.identification.workflow import DECISIONS
from nrm.people.queries import person_find_for_actor


def _put_error(form: django_forms.BaseForm, exc: DomainError) -> int:
    if isinstance(exc, NotFound | PermissionDenied):
        raise exc
    field = exc.field if exc.field and exc.field in form.fields else None
    if field is not None and form.fields[field].widget.is_hidden:
        field = None
    form.add_error(field, exc.message)
    return 409 if isinstance(exc, Conflict) else 400


def _page(
    request: HttpRequest,
    view: IdentificationView,
    *,
    decide_form: DecideForm | None = None,
    bound: dict[str, django_forms.BaseForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    current = view.current
    step_forms: dict[str, Any] = {}
    if current is not None:
        step_forms = DECISIONS.forms(current.decision, bound)
    context = {
        "view": view,
        "person": view.person,
        "decide_form": decide_form or DecideForm(initial={"on": local_today()}),
        "steps": [
            (availability, step_forms[availability.name])
            for availability in (current.transitions if current else [])
        ],
    }
    return render(request, "identification/person.html", context, status=status)


@require_GET
@actor_view
def person_page(request: HttpRequest, actor: Actor, reference: str) -> HttpResponse:
    return _page(request, identification_get_for_actor(actor, reference))


@require_POST
@actor_view
def decide(request: HttpRequest, actor: Actor, reference: str) -> HttpResponse:
    person, _decision = person_find_for_actor(actor, reference)
    form = DecideForm(request.POST)
    status = 400
    if form.is_valid():
        try:
            identification_decide(actor=actor, person=person, **form.cleaned_data)
        except DomainError as exc:
            status = _put_error(form, exc)
        else:
            messages.success(request, DecideForm.done_message())
            return redirect("identification:person", reference=person.reference)
    view = identification_get_for_actor(actor, reference)
    return _page(request, view, decide_form=form, status=status)


@require_POST
@actor_view
def step(request: HttpRequest, actor: Actor, decision_id: int, name: str) -> HttpResponse:
    decision = decision_get_for_actor(actor, decision_id)
    transition = DECISIONS.transition(name)
    # 403 before 400: who may not take the step is told so before their input is read.
    DECISIONS.require_party(transition, decision, actor)
    form = DECISIONS.bind(transition, decision, request.POST)
    status = 400
    if form.is_valid():
        try:
            DECISIONS.run(transition, decision, actor=actor, **action_kwargs(form))
        except DomainError as exc:
            status = _put_error(form, exc)
        else:
            messages.success(request, str(transition.done))
            return redirect("identification:person", reference=decision.person.reference)
    view = identification_get_for_actor(actor, decision.person.reference)
    return _page(request, view, bound={transition.name: form}, status=status)


@require_GET
@actor_view
def worklist(request: HttpRequest, actor: Actor) -> HttpResponse:
    return render(request, "identification/worklist.html", {"decisions": worklist_for_actor(actor)})
