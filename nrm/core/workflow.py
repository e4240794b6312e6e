"""What every workflow table shares: whether an actor may take a transition now, and why.

Each app keeps its own transition table (its states, parties and guards differ); the
answer to "may I, and if not why" has one shape everywhere, so pages render disabled
buttons with their reason and actions raise the matching refusal (403 or 409).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from nrm.core.errors import DomainError


class NamedTransition(Protocol):
    @property
    def name(self) -> str: ...


TransitionT = TypeVar("TransitionT", bound=NamedTransition)


@dataclass(frozen=True)
class Availability(Generic[TransitionT]):
    """Whether the actor may take a transition now, and why (or why not)."""

    transition: TransitionT
    allowed: bool
    reason: str
    refusal: type[DomainError] | None = None

    @property
    def name(self) -> str:
        return self.transition.name

    def raise_if_refused(self) -> None:
        if self.refusal is not None:
            raise self.refusal(self.reason)
