"""Translatable sentences for the pathway engine (see nrm/core/text.py)."""

from __future__ import annotations

# One implementation for both pure cores (nrm/core/text.py); the names stay importable here.
from nrm.core.text import Message, Param, Term, Translate, _, identity

__all__ = ["Message", "Param", "Term", "Translate", "_", "identity"]
