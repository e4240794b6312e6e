"""Word-level differences between two versions of a text, for the manual and the minutes."""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

Op = Literal["same", "removed", "added"]


@dataclass(frozen=True)
class Segment:
    op: Op
    text: str


def word_diff(old: str, new: str) -> list[Segment]:
    """The new text as segments kept, removed and added, word by word (spaces kept)."""
    a, b = old.split(" "), new.split(" ")
    segments: list[Segment] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            segments.append(Segment("same", " ".join(a[i1:i2])))
            continue
        if tag in {"replace", "delete"}:
            segments.append(Segment("removed", " ".join(a[i1:i2])))
        if tag in {"replace", "insert"}:
            segments.append(Segment("added", " ".join(b[j1:j2])))
    return segments


def fields_diff(old: dict[str, str], new: dict[str, str]) -> dict[str, list[Segment]]:
    """Per field that changed, its word diff; unchanged fields are left out."""
    return {
        name: word_diff(old.get(name, ""), value)
        for name, value in new.items()
        if old.get(name, "") != value
    }
