"""Person pages: the list shows pseudonymous references; identities only on the record."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib import messages
from django.db.models import Q, QuerySet
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
from nrm.people.models import IDENTITY_FIELDS, Person
from nrm.people.queries import (
    person_get_for_actor,
    person_history_for_actor,
    persons_filtered,
    persons_list_audited,
    persons_visible_to,
)

PAGE_SIZE = 50


@dataclass(frozen=True)
class ListPage:
    """One page of a list, without counting the list (issue 17: an exact count over
    everything a national organisation sees costs more than the page itself)."""

    rows: list[Person]
    next_query: str  # the query string of the next page; "" on the last
    first_query: str | None  # the query string of the first page; None on the first


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
    # A name search shows the names: the user typed one and must tell the matches apart.
    show_names = bool(filters.is_valid() and filters.cleaned_data["q"].strip())
    # Identities are decrypted only where the page shows them.
    unshown = [f for f in IDENTITY_FIELDS if not show_names or f not in SHOWN_IN_SEARCH]
    persons_qs = persons_qs.defer(*unshown)
    page = _ranked_page(request, persons_qs) if show_names else _keyset_page(request, persons_qs)
    persons_list_audited(actor, page.rows, action="person_list")
    context = {
        "persons": page,
        "filters": filters,
        "show_names": show_names,
        "may_create": decide(actor, Ability.PERSON_CREATE).allowed,
    }
    # htmx asks for the table alone when a filter changes.
    template = "people/list.html#person-table" if htmx(request) else "people/list.html"
    return no_store(render(request, template, context, status=status))


SHOWN_IN_SEARCH = ("given_names", "family_name", "birth_date")
_CURSOR_SEPARATOR = "~"


def _keyset_page(request: HttpRequest, persons: QuerySet[Person]) -> ListPage:
    """The list in its usual order (latest first contact first), continued after the last
    row shown: the database walks the ordering index from there (people migration 0005)
    instead of sorting and skipping everything before."""
    after = _cursor(request.GET.get("after", ""))
    if after is not None:
        day, reference = after
        persons = persons.filter(
            Q(first_contact_on__lt=day) | Q(first_contact_on=day, reference__gt=reference)
        )
    rows = list(persons.order_by("-first_contact_on", "reference")[: PAGE_SIZE + 1])
    next_query = ""
    if len(rows) > PAGE_SIZE:
        rows = rows[:PAGE_SIZE]
        last = rows[-1]
        cursor = f"{last.first_contact_on.isoformat()}{_CURSOR_SEPARATOR}{last.reference}"
        next_query = _query_with(request, after=cursor)
    return ListPage(rows, next_query, None if after is None else _query_with(request))


def _ranked_page(request: HttpRequest, persons: QuerySet[Person]) -> ListPage:
    """Name-search results, best first: pages by number, still without a count."""
    try:
        number = max(1, int(request.GET.get("page", "1")))
    except ValueError:
        number = 1
    start = (number - 1) * PAGE_SIZE
    rows = list(persons[start : start + PAGE_SIZE + 1])
    next_query = _query_with(request, page=str(number + 1)) if len(rows) > PAGE_SIZE else ""
    return ListPage(rows[:PAGE_SIZE], next_query, None if number == 1 else _query_with(request))


def _cursor(value: str) -> tuple[date, str] | None:
    day, _separator, reference = value.partition(_CURSOR_SEPARATOR)
    try:
        return date.fromisoformat(day), reference
    except ValueError:
        return None  # a damaged link starts from the first page


def _query_with(request: HttpRequest, **changes: str) -> str:
    query = request.GET.copy()
    for name in ("page", "after"):
        query.pop(name, None)
    query.update(changes)
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
