"""Template helpers of the pathway pages, and the layout's "Deadlines" entry."""

from __future__ import annotations

from django import template

from nrm.access.context import Actor
from nrm.protection.display import deadline_label as _deadline_label
from nrm.protection.rules import has_deadlines as _has_deadlines
from nrm.protection.rules import may_record

register = template.Library()


@register.filter
def has_deadlines(actor: Actor | None) -> bool:
    """Whether the acting role answers for pathway deadlines (no query: the membership's
    organisation is already loaded with the actor)."""
    if actor is None or actor.organisation is None:
        return False
    return _has_deadlines(actor.organisation.type, actor.role)


@register.filter
def handles_requests(actor: Actor | None) -> bool:
    """Whether the acting role files (a centre) or decides (the immigration office)
    residence requests."""
    if actor is None or actor.organisation is None:
        return False
    return may_record(actor.organisation.type, actor.role, ("SPECIALISED_CENTRE",)) or (
        may_record(actor.organisation.type, actor.role, ("IMMIGRATION_OFFICE",))
    )


@register.filter
def deadline_label(kind: str) -> str:
    return _deadline_label(kind)
