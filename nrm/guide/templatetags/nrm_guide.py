"""The worker guide on other apps' pages: the screening form shows it on the inspector's
phone (`{% guide_for_screening %}`), the screening's page links to the guide handed out
(`{{ code|guide_url }}`)."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

from nrm.guide.languages import LANGUAGES, guide_for_recorded, recorded_code

register = template.Library()


@register.inclusion_tag("guide/_screening_guide.html")
def guide_for_screening() -> dict[str, Any]:
    # Every language in its own name, so the worker can point at theirs.
    return {
        "choices": [
            {"language": language, "recorded": recorded_code(language)}
            for language in LANGUAGES
        ]
    }


@register.filter
def guide_url(recorded: str) -> str:
    """The public guide for a recorded leaflet language, or "" when there is none."""
    language = guide_for_recorded(recorded) if recorded else None
    return reverse("guide:page", args=[language.code]) if language else ""
