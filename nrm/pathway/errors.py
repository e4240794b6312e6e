"""Input errors: every problem with its place in the input (a JSON Pointer) and a
translatable sentence, so that the CLI (exit status 2) and the API can report them all."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from nrm.pathway.i18n import Message, Translate, _, identity


@dataclass(frozen=True, slots=True)
class InputProblem:
    path: str
    """JSON Pointer (RFC 6901) to the faulty value; "" is the whole document."""
    message: Message

    def render(self, translate: Translate = identity) -> str:
        return Message(
            _("%(path)s: %(problem)s"),
            {"path": self.path or "/", "problem": self.message.render(translate)},
        ).render(translate)


class PathwayInputError(ValueError):
    def __init__(self, problems: Sequence[InputProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(problem.render() for problem in self.problems))
