"""Vocabularies for person records: HTCDS gender values, ISO 3166 and ISO 639 codes.

Country and language names come from pycountry's ISO data and its translations, so the
lists appear in the user's language without our own copies of the standards.
"""

from __future__ import annotations

import gettext
from functools import cache

import pycountry
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Gender(models.TextChoices):
    """HTCDS 2.0 `prs_Gender` values, labelled as people say them ("woman", not the
    standard's "Feminine"): the values stay the standard's for the exports."""

    FEMININE = "Feminine", _("Woman")
    MASCULINE = "Masculine", _("Man")
    TRANSGENDER_FEMININE = "TransgenderFeminine", _("Trans woman")
    TRANSGENDER_MASCULINE = "TransgenderMasculine", _("Trans man")
    NON_CONFORMING = "NonConforming", _("Non-binary or gender non-conforming")
    NON_SPECIFIED_UNKNOWN = "NonSpecifiedUnknown", _("Not specified or unknown")


COUNTRY_CODES: frozenset[str] = frozenset(c.alpha_2 for c in pycountry.countries)
# ISO 639-1: the ~180 languages with two-letter codes. The full ISO 639-3 list (7,000+)
# made every person form heavy to render and to use; extend here if a language is missing.
LANGUAGE_CODES: frozenset[str] = frozenset(
    lang.alpha_2 for lang in pycountry.languages if hasattr(lang, "alpha_2")
)


@cache
def _translator(domain: str, language: str) -> gettext.NullTranslations:
    return gettext.translation(domain, pycountry.LOCALES_DIR, languages=[language], fallback=True)


def _in_language(domain: str, name: str) -> str:
    language = (get_language() or "en").split("-")[0]
    return _translator(domain, language).gettext(name)


def country_name(code: str) -> str:
    country = pycountry.countries.get(alpha_2=code)
    return _in_language("iso3166-1", country.name) if country else code


def language_name(code: str) -> str:
    lang = (
        pycountry.languages.get(alpha_2=code)
        if len(code) == 2
        else pycountry.languages.get(alpha_3=code)
    )
    return _in_language("iso639-3", lang.name) if lang else code


def country_choices() -> list[tuple[str, str]]:
    return sorted(((c, country_name(c)) for c in COUNTRY_CODES), key=lambda item: item[1])


def language_choices() -> list[tuple[str, str]]:
    return sorted(((c, language_name(c)) for c in LANGUAGE_CODES), key=lambda item: item[1])


class DocumentType(models.TextChoices):
    PASSPORT = "PASSPORT", _("Passport")
    ID_CARD = "ID_CARD", _("Identity card")
    RESIDENCE_PERMIT = "RESIDENCE_PERMIT", _("Residence permit")
    OTHER = "OTHER", _("Other document")
