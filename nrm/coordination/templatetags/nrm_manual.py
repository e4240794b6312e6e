"""`{% manual_step "REFLECTION" %}`: the NRM manual's entry for the step a workflow page is
on — what happens next, and who does it — with a link to the full manual.

The key may be a manual step, a pathway state or a case-file status (nrm/coordination/
steps.py). An unknown key or a step the manual does not describe yet renders nothing: a
workflow page must never break because the manual is incomplete.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import get_language

from nrm.coordination.queries import manual_entry
from nrm.coordination.steps import manual_step_for

register = template.Library()


@register.inclusion_tag("coordination/_manual_step.html")
def manual_step(key: str) -> dict[str, Any]:
    step = manual_step_for(str(key))
    if step is None:
        return {"entry": None}
    language = (get_language() or "en").split("-")[0]
    entry = manual_entry(step, language=language)
    return {"entry": entry if entry.version is not None else None}
