"""Translatable sentences without Django.

The core must stay importable without Django, yet every sentence it produces reaches
users in their own language. Sentences are therefore built as `Message` objects whose
template is a whole sentence marked with `_` (a gettext_noop: xgettext and Django's
makemessages collect it) and whose variable parts are named `%(name)s` parameters.
The edge renders them with the real `gettext`.
"""

from __future__ import annotations

# One implementation for both pure cores (nrm/core/text.py); the names stay importable here.
from nrm.core.text import Message, Param, Translate, _, identity, join_codes

__all__ = ["Message", "Param", "Translate", "_", "identity", "join_codes"]
