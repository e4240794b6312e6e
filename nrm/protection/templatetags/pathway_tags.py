"""Template helpers of the pathway pages, and the layout's "Deadlines" entry."""

from __future__ import annotations

from django import template

from nrm.access.context import Actor
from nrm.protection.display import deadline_label as _deadline_label
from nrm.protection.rules import has_deadlines as _has_deadlines

register = template.Library()


@register.filter
def has_deadlines(actor: Actor | None) -> bool:
    """Whether the acting role answers for pathway deadlines (no query: the membership's
    organisation is already loaded with the actor)."""
    if actor is None or actor.organisation is None:
        return False
    return _has_deadlines(actor.organisation.type, actor.role)


@register.filter
def deadline_label(kind: str) -> str:
    return _deadline_label(kind)
