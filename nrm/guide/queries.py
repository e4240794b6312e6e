"""Reading the guide: the current text of a language, and the installation's values.

The guide is public (CONTRACTS.md §5): these reads need no actor and log nothing about the
reader.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from nrm.guide.content import BUILT_IN, EN, KEYS, PLACEHOLDERS, Text, TextStatus
from nrm.guide.languages import BY_CODE, Language
from nrm.guide.models import GuideTextVersion
from nrm.organisations.models import Organisation, OrganisationType

# The central contact point (RULES.md §3.1: stoptraite.be / 078/055.800, 24/7); another
# installation sets its own.
DEFAULT_HOTLINE = "078/055.800"
DEFAULT_WEBSITE = "stoptraite.be"
# The three recognised centres for adults (RULES.md §3.1), when the installation has not
# recorded its own yet.
DEFAULT_CENTRES = "PAG-ASA, Payoke, Sürya"


@dataclass(frozen=True)
class GuideText:
    language: Language
    # The language the words are in: the language itself, or English while pending.
    text_language: Language
    status: str
    texts: Text
    version: GuideTextVersion | None

    @property
    def pending(self) -> bool:
        return self.status == TextStatus.PENDING

    @property
    def draft(self) -> bool:
        return self.status == TextStatus.DRAFT


def guide_text(language: Language) -> GuideText:
    """The highest stored version, else the built-in text, else English marked pending."""
    version = GuideTextVersion.objects.filter(language=language.code).order_by("-number").first()
    english = BY_CODE["en"]
    if version is not None:
        if version.status == TextStatus.PENDING:
            return GuideText(language, english, TextStatus.PENDING, _english(), version)
        return GuideText(language, language, version.status, dict(version.texts), version)
    if language.code in BUILT_IN:
        status, texts = BUILT_IN[language.code]
        return GuideText(language, language, status, dict(texts), None)
    return GuideText(language, english, TextStatus.PENDING, _english(), None)


def _english() -> Text:
    version = GuideTextVersion.objects.filter(language="en").order_by("-number").first()
    return dict(version.texts) if version is not None else dict(EN)


def installation_values() -> dict[str, str]:
    """What fills the placeholders: the hotline, the website and the adult centres."""
    centres = list(
        Organisation.objects.filter(type=OrganisationType.CENTRE_ADULTS, is_active=True)
        .order_by("name")
        .values_list("name", flat=True)
    )
    return {
        "hotline": str(getattr(settings, "NRM_GUIDE_HOTLINE", DEFAULT_HOTLINE)),
        "website": str(getattr(settings, "NRM_GUIDE_WEBSITE", DEFAULT_WEBSITE)),
        "centres": ", ".join(centres)
        or str(getattr(settings, "NRM_GUIDE_CENTRES", DEFAULT_CENTRES)),
    }


def filled(texts: Text) -> Text:
    values = installation_values()
    result = {}
    for key in KEYS:
        text = texts.get(key, "")
        for name in PLACEHOLDERS:
            # Plain replacement, not %-formatting: a stray % in an edited text must not
            # break the public page.
            text = text.replace(f"%({name})s", values[name])
        result[key] = text
    return result
