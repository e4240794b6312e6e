"""Every interface language is complete: each message of the catalogue has its translation.

Reads the compiled catalogues (`make messages` builds them from the `.po` files): msgfmt
leaves out untranslated and fuzzy entries, so a message missing from the `.mo` is a message
the user would see in English.
"""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings

LOCALE = Path(settings.LOCALE_PATHS[0])
TRANSLATED = [code for code, _name in settings.LANGUAGES if code != "en"]
# One entry of a .po file: optional context, then the message id (first line of it).
ENTRY = re.compile(r'^(?:msgctxt "(?P<ctxt>(?:[^"\\]|\\.)*)"\n)?msgid "', re.MULTILINE)


def entries_in(po: Path) -> int:
    text = po.read_text(encoding="utf-8")
    # The header is the entry with an empty id; obsolete entries start with "#~".
    return len(ENTRY.findall(text)) - 1


def translated_in(mo: Path) -> int:
    with mo.open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    keys = catalogue._catalog  # type: ignore[attr-defined]
    return len({key[0] if isinstance(key, tuple) else key for key in keys if key != ""})


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_message_is_translated(code: str) -> None:
    folder = LOCALE / code / "LC_MESSAGES"
    mo = folder / "django.mo"
    assert mo.exists(), "Compile the catalogues first: make messages."
    assert translated_in(mo) == entries_in(folder / "django.po")
