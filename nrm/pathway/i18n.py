"""Translatable sentences for a core that cannot import Django.

Reasons, actions, labels and legal bases are whole sentences marked with `_` (a
gettext_noop: Django's makemessages collects every `_("...")` literal) with named
`%(name)s` parameters; the edge translates them with its own `translate` callable.

This mirrors `nrm.law.i18n` on purpose (same names, same behaviour) without importing the
whole qualification engine; the two can merge into one shared module.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

Translate = Callable[[str], str]
Param = str | int


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
        # Always apply the mapping, so "%%" means the same with or without parameters, as
        # gettext's python-format expects.
        return translate(self.template) % self.params

    def __str__(self) -> str:
        return self.render()
