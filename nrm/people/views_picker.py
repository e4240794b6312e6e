"""The person picker's search (nrm/people/picker.py): at most ten persons the user may see,
by name or reference, as an htmx fragment. Audited like the person list."""

from __future__ import annotations

import re

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from nrm.access.context import Actor
from nrm.access.policy import Ability, decide
from nrm.core.errors import PermissionDenied
from nrm.core.http import actor_view, no_store
from nrm.people.models import IDENTITY_FIELDS, Person
from nrm.people.queries import persons_list_audited, persons_visible_to
from nrm.people.search import persons_matching

PICKER_LIMIT = 10
# Shorter queries match too many persons to be worth a request (and the blind index
# ignores them anyway).
PICKER_MIN_CHARS = 2
SHOWN = ("given_names", "family_name", "birth_date")
_TARGET = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
# A typed start of a reference ("P-7K", "7K3M"): searched among references, not names.
_REFERENCE_LIKE = re.compile(r"^(P-)?[A-Z0-9]{2,4}(-[A-Z0-9]{0,4})?$")


def picker_matches(actor: Actor, query: str) -> list[Person]:
    """The first matches among the persons the actor may see: a reference's start, or
    names (best first)."""
    visible = persons_visible_to(actor).defer(*(f for f in IDENTITY_FIELDS if f not in SHOWN))
    text = query.strip()
    if len(text) < PICKER_MIN_CHARS:
        return []
    upper = re.sub(r"\s+", "", text).upper()
    has_digit = any(c.isdigit() for c in upper)
    if upper.startswith("P-") or (has_digit and _REFERENCE_LIKE.fullmatch(upper)):
        rows = visible.filter(reference__icontains=upper).order_by("reference")
        return list(rows[:PICKER_LIMIT])
    return list(persons_matching(visible, text)[:PICKER_LIMIT])


@actor_view
def person_picker_search(request: HttpRequest, actor: Actor) -> HttpResponse:
    decision = decide(actor, Ability.PERSON_VIEW)
    if not decision.allowed:
        raise PermissionDenied(decision.reason)
    query = request.GET.get("q", "")[:200]
    target = request.GET.get("for", "")
    persons = picker_matches(actor, query)
    persons_list_audited(actor, persons, action="person_picker")
    context = {
        "persons": persons,
        "searched": len(query.strip()) >= PICKER_MIN_CHARS,
        "target": target if _TARGET.fullmatch(target) else "",
        # Whoever may open a person sees their names; the results are such persons only.
        "show_names": True,
    }
    return no_store(render(request, "people/_picker_results.html", context))
