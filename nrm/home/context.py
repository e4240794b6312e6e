"""Template context every page gets: the actor, their memberships, the platform mode."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from nrm.access.policy import Ability, role_may
from nrm.accounts.queries import effective_memberships


def platform(request: HttpRequest) -> dict[str, Any]:
    actor = getattr(request, "actor", None)
    memberships = []
    abilities: set[str] = set()
    if actor is not None:
        memberships = list(effective_memberships(actor.user.pk))
        abilities = {ability.value for ability in Ability if role_may(actor, ability)}
    return {
        "actor": actor,
        "memberships": memberships,
        "abilities": abilities,
        "demo_mode": settings.NRM_DEMO,
    }
