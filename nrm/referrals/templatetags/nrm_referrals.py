"""Template helpers other apps' pages use to offer referrals (navigation, the person page)."""

from __future__ import annotations

from django import template

from nrm.access.context import Actor
from nrm.people.vocab import language_name
from nrm.referrals import workflow

register = template.Library()


@register.filter
def may_refer(actor: Actor | None) -> bool:
    """Whether to offer "Refer": the role may refer; the form checks the person itself."""
    return actor is not None and workflow.may_refer(actor)


@register.filter
def keeps_hotline(actor: Actor | None) -> bool:
    return actor is not None and workflow.may_keep_hotline(actor)


@register.filter
def language(code: str) -> str:
    """One ISO 639 code's name in the user's language."""
    return language_name(code)
