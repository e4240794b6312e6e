"""Reading a file of local questions with the line each object starts on.

The file is JSON: `{"questions": [{...}, ...]}` (or the list alone). Python's decoder
gives no positions, so its pure-Python object parser is wrapped to note the line of every
object; the loader then names the line and field of each problem, as the other imports do.
"""

from __future__ import annotations

import bisect
import json
import json.decoder
import json.scanner
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from nrm.indicators.actions import LoadError, LoadItem

MAX_BYTES = 1_000_000


class LocatedDict(dict[str, Any]):
    """A JSON object that knows the line it starts on."""

    line: int = 0


class FileProblem(Exception):
    def __init__(self, error: LoadError) -> None:
        super().__init__(f"line {error.line}: {error.message}")
        self.error = error


def _located_loads(text: str) -> Any:
    newlines = [i for i, c in enumerate(text) if c == "\n"]

    def line_at(index: int) -> int:
        return bisect.bisect_left(newlines, index) + 1

    decoder = json.JSONDecoder()

    def parse_object(
        s_and_end: tuple[str, int],
        strict: bool,
        scan_once: Callable[[str, int], tuple[Any, int]],
        object_hook: Any,
        object_pairs_hook: Any,
        memo: dict[str, str] | None = None,
    ) -> tuple[LocatedDict, int]:
        start = s_and_end[1] - 1  # the index of "{"
        value, end = json.decoder.JSONObject(  # type: ignore[attr-defined]
            s_and_end, strict, scan_once, object_hook, object_pairs_hook, memo
        )
        located = LocatedDict(value)
        located.line = line_at(start)
        return located, end

    decoder.parse_object = parse_object  # type: ignore[attr-defined]
    # The C scanner ignores an overridden parse_object; the Python one calls it.
    decoder.scan_once = json.scanner.py_make_scanner(decoder)  # type: ignore[attr-defined]
    return decoder.decode(text)


def _nested_lines(raw: LocatedDict) -> dict[str, int]:
    lines: dict[str, int] = {}
    for key, value in raw.items():
        if isinstance(value, LocatedDict):
            lines[key] = value.line
        elif isinstance(value, list):
            for index, one in enumerate(value):
                if isinstance(one, LocatedDict):
                    lines[f"{key}[{index}]"] = one.line
                    for inner, line in _nested_lines(one).items():
                        lines[f"{key}[{index}].{inner}"] = line
    return lines


def items_from_text(text: str) -> list[LoadItem]:
    """The file's questions; `FileProblem` for a file that is not such a JSON document."""
    try:
        document = _located_loads(text)
    except json.JSONDecodeError as exc:
        raise FileProblem(
            LoadError(exc.lineno, "", _("Not valid JSON: %(error)s.") % {"error": exc.msg})
        ) from exc
    questions = document.get("questions") if isinstance(document, dict) else document
    if not isinstance(questions, list):
        raise FileProblem(
            LoadError(1, "questions", _('The file holds a list of questions under "questions".'))
        )
    items: list[LoadItem] = []
    for index, raw in enumerate(questions):
        if not isinstance(raw, LocatedDict):
            raise FileProblem(
                LoadError(
                    getattr(document, "line", 1),
                    f"questions[{index}]",
                    _("A question is a JSON object."),
                )
            )
        items.append(LoadItem(raw=raw, line=raw.line, lines=_nested_lines(raw)))
    return items


def items_from_file(path: Path) -> list[LoadItem]:
    if path.stat().st_size > MAX_BYTES:
        raise FileProblem(LoadError(1, "", _("The file is larger than 1 MB.")))
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise FileProblem(LoadError(1, "", _("The file is not UTF-8 text."))) from exc
    return items_from_text(text)
