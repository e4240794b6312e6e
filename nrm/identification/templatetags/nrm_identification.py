"""Where the pages link to identification decisions: only in an installation whose pathway
has a formal identification step (Denmark), so that no page offers a dead end."""

from __future__ import annotations

from django import template
from django.conf import settings

from nrm.access.context import Actor
from nrm.identification.queries import identification_in_use
from nrm.identification.workflow import may_decide

register = template.Library()


@register.simple_tag
def identification_used() -> bool:
    return identification_in_use()


@register.filter
def identifies(actor: Actor | None) -> bool:
    """The actor's authority takes identification decisions (the worklist is theirs)."""
    if actor is None or not identification_in_use():
        return False
    return any(
        may_decide(actor, settings.NRM_JURISDICTION, legal_stay) for legal_stay in (False, True)
    )
