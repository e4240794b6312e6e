"""Translatable sentences for the pure cores, which cannot import Django.

Reasons, explanations and labels are whole sentences marked with `_` (a gettext_noop:
Django's makemessages collects every `_("...")` literal) with named `%(name)s`
parameters; the edge translates them with its own `translate` callable (Django's gettext).
Shared by `nrm.law` and `nrm.pathway`; this module must never import Django.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

Translate = Callable[[str], str]


@dataclass(frozen=True, slots=True)
class Term:
    """A name the reader knows (a state, an event, a document) standing in a sentence.

    Codes such as `REFLECTION` are identifiers for programs; a person reads the term's
    label, translated with the sentence that holds it (issue 16: no enum names in
    explanations)."""

    label: str
    code: str = ""

    def __str__(self) -> str:
        return self.label


Param = str | int | Term


def _(message: str) -> str:
    """Mark `message` for extraction; translation happens later, at the edge."""
    return message


def identity(message: str) -> str:
    return message


@dataclass(frozen=True, slots=True)
class Message:
    """One whole, translatable sentence with named parameters."""

    template: str
    params: Mapping[str, Param] = field(default_factory=dict, hash=False)

    def render(self, translate: Translate = identity) -> str:
        # Always apply the mapping, so "%%" in a template means the same thing whether
        # or not the sentence has parameters (as gettext's python-format expects).
        params = {
            name: translate(value.label) if isinstance(value, Term) else value
            for name, value in self.params.items()
        }
        return translate(self.template) % params

    def __str__(self) -> str:
        return self.render()


def join_codes(codes: Iterable[object]) -> str:
    """Codes (enum values, provision ids) are identifiers, never translated; sorted so
    that the same facts always give the same sentence."""
    return ", ".join(sorted(str(code) for code in codes))
