"""Template tags other apps' pages use to point at the statistics app."""

from __future__ import annotations

from django import template

from nrm.access.context import Actor
from nrm.statistics.queries import open_recommendations_addressed_to

register = template.Library()


@register.simple_tag
def open_recommendations(actor: Actor | None) -> int:
    """How many of the rapporteur's recommendations addressed to the actor's organisation are
    still open (or only partly implemented): for the organisation's home page."""
    if actor is None:
        return 0
    return open_recommendations_addressed_to(actor)
