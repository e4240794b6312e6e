"""`{% key_worker_summary person %}`: the person page names the person's key worker at the
reader's own organisation (and whether they are active), nothing for an organisation that
does not accompany the person. The page has checked and audited the read of the person."""

from __future__ import annotations

from typing import Any

from django import template

from nrm.access.context import Actor
from nrm.caseload.queries import held_involvements, key_worker_of
from nrm.organisations.models import Role
from nrm.people.models import Person

register = template.Library()


@register.inclusion_tag("caseload/_key_worker.html", takes_context=True)
def key_worker_summary(context: template.Context, person: Person) -> dict[str, Any]:
    actor = context.get("actor")
    if not isinstance(actor, Actor):
        return {"key_worker": None, "shown": False}
    found = key_worker_of(actor, person)
    held = found is not None or _held(actor, person)
    return {
        "key_worker": found,
        "shown": held,
        "may_assign": actor.role == Role.CENTRE_DIRECTOR,
    }


def _held(actor: Actor, person: Person) -> bool:
    if actor.organisation_id is None:
        return False
    return held_involvements(actor.organisation_id).filter(person=person).exists()
