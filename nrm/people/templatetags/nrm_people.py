from __future__ import annotations

from django import template

from nrm.people.vocab import DocumentType, country_name, language_name

register = template.Library()


@register.filter
def countries(codes: list[str] | None) -> str:
    return ", ".join(country_name(code) for code in codes or [])


@register.filter
def languages(codes: list[str] | None) -> str:
    return ", ".join(language_name(code) for code in codes or [])


@register.filter
def document_type(code: str) -> str:
    return str(dict(DocumentType.choices).get(code, code))
