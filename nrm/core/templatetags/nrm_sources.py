"""`{% cited_source key tag %}`: a rule's source as its title, linked, with how well the
rule is verified (RULES.md §0) as a readable badge (nrm/core/sources.py)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext as _

from nrm.core.sources import cited

register = template.Library()

# RULES.md §0: what each verification tag means for the reader.
_TAG_MEANING: dict[str, Any] = {
    "V": lambda: _("seen in the cited source"),
    "S": lambda: _("secondary source"),
    "K": lambda: _("known, not retrieved: unverified"),
    "SEED": lambda: _("reported by the seed note; legal basis not located"),
    "PRODUCT": lambda: _("product choice, not law"),
    "UNVERIFIED": lambda: _("unverified"),
}
_WEAK = frozenset({"K", "UNVERIFIED", "SEED"})


@register.inclusion_tag("core/_cited_source.html")
def cited_source(key: str, tag: str = "") -> dict[str, Any]:
    source = cited(str(key))
    tag = str(tag or "")
    meaning = _TAG_MEANING.get(tag)
    return {
        "title": _(source.title) if source.described else source.title,
        "url": source.url,
        "tag": tag,
        "tag_meaning": meaning() if meaning else "",
        "weak": tag in _WEAK,
    }
