"""Person pages: the list shows pseudonymous references; identities only on the record."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from nrm.access.context import Actor
from nrm.access.policy import Ability, decide, decide_person
from nrm.core.errors import DomainError, PermissionDenied
from nrm.core.http import actor_view, form_error, htmx, no_store
from nrm.exchange.queries import possible_duplicates
from nrm.people.actions import person_create, person_update
from nrm.people.forms import PersonFilterForm, PersonForm
from nrm.people.queries import (
    person_get_for_actor,
    person_history_for_actor,
    persons_filtered,
    persons_list_audited,
    persons_visible_to,
)

PAGE_SIZE = 50


@actor_view
def person_list(request: HttpRequest, actor: Actor) -> HttpResponse:
    filters = PersonFilterForm(request.GET or None)
    persons_qs = persons_visible_to(actor)
    status = 200
    if filters.is_valid():
        persons_qs = persons_filtered(persons_qs, **filters.cleaned_data)
    elif filters.is_bound:
        status = 400
        persons_qs = persons_qs.none()
    page = Paginator(persons_qs, PAGE_SIZE)
    persons = page.get_page(request.GET.get("page"))
    persons_list_audited(actor, list(persons), action="person_list")
    context = {
        "persons": persons,
        "filters": filters,
        "query": _query_without_page(request),
        # A name search shows the names: the user typed one and must tell the matches apart.
        "show_names": bool(filters.is_valid() and filters.cleaned_data["q"].strip()),
        "may_create": decide(actor, Ability.PERSON_CREATE).allowed,
    }
    # htmx asks for the table alone when a filter changes.
    template = "people/list.html#person-table" if htmx(request) else "people/list.html"
    return no_store(render(request, template, context, status=status))


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@actor_view
def person_new(request: HttpRequest, actor: Actor) -> HttpResponse:
    decision = decide(actor, Ability.PERSON_CREATE)
    if not decision.allowed:
        raise PermissionDenied(decision.reason)
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.to_data()
        # Persons the organisation already follows who may be this one (privacy-preserving
        # linkage, nrm/exchange); a second save, after the user has looked, records anyway.
        if not request.POST.get("not_a_duplicate"):
            duplicates = possible_duplicates(actor, data)
            if duplicates:
                context = {"form": form, "person": None, "duplicates": duplicates}
                return no_store(render(request, "people/form.html", context))
        try:
            person = person_create(actor=actor, data=data)
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(
                request, _("Person %(reference)s recorded.") % {"reference": person.reference}
            )
            return redirect("people:detail", reference=person.reference)
    status = 400 if request.method == "POST" else 200
    return no_store(
        render(request, "people/form.html", {"form": form, "person": None}, status=status)
    )


@actor_view
def person_detail(request: HttpRequest, actor: Actor, reference: str) -> HttpResponse:
    person = person_get_for_actor(actor, reference, action="person_view")
    context = {
        "person": person,
        "may_edit": decide_person(actor, person.pk, Ability.PERSON_EDIT).allowed,
        "may_history": decide_person(actor, person.pk, Ability.PERSON_HISTORY).allowed,
    }
    return no_store(render(request, "people/detail.html", context))


@actor_view
def person_edit(request: HttpRequest, actor: Actor, reference: str) -> HttpResponse:
    person = person_get_for_actor(
        actor, reference, ability=Ability.PERSON_EDIT, action="person_edit_view"
    )
    form = PersonForm(request.POST or None, initial=PersonForm.initial_for(person))
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        try:
            person_update(
                actor=actor,
                person_id=person.pk,
                expected_version=form.cleaned_data["version"] or 0,
                data=form.to_data(existing_documents=person.documents),
            )
        except DomainError as exc:
            status = form_error(form, exc)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("people:detail", reference=person.reference)
    return no_store(
        render(request, "people/form.html", {"form": form, "person": person}, status=status)
    )


@actor_view
def person_history(request: HttpRequest, actor: Actor, reference: str) -> HttpResponse:
    person, events = person_history_for_actor(actor, reference)
    return no_store(render(request, "people/history.html", {"person": person, "events": events}))
