"""`{% person_say_summary person %}`: consent and never-use channels, on every page that
offers to contact the person (the person page, the care file)."""

from __future__ import annotations

from typing import Any

from django import template

from nrm.consent.models import SafeContact
from nrm.consent.queries import channel_is_safe, consent_states
from nrm.people.models import Person

register = template.Library()


@register.inclusion_tag("consent/_summary.html")
def person_say_summary(person: Person) -> dict[str, Any]:
    safe = SafeContact.objects.filter(person=person).first()
    return {
        "person": person,
        "states": consent_states(person),
        "never_use": (safe.never_use or []) if safe else [],
        "safe": safe,
    }


@register.simple_tag
def channel_unsafe(person: Person, kind: str, value: str) -> bool:
    """Whether this phone, e-mail or address of the person is on their never-use list."""
    return bool(value) and not channel_is_safe(person, kind, value)
