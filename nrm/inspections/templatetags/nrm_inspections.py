from __future__ import annotations

from django import template

from nrm.people.vocab import country_name, language_name

register = template.Library()


@register.filter
def country(code: str) -> str:
    return country_name(code) if code else ""


@register.filter
def language(code: str) -> str:
    return language_name(code) if code else ""
