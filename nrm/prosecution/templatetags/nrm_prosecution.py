from __future__ import annotations

from collections.abc import Mapping

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from nrm.people.models import Person
from nrm.prosecution.charges import provision_citation

register = template.Library()


@register.filter
def citation(provision_id: str) -> str:
    """A provision id as lawyers cite it ("art. 433quinquies Crim. Code")."""
    return provision_citation(provision_id) if provision_id else ""


@register.simple_tag
def post_to(url: str) -> SafeString:
    """A form's target for both ways of posting it: the browser's (a full page back) and
    htmx's (its section back, `prosecution/case_section.html`)."""
    return format_html('method="post" action="{0}" hx-post="{0}"', url)


@register.filter
def named(person: Person | None, names: Mapping[int, str]) -> str:
    """A person by name where the reader may see it (`queries.names_shown_to`), else by
    pseudonymous reference."""
    if person is None:
        return ""
    return names.get(person.pk) or person.reference
