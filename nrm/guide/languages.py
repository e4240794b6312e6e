# ruff: noqa: RUF001 — the guide is written in many scripts on purpose; these letters are not look-alikes.
"""The guide's languages: code, name in the language itself, script and direction.

28 languages, those of the seed's main nationalities and of the usual arrivals. Codes are
ISO 639-1, or BCP 47 tags where the language needs one (Dari `fa-AF`, Simplified Chinese
`zh-Hans`). The script decides the PDF's fonts (nrm/guide/pdf.py); the direction decides
`dir` on the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Script(StrEnum):
    LATIN = "Latn"
    CYRILLIC = "Cyrl"
    ARABIC = "Arab"
    BENGALI = "Beng"
    DEVANAGARI = "Deva"
    GURMUKHI = "Guru"
    ETHIOPIC = "Ethi"
    HAN = "Hans"


RTL_SCRIPTS = frozenset({Script.ARABIC})


@dataclass(frozen=True)
class Language:
    code: str
    native_name: str
    english_name: str
    script: Script

    @property
    def rtl(self) -> bool:
        return self.script in RTL_SCRIPTS

    @property
    def direction(self) -> str:
        return "rtl" if self.rtl else "ltr"


L, S = Language, Script
LANGUAGES: tuple[Language, ...] = (
    L("en", "English", "English", S.LATIN),
    L("fr", "Français", "French", S.LATIN),
    L("nl", "Nederlands", "Dutch", S.LATIN),
    L("de", "Deutsch", "German", S.LATIN),
    L("ar", "العربية", "Arabic", S.ARABIC),
    L("fa", "فارسی", "Persian (Farsi)", S.ARABIC),
    L("fa-AF", "دری", "Dari", S.ARABIC),
    L("ps", "پښتو", "Pashto", S.ARABIC),
    L("ur", "اردو", "Urdu", S.ARABIC),
    L("bn", "বাংলা", "Bengali", S.BENGALI),
    L("tl", "Tagalog", "Tagalog", S.LATIN),
    L("uk", "Українська", "Ukrainian", S.CYRILLIC),
    L("ru", "Русский", "Russian", S.CYRILLIC),
    L("ro", "Română", "Romanian", S.LATIN),
    L("bg", "Български", "Bulgarian", S.CYRILLIC),
    L("pl", "Polski", "Polish", S.LATIN),
    L("pt", "Português", "Portuguese", S.LATIN),
    L("es", "Español", "Spanish", S.LATIN),
    L("it", "Italiano", "Italian", S.LATIN),
    L("tr", "Türkçe", "Turkish", S.LATIN),
    L("ti", "ትግርኛ", "Tigrinya", S.ETHIOPIC),
    L("am", "አማርኛ", "Amharic", S.ETHIOPIC),
    L("vi", "Tiếng Việt", "Vietnamese", S.LATIN),
    L("zh-Hans", "中文（简体）", "Chinese (Simplified)", S.HAN),
    L("hi", "हिन्दी", "Hindi", S.DEVANAGARI),
    L("pa", "ਪੰਜਾਬੀ", "Punjabi (Gurmukhi)", S.GURMUKHI),
    L("ne", "नेपाली", "Nepali", S.DEVANAGARI),
    L("sq", "Shqip", "Albanian", S.LATIN),
)
BY_CODE: dict[str, Language] = {language.code: language for language in LANGUAGES}


def language_for(code: str) -> Language | None:
    return BY_CODE.get(code)


# A screening records the leaflet's language as an ISO 639-1 code (nrm/inspections), which
# has no tag for Dari or for a script: Dari is recorded as Persian (`fa`, of which it is the
# Afghan variety) and Simplified Chinese as `zh`. The other guide codes are recorded as is.
_RECORDED_AS = {"fa-AF": "fa", "zh-Hans": "zh"}
_GUIDE_FOR_RECORDED = {"zh": "zh-Hans"}


def recorded_code(language: Language) -> str:
    """The code a screening records when this guide is handed out."""
    return _RECORDED_AS.get(language.code, language.code)


def guide_for_recorded(code: str) -> Language | None:
    """The guide to open for a language recorded on a screening, if there is one."""
    return BY_CODE.get(_GUIDE_FOR_RECORDED.get(code, code))
