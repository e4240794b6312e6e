"""User text with bidirectional controls is isolated where a page shows it.

A right-to-left override (U+202E) in a name or a note reverses everything after it on the
line: "Maria<U+202E> fdp.exe" shows as "Maria exe.pdf", and an override left open runs on into
the page's own words. Wrapping such text in a first-strong isolate (U+2068 … U+2069, the
plain-text form of `<bdi>`) confines every embedding, override and isolate it opens to the
text itself. Text without those controls (nearly all of it, Arabic and Hebrew included:
they need no controls) is shown unchanged.

The one place every `{{ value }}` of a template passes through is Django's
`render_value_in_context`, so the isolation is installed there once (`install`, called by
the core app's `ready`), instead of a filter on each of hundreds of variables. Django's
own form-widget templates are left alone: a value inside `<input value="…">` is already its
own paragraph, and isolating it there would send the isolates back with the form.
"""

from __future__ import annotations

import re
from typing import Any

from django.template import base, defaulttags
from django.templatetags import i18n

# Embeddings and overrides (LRE, RLE, PDF, LRO, RLO) and isolates (LRI, RLI, FSI, PDI).
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_INITIATORS = frozenset("\u2066\u2067\u2068")
FSI, PDI = "\u2068", "\u2069"


def isolate(text: str) -> str:
    """`text` wrapped in an isolate if it holds bidirectional controls, else unchanged.

    A stray PDI inside would close the wrapper early and let what follows escape it, so
    unmatched PDIs are dropped and the isolates the text leaves open are closed."""
    if not BIDI_CONTROLS.search(text):
        return text
    kept: list[str] = []
    open_isolates = 0
    for char in text:
        if char in _INITIATORS:
            open_isolates += 1
        elif char == PDI:
            if open_isolates == 0:
                continue
            open_isolates -= 1
        kept.append(char)
    return FSI + "".join(kept) + PDI * open_isolates + PDI


_django_render_value_in_context = base.render_value_in_context


def _in_form_widget(context: Any) -> bool:
    origin = getattr(getattr(context, "template", None), "origin", None)
    name = str(getattr(origin, "name", "") or "")
    return "/django/forms/" in name.replace("\\", "/")


def render_value_in_context(value: Any, context: Any) -> str:
    rendered: str = _django_render_value_in_context(value, context)
    if not BIDI_CONTROLS.search(rendered) or _in_form_widget(context):
        return rendered
    # Escaped text stays safe (SafeString): the isolate characters are not markup.
    return type(rendered)(isolate(rendered))


def install() -> None:
    """Route every template variable through the isolation (idempotent): `{{ }}`, the
    variables of `{% blocktranslate %}`, `{% firstof %}` and `{% cycle %}`, each module
    holding its own reference to Django's function."""
    for module in (base, defaulttags, i18n):
        module.render_value_in_context = render_value_in_context  # type: ignore[attr-defined]
