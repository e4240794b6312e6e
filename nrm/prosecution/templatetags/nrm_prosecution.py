from __future__ import annotations

from django import template

from nrm.prosecution.charges import provision_citation

register = template.Library()


@register.filter
def citation(provision_id: str) -> str:
    """A provision id as lawyers cite it ("art. 433quinquies Crim. Code")."""
    return provision_citation(provision_id) if provision_id else ""
